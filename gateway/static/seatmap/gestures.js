// Pointer and wheel input on the map canvas, turned into zoom, pan, taps and
// hovers. One pointer (mouse, pen or finger) drags to pan; two fingers pinch
// to zoom around their midpoint and pan with it; a press that barely moved
// is a tap; the wheel (and a trackpad's pinch, which arrives as a wheel
// event with ctrlKey) zooms around the pointer.

/** How far (CSS px) a press may move and still count as a tap. */
const tapSlop = 6;

const distance = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);
const midpoint = (a, b) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * @param {HTMLCanvasElement} canvas
 * @param {import('./viewport.js').Viewport} view
 * @param {object} on
 * @param {() => void} on.moved the view changed: redraw
 * @param {(point: {x: number, y: number}) => void} on.tap a press that did not drag, canvas CSS px
 * @param {(point: {x: number, y: number} | null) => void} on.hover the mouse is over a point, or left
 */
export function wireGestures(canvas, view, on) {
  const pointers = new Map(); // pointerId → its last point
  let press = null; // the single press that may still become a tap

  const local = (event) => {
    const box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };

  canvas.addEventListener('pointerdown', (event) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    canvas.setPointerCapture(event.pointerId);
    const point = local(event);
    pointers.set(event.pointerId, point);
    press = pointers.size === 1 ? { ...point, dragging: false } : null;
  });

  canvas.addEventListener('pointermove', (event) => {
    const point = local(event);
    const before = pointers.get(event.pointerId);
    if (!before) return on.hover(point);
    if (pointers.size === 1) {
      if (press && !press.dragging && distance(point, press) < tapSlop) return;
      if (press) press.dragging = true;
      view.panBy(point.x - before.x, point.y - before.y);
    } else {
      const other = [...pointers.entries()].find(([id]) => id !== event.pointerId)?.[1];
      if (other) pinch(view, before, point, other);
    }
    pointers.set(event.pointerId, point);
    on.moved();
  });

  const release = (event) => {
    if (!pointers.delete(event.pointerId)) return;
    if (event.type === 'pointerup' && press && !press.dragging && pointers.size === 0) on.tap(local(event));
    if (pointers.size === 0) press = null;
  };
  canvas.addEventListener('pointerup', release);
  canvas.addEventListener('pointercancel', release);
  canvas.addEventListener('pointerleave', (event) => event.pointerType === 'mouse' && on.hover(null));

  canvas.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const lines = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? view.height : 1;
      const speed = event.ctrlKey ? 0.01 : 0.002;
      const point = local(event);
      view.zoomAt(Math.exp(-event.deltaY * lines * speed), point.x, point.y);
      on.moved();
    },
    { passive: false },
  );
}

/** One finger of two moved from `before` to `after`: zoom by the spread, pan by the midpoint. */
function pinch(view, before, after, other) {
  const from = midpoint(before, other);
  const to = midpoint(after, other);
  const spread = distance(before, other);
  if (spread > 0) view.zoomAt(distance(after, other) / spread, from.x, from.y);
  view.panBy(to.x - from.x, to.y - from.y);
}
