// The seat map on the page: one canvas with its zoom buttons, pointer and
// keyboard input. It draws a plan with each seat's current colour and tells
// the page which seat is pointed at and which one is chosen. A pointer can
// choose a seat only once seats are drawn at least 24 CSS px big (see
// viewport.js): a tap on smaller ones zooms in towards it first, and the
// second tap chooses.

import { SeatCanvas, seatBox } from './draw.js';
import { wireGestures } from './gestures.js';
import { Viewport } from './viewport.js';

/** Beyond this many changed seats one full draw is cheaper than cell by cell. */
const partialUpTo = 500;
const zoomStep = 1.6;

export class SeatMapView {
  /**
   * @param {object} options
   * @param {HTMLElement} options.container the map's box; its shape follows the plan's
   * @param {HTMLCanvasElement} options.canvas
   * @param {{zoomIn: HTMLElement, zoomOut: HTMLElement, fit: HTMLElement}} options.buttons
   * @param {(index: number) => string} options.fillOf a seat's colour, by its seatmap.css name
   * @param {(index: number | undefined) => void} options.point a seat is hovered or under the keyboard cursor
   * @param {(index: number) => void} options.choose a seat was tapped or clicked (big enough), or Enter/Space
   */
  constructor(options) {
    this.options = options;
    this.canvas = options.canvas;
    this.view = new Viewport();
    this.painter = new SeatCanvas(this.canvas);
    this.plan = null;
    this.fitted = true; // until the user zooms or pans, a resize fits the plan again
    this.cursor = undefined; // the keyboard's seat
    this.hovered = undefined;
    this.byKeyboard = true; // whether the canvas was last used by keyboard (Tab counts)
    this.frame = 0;
    this.wire();
  }

  setPlan(plan) {
    this.plan = plan;
    this.cursor = undefined;
    this.hovered = undefined;
    this.options.container.style.aspectRatio = `${plan.width} / ${plan.height}`;
    this.view.setContent(plan.width, plan.height);
    this.fitted = true;
    this.redraw();
  }

  /** Repaints those seats (their colour or ring changed); a full draw when many did. */
  repaint(indexes) {
    if (!this.plan || this.frame) return; // a full draw is coming anyway
    const list = [...indexes];
    if (list.length === 0) return;
    if (list.length > partialUpTo) return this.redraw();
    if (!this.painter.paint(this.plan, this.view, this.options.fillOf, this.marks(), list)) this.redraw();
  }

