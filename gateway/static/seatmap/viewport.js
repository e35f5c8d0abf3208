// Zoom and pan of the seat map: which part of the plan (grid units) the
// canvas shows, at what scale (CSS px per grid unit). A screen point is
// `origin + world × scale`; the plan never drifts out of sight.

/** A seat fills this much of its grid cell; the rest is the gap to its neighbours. */
const seatFraction = 0.8;
/** The smallest seat a pointer may choose: WCAG's minimum target size, in CSS px. */
const minTargetPx = 24;
/** Where a tap on seats that are too small zooms to (seats of 28 px): a little above the minimum. */
const tapScale = 35;
const maxScale = 80;

export class Viewport {
  constructor() {
    this.width = 1; // the canvas, CSS px
    this.height = 1;
    this.contentWidth = 1; // the plan, grid units
    this.contentHeight = 1;
    this.scale = 1;
    this.x = 0; // where the plan's origin is on the canvas, CSS px
    this.y = 0;
  }

  /** Scale at which the whole plan fits, capped so a small hall is not blown up. */
  get fitScale() {
    return Math.min(this.width / this.contentWidth, this.height / this.contentHeight, maxScale);
  }

  get minScale() {
    return this.fitScale;
  }

  get maxScale() {
    return Math.max(this.fitScale, maxScale);
  }

  /** How big a seat is drawn now, in CSS px. */
  get seatPx() {
    return this.scale * seatFraction;
  }

  /** Whether seats are big enough to be chosen by pointer. */
  get tappable() {
    return this.seatPx >= minTargetPx;
  }

  /** The canvas was resized: keep what was in its centre there. */
  setSize(width, height) {
    const centre = this.toWorld(this.width / 2, this.height / 2);
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.centreOn(centre.x, centre.y, this.scale);
  }

  setContent(width, height) {
    this.contentWidth = Math.max(1, width);
    this.contentHeight = Math.max(1, height);
    this.fit();
  }

  fit() {
    this.centreOn(this.contentWidth / 2, this.contentHeight / 2, this.fitScale);
  }

  /** Zooms by `factor`, keeping the plan point under (px, py) where it is. */
  zoomAt(factor, px, py) {
    this.zoomTo(this.scale * factor, px, py);
  }

  zoomTo(scale, px, py) {
    const world = this.toWorld(px, py);
    this.scale = Math.min(this.maxScale, Math.max(this.minScale, scale));
    this.x = px - world.x * this.scale;
    this.y = py - world.y * this.scale;
    this.clamp();
  }

  /** Zooms towards (px, py) until seats can be tapped. */
  zoomToTap(px, py) {
    this.zoomTo(Math.max(this.scale, tapScale), px, py);
  }

  panBy(dx, dy) {
    this.x += dx;
    this.y += dy;
    this.clamp();
  }

  centreOn(wx, wy, scale = this.scale) {
    this.scale = Math.min(this.maxScale, Math.max(this.minScale, scale));
    this.x = this.width / 2 - wx * this.scale;
    this.y = this.height / 2 - wy * this.scale;
    this.clamp();
  }

  /**
   * Centres the plan rectangle (grid units), zoomed in far enough to tap
   * its seats, or as far as it fits when it is too wide for that.
   */
  show(rect) {
    const fits = Math.min(this.width / (rect.width + 2), this.height / (rect.height + 2));
    const scale = Math.min(Math.max(this.scale, tapScale), fits);
    this.centreOn(rect.x + rect.width / 2, rect.y + rect.height / 2, scale);
  }

  /** Moves as little as needed to bring the rectangle into view. */
  reveal(rect) {
    const pad = this.scale;
    const left = this.x + rect.x * this.scale;
    const top = this.y + rect.y * this.scale;
    const right = left + rect.width * this.scale;
    const bottom = top + rect.height * this.scale;
    let dx = 0;
    let dy = 0;
    if (left < pad) dx = pad - left;
    else if (right > this.width - pad) dx = this.width - pad - right;
    if (top < pad) dy = pad - top;
    else if (bottom > this.height - pad) dy = this.height - pad - bottom;
    this.panBy(dx, dy);
  }

  toWorld(px, py) {
    return { x: (px - this.x) / this.scale, y: (py - this.y) / this.scale };
  }

  toScreen(wx, wy) {
    return { x: this.x + wx * this.scale, y: this.y + wy * this.scale };
  }

  /** The plan rectangle the canvas shows now. */
  visible() {
    const from = this.toWorld(0, 0);
    return { x: from.x, y: from.y, width: this.width / this.scale, height: this.height / this.scale };
  }

  /** A plan narrower than the canvas is centred; a wider one may not leave a gap at either side. */
  clamp() {
    const clampAxis = (offset, size, content) =>
      content <= size ? (size - content) / 2 : Math.min(0, Math.max(size - content, offset));
    this.x = clampAxis(this.x, this.width, this.contentWidth * this.scale);
    this.y = clampAxis(this.y, this.height, this.contentHeight * this.scale);
  }
}
