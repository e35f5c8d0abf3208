// Draws a seat plan on one canvas: ten thousand seats are a handful of
// filled paths, not ten thousand DOM nodes. Zoom and pan redraw what is in
// view; a live change repaints only the changed seats' cells (each seat
// draws inside its own cell, see plan.js). Colours come from seatmap.css.

/** The colours a seat or the picture uses, by their CSS custom property names. */
const colourNames = [
  ...['cat-0', 'cat-1', 'cat-2', 'cat-3', 'cat-4', 'cat-5'],
  ...['held', 'booked', 'selected', 'mine', 'access', 'accent', 'muted', 'line', 'text', 'card', 'coach'],
];
/** Seat numbers are drawn from this seat size (CSS px) up, row names from this scale up. */
const numbersFromPx = 16;
const rowNamesFromScale = 12;
const detailsFromPx = 8;

export class SeatCanvas {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    const style = window.getComputedStyle(canvas);
    this.colours = Object.fromEntries(colourNames.map((name) => [name, style.getPropertyValue(`--${name}`).trim()]));
    this.font = style.fontFamily;
    this.dpr = 1;
    this.pinnedWidth = 0; // CSS px at the left edge covered by pinned row names
    /** How often each kind of drawing ran: a live change should cost a partial one. */
    this.counts = { full: 0, partial: 0 };
  }

  /** Matches the backing store to the CSS size and the screen's pixel density. */
  resize(width, height) {
    this.dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(width * this.dpr));
    this.canvas.height = Math.max(1, Math.round(height * this.dpr));
  }

  /**
   * Draws everything in view. `fillOf(index)` names a seat's colour;
   * `marks` rings some seats ('focus' for the keyboard cursor, 'hover').
   */
  draw(plan, view, fillOf, marks) {
    const { ctx } = this;
    this.counts.full++;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = this.colours.card;
    ctx.fillRect(0, 0, view.width, view.height);
    this.surroundings(plan, view);
    const shown = inView(plan, view);
    const byFill = new Map();
    for (const seat of shown) {
      const fill = fillOf(seat.index);
      if (!byFill.has(fill)) byFill.set(fill, []);
      byFill.get(fill).push(seat);
    }
    for (const [fill, seats] of byFill) {
      ctx.fillStyle = this.colours[fill];
      ctx.beginPath();
      for (const seat of seats) this.seatPath(seat, view);
      ctx.fill();
    }
    if (view.seatPx >= detailsFromPx) for (const seat of shown) this.details(seat, view);
    this.rowNames(plan, view);
    for (const [index, mark] of marks) this.ring(plan.seats[index], view, mark);
  }

  /**
   * Repaints only these seats' cells: what a live change or a selection
   * costs. False when a cell lies under a row name pinned to the left edge
   * (see rowNames): then only a full draw gets it right.
   */
  paint(plan, view, fillOf, marks, indexes) {
    const { ctx } = this;
    this.counts.partial++;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    const background = plan.kind === 'TRIP' ? this.colours.coach : this.colours.card;
    for (const index of indexes) {
      const seat = plan.seats[index];
      if (!seat) continue;
      const cell = view.toScreen(seat.gx, seat.gy);
      if (cell.x > view.width || cell.y > view.height || cell.x + view.scale < 0 || cell.y + view.scale < 0) continue;
      if (cell.x < this.pinnedWidth) return false;
      ctx.fillStyle = background;
      ctx.fillRect(cell.x, cell.y, view.scale, view.scale);
      ctx.fillStyle = this.colours[fillOf(index)];
      ctx.beginPath();
      this.seatPath(seat, view);
      ctx.fill();
      if (view.seatPx >= detailsFromPx) this.details(seat, view);
      const mark = marks.get(index);
      if (mark) this.ring(seat, view, mark);
    }
    return true;
  }

  seatPath(seat, view) {
    const { x, y, size } = seatBox(seat, view);
    if (size < 6) this.ctx.rect(x, y, size, size);
    else this.ctx.roundRect(x, y, size, size, size * 0.22);
  }

  /** The seat number and the accessible mark, once seats are big enough to show them. */
  details(seat, view) {
    const { ctx } = this;
    const { x, y, size } = seatBox(seat, view);
    if (seat.accessible) {
      ctx.fillStyle = this.colours.access;
      ctx.beginPath();
      ctx.arc(x + size * 0.92, y + size * 0.08, size * 0.2, 0, 2 * Math.PI);
      ctx.fill();
    }
    if (size < numbersFromPx) return;
    ctx.fillStyle = '#fff';
    ctx.font = `${Math.min(14, size * 0.42)}px ${this.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(String(seat.number), x + size / 2, y + size / 2 + 0.5);
  }

  ring(seat, view, mark) {
    if (!seat) return;
    const { ctx } = this;
    const { x, y, size } = seatBox(seat, view);
    const width = mark === 'focus' ? Math.max(2, size * 0.1) : 1.5;
    ctx.strokeStyle = mark === 'focus' ? this.colours.accent : this.colours.text;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.roundRect(x + width / 2, y + width / 2, size - width, size - width, size * 0.22);
    ctx.stroke();
  }

  /** The screen and the coaches' bodies with their names. */
  surroundings(plan, view) {
    const { ctx } = this;
    for (const band of plan.bands) {
      const body = view.toScreen(band.body.x, band.body.y);
      ctx.fillStyle = this.colours.coach;
      ctx.strokeStyle = this.colours.line;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.roundRect(body.x, body.y, band.body.width * view.scale, band.body.height * view.scale, 0.4 * view.scale);
      ctx.fill();
      ctx.stroke();
      const at = view.toScreen(band.body.x, band.labelY);
      ctx.fillStyle = this.colours.muted;
      ctx.font = `600 ${labelFont(view.scale * 0.6)} ${this.font}`;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(band.label, at.x, at.y);
    }
    if (plan.screen) this.screen(plan.screen, view);
  }

  /**
   * Row names beside the rows, once they can be read. Zoomed in so far
   * that the names are left of the canvas, they stay pinned to its left
   * edge on a light backing, so the row of any seat in view is known.
   */
  rowNames(plan, view) {
    const { ctx } = this;
    this.pinnedWidth = 0;
    if (view.scale < rowNamesFromScale) return;
    ctx.font = `${labelFont(view.scale * 0.45)} ${this.font}`;
    ctx.textBaseline = 'middle';
    const pad = 4;
    for (const row of plan.rowNames) {
      const left = view.toScreen(row.left, row.gy + 0.5);
      if (left.y < -view.scale || left.y > view.height + view.scale) continue;
      const width = ctx.measureText(row.text).width;
      const right = view.toScreen(row.right, row.gy + 0.5);
      ctx.fillStyle = this.colours.muted;
      ctx.textAlign = 'left';
      ctx.fillText(row.text, right.x, right.y);
      if (left.x - width >= pad) {
        ctx.textAlign = 'right';
        ctx.fillText(row.text, left.x, left.y);
        continue;
      }
      const backing = width + 2 * pad;
      this.pinnedWidth = Math.max(this.pinnedWidth, backing + pad);
      ctx.fillStyle = this.colours.card;
      ctx.globalAlpha = 0.85;
      ctx.beginPath();
      ctx.roundRect(pad, left.y - view.scale * 0.3, backing, view.scale * 0.6, 4);
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.fillStyle = this.colours.text;
      ctx.textAlign = 'left';
      ctx.fillText(row.text, 2 * pad, left.y);
    }
  }

  /** The screen's curve, and its name under it when there is room before the first row. */
  screen(screen, view) {
    const { ctx } = this;
    const left = view.toScreen(screen.x0, screen.y);
    const right = view.toScreen(screen.x1, screen.y);
    ctx.strokeStyle = this.colours.muted;
    ctx.lineWidth = Math.min(6, Math.max(2, view.scale * 0.15));
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(left.x, left.y);
    ctx.quadraticCurveTo((left.x + right.x) / 2, left.y - view.scale * 0.8, right.x, right.y);
    ctx.stroke();
    const room = view.toScreen(0, screen.seatsFrom).y - left.y;
    if (room < 12) return;
    ctx.fillStyle = this.colours.muted;
    ctx.font = `${Math.round(Math.min(13, room * 0.5))}px ${this.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.letterSpacing = '0.3em';
    ctx.fillText('SCREEN', (left.x + right.x) / 2, left.y + room / 2);
    ctx.letterSpacing = '0px';
  }
}

/** A label's font size: grows with the zoom, within readable bounds. */
function labelFont(size) {
  return `${Math.round(Math.min(14, Math.max(9, size)))}px`;
}

/** Where a seat's square is on the canvas, CSS px: centred in its cell. */
export function seatBox(seat, view) {
  const size = view.seatPx;
  const inset = (view.scale - size) / 2;
  return { x: view.x + seat.gx * view.scale + inset, y: view.y + seat.gy * view.scale + inset, size };
}

/** The seats whose cells are at least partly on the canvas. */
function inView(plan, view) {
  const { x, y, width, height } = view.visible();
  return plan.seats.filter((s) => s.gx + 1 > x && s.gx < x + width && s.gy + 1 > y && s.gy < y + height);
}
