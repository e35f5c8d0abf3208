// Draws a seat map as SVG from the seats' grid coordinates (x, y).
// A screening is one block facing the screen; a trip shows each coach as
// its own band, one under the other, so a long train stays readable.

const svgNs = 'http://www.w3.org/2000/svg';
const unit = 28; // grid step in px
const seatSize = 22;
const margin = { left: 34, right: 12, top: 12, bottom: 12 };
const screenHeight = 44;
const bandLabelHeight = 24;
const bandGap = 14;
const numberedUpTo = 3000; // above this many seats, numbers inside seats are left out

function element(name, attributes = {}, parent) {
  const node = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  parent?.appendChild(node);
  return node;
}

function bounds(seats) {
  const xs = seats.map((s) => s.x);
  const ys = seats.map((s) => s.y);
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

/** Coaches in train order: the seats of each `row` (one per coach), sorted by position. */
function coaches(seats) {
  const byRow = new Map();
  for (const seat of seats) {
    if (!byRow.has(seat.row)) byRow.set(seat.row, []);
    byRow.get(seat.row).push(seat);
  }
  return [...byRow.values()].sort((a, b) => bounds(a).minX - bounds(b).minX);
}

/** Bands to draw: `{ label, seats }`, each with its own grid origin. */
function bands(seats, kind) {
  if (kind !== 'TRIP') return [{ label: null, seats }];
  return coaches(seats).map((group) => {
    const first = group[0];
    const name = first.label.includes(' / ') ? first.label.split(' / ')[0] : first.row;
    return { label: `${name} · ${first.category}`, seats: group };
  });
}

/**
 * Draws every seat into `container`, replacing what was there; returns the
 * seat elements by id. `describe(seat)` gives a seat's tooltip text.
 */
export function drawSeatMap(container, seats, { kind, categoryIndex, describe }) {
  const svg = element('svg', { class: `seats ${kind === 'TRIP' ? 'trip' : 'screening'}`, role: 'group' });
  const elements = new Map();
  const numbered = seats.length <= numberedUpTo;
  let top = margin.top;
  let width = 0;
  if (kind !== 'TRIP' && seats.length > 0) top += screenHeight;
  for (const band of bands(seats, kind)) {
    if (band.label) {
      element('text', { class: 'band-label', x: margin.left, y: top + 16 }, svg).textContent = band.label;
      top += bandLabelHeight + 6;
    }
    const box = bounds(band.seats);
    if (kind === 'TRIP') drawCoach(svg, box, top);
    for (const seat of band.seats) {
      const x = margin.left + (seat.x - box.minX) * unit;
      const y = top + (seat.y - box.minY) * unit;
      elements.set(seat.id, drawSeat(svg, seat, x, y, numbered, categoryIndex, describe));
    }
    if (kind !== 'TRIP') drawRowNames(svg, band.seats, box, top);
    width = Math.max(width, margin.left + (box.maxX - box.minX + 1) * unit + margin.right);
    top += (box.maxY - box.minY + 1) * unit + bandGap;
  }
  if (kind !== 'TRIP' && seats.length > 0) drawScreen(svg, width);
  const height = top - bandGap + margin.bottom;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  container.replaceChildren(svg);
  return elements;
}

function drawSeat(svg, seat, x, y, numbered, categoryIndex, describe) {
  const group = element(
    'g',
    {
      class: 'seat',
      'data-seat-id': seat.id,
      'data-status': seat.status,
      'data-category': categoryIndex(seat.category),
      'data-accessible': seat.accessible,
      tabindex: 0,
      role: 'button',
      transform: `translate(${x} ${y})`,
    },
    svg,
  );
  element('rect', { width: seatSize, height: seatSize, rx: 5 }, group);
  if (numbered)
    element('text', { x: seatSize / 2, y: seatSize / 2 + 3.5, class: 'num' }, group).textContent = seat.number;
  if (seat.accessible) element('circle', { class: 'access', cx: seatSize - 1, cy: 1, r: 5 }, group);
  element('title', {}, group);
  describeSeat(group, seat, describe);
  return group;
}

/** Puts a seat's current state into its element: status for the colours, text for tooltips and screen readers. */
export function describeSeat(el, seat, describe) {
  el.setAttribute('data-status', seat.status);
  const text = describe(seat);
  el.setAttribute('aria-label', text);
  el.querySelector('title').textContent = text;
}

/** Row letters left of a screening's rows. */
function drawRowNames(svg, seats, box, top) {
  const rows = new Map();
  for (const seat of seats) if (!rows.has(seat.y)) rows.set(seat.y, seat.row);
  for (const [y, row] of rows) {
    const attributes = { class: 'row-name', x: margin.left - 10, y: top + (y - box.minY) * unit + seatSize / 2 + 4 };
    element('text', attributes, svg).textContent = row;
  }
}

/** A coach's body around its seats. */
function drawCoach(svg, box, top) {
  const pad = 6;
  const attributes = {
    class: 'coach',
    x: margin.left - pad,
    y: top - pad,
    width: (box.maxX - box.minX) * unit + seatSize + 2 * pad,
    height: (box.maxY - box.minY) * unit + seatSize + 2 * pad,
    rx: 10,
  };
  element('rect', attributes, svg);
}

function drawScreen(svg, width) {
  const left = margin.left;
  const right = width - margin.right;
  const y = margin.top + 18;
  element('path', { class: 'screen', d: `M ${left} ${y} Q ${(left + right) / 2} ${y - 16} ${right} ${y}` }, svg);
  const label = element('text', { class: 'screen-label', x: (left + right) / 2, y: y + 16 }, svg);
  label.textContent = 'SCREEN';
}