  /** One full draw on the next frame, however many asked for it. */
  redraw() {
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      if (this.plan) this.painter.draw(this.plan, this.view, this.options.fillOf, this.marks());
    });
  }

  /** Zooms and scrolls so these seats are in the middle, big enough to tap. */
  showSeats(indexes) {
    const seats = indexes.map((i) => this.plan?.seats[i]).filter(Boolean);
    if (seats.length === 0) return;
    const x = Math.min(...seats.map((s) => s.gx));
    const y = Math.min(...seats.map((s) => s.gy));
    const width = Math.max(...seats.map((s) => s.gx)) + 1 - x;
    const height = Math.max(...seats.map((s) => s.gy)) + 1 - y;
    this.view.show({ x, y, width, height });
    this.moved();
  }

  /** Where a seat is drawn now, in page (client) CSS px: its square's centre and size. */
  seatOnPage(index) {
    const seat = this.plan?.seats[index];
    if (!seat) return null;
    const box = this.canvas.getBoundingClientRect();
    const { x, y, size } = seatBox(seat, this.view);
    return { x: box.left + x + size / 2, y: box.top + y + size / 2, size };
  }

  marks() {
    const marks = new Map();
    if (this.hovered !== undefined) marks.set(this.hovered, 'hover');
    if (this.cursor !== undefined && this.keyboardFocused()) marks.set(this.cursor, 'focus');
    return marks;
  }

  /** Shows the whole plan, and keeps it whole when the canvas is resized. */
  fit() {
    this.view.fit();
    this.fitted = true;
    this.redraw();
  }

  moved() {
    this.fitted = false;
    this.redraw();
  }

  wire() {
    const { buttons } = this.options;
    const zoom = (factor) => {
      this.view.zoomAt(factor, this.view.width / 2, this.view.height / 2);
      this.moved();
    };
    buttons.zoomIn.addEventListener('click', () => zoom(zoomStep));
    buttons.zoomOut.addEventListener('click', () => zoom(1 / zoomStep));
    buttons.fit.addEventListener('click', () => this.fit());
    wireGestures(this.canvas, this.view, {
      moved: () => this.moved(),
      tap: (point) => this.tap(point),
      hover: (point) => this.hover(point),
    });
    this.canvas.addEventListener('pointerdown', () => (this.byKeyboard = false));
    this.canvas.addEventListener('keydown', (event) => {
      this.byKeyboard = true;
      this.key(event);
    });
    this.canvas.addEventListener('focus', () => this.focus());
    this.canvas.addEventListener('blur', () => this.cursor !== undefined && this.repaint([this.cursor]));
    new window.ResizeObserver(([entry]) => this.resize(entry.contentRect)).observe(this.options.container);
  }

  resize({ width, height }) {
    this.painter.resize(width, height);
    this.view.setSize(width, height);
    if (this.fitted) this.view.fit();
    if (this.frame) window.cancelAnimationFrame(this.frame);
    this.frame = 0;
    // Drawn at once: a resized canvas is blank until then.
    if (this.plan) this.painter.draw(this.plan, this.view, this.options.fillOf, this.marks());
  }

  seatAt(point) {
    const world = this.view.toWorld(point.x, point.y);
    return this.plan?.seatAt(world.x, world.y);
  }

  tap(point) {
    if (!this.plan) return;
    if (!this.view.tappable) {
      this.view.zoomToTap(point.x, point.y);
      this.moved();
      return;
    }
    const index = this.seatAt(point);
    if (index === undefined) return;
    this.cursor = index; // the keyboard goes on from the seat last chosen
    this.options.choose(index);
  }

  hover(point) {
    const index = point ? this.seatAt(point) : undefined;
    this.canvas.dataset.pointing = index === undefined ? '' : this.view.tappable ? 'seat' : 'zoom';
    if (index === this.hovered) return;
    const before = this.hovered;
    this.hovered = index;
    this.repaint([before, index].filter((i) => i !== undefined));
    if (index !== undefined) this.options.point(index);
  }

  /** Tabbing into the map shows the keyboard's seat (see placeCursor). */
  focus() {
    if (!this.placeCursor()) return;
    this.repaint([this.cursor]);
    if (this.keyboardFocused()) this.options.point(this.cursor);
  }

  /**
   * Puts the keyboard's seat on the seat nearest the middle of what is
   * shown, unless it is already in view; false when there are no seats.
   */
  placeCursor() {
    if (!this.plan || this.plan.seats.length === 0) return false;
    const seat = this.plan.seats[this.cursor];
    const shown = this.view.visible();
    const inView =
      seat &&
      seat.gx >= shown.x &&
      seat.gx + 1 <= shown.x + shown.width &&
      seat.gy >= shown.y &&
      seat.gy + 1 <= shown.y + shown.height;
    if (!inView) {
      const before = this.cursor;
      this.cursor = this.nearest(shown.x + shown.width / 2, shown.y + shown.height / 2);
      if (before !== undefined) this.repaint([before]);
    }
    return true;
  }

  /** The cursor's ring is for keyboard users: it shows from a key press (or Tab) until the next pointer press. */
  keyboardFocused() {
    return document.activeElement === this.canvas && this.byKeyboard;
  }

  nearest(wx, wy) {
    let best;
    let bestDistance = Infinity;
    for (const seat of this.plan.seats) {
      const d = (seat.gx + 0.5 - wx) ** 2 + (seat.gy + 0.5 - wy) ** 2;
      if (d < bestDistance) [best, bestDistance] = [seat.index, d];
    }
    return best;
  }

  /** Arrow keys walk the seats, Enter or Space chooses, + and - zoom, 0 shows everything. */
  key(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || !this.placeCursor()) return;
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const zooms = { '+': zoomStep, '=': zoomStep, '-': 1 / zoomStep };
    if (moves[event.key]) this.moveCursor(...moves[event.key]);
    else if (event.key === 'Enter' || event.key === ' ') this.options.choose(this.cursor);
    else if (zooms[event.key]) {
      const at = this.view.toScreen(this.plan.seats[this.cursor].gx + 0.5, this.plan.seats[this.cursor].gy + 0.5);
      this.view.zoomAt(zooms[event.key], at.x, at.y);
      this.moved();
    } else if (event.key === '0') this.fit();
    else return;
    event.preventDefault();
  }

  moveCursor(dx, dy) {
    const seat = this.plan.seats[this.cursor];
    const lines = this.plan.lines;
    const at = lines.findIndex((line) => line.gy === seat.gy);
    let next;
    if (dx !== 0) next = lines[at].indexes[lines[at].indexes.indexOf(this.cursor) + dx];
    else {
      const line = lines[at + dy];
      next = line?.indexes.reduce((a, b) =>
        Math.abs(this.plan.seats[b].gx - seat.gx) < Math.abs(this.plan.seats[a].gx - seat.gx) ? b : a,
      );
    }
    if (next === undefined) return;
    const before = this.cursor;
    this.cursor = next;
    const target = this.plan.seats[next];
    const cell = { x: target.gx, y: target.gy, width: 1, height: 1 };
    const { scale, x, y } = this.view;
    if (this.view.tappable) this.view.reveal(cell);
    else this.view.show(cell);
    if (scale !== this.view.scale || x !== this.view.x || y !== this.view.y) this.moved();
    else this.repaint([before, next]);
    this.options.point(next);
  }
}
