// Where each seat is drawn, in grid units: the layout's (x, y) turned into
// one picture. A screening is one block below its screen, with row names on
// both sides; a trip draws each coach as its own band, one under the other,
// so a long train stays readable. Every seat owns the unit cell at
// (gx, gy) and draws only inside it, so one seat can be redrawn alone.

const rowNameSpace = 2; // units beside a screening's rows for their names
const screenSpace = 3; // units above a screening's seats for the screen
const bandHead = 2; // units above a coach's seats for its name and body
const bandGap = 1;
const margin = 1;

/**
 * @typedef {object} Place a seat as the layout URL serves it
 * @property {string} code
 * @property {string} label
 * @property {string} row
 * @property {number} number
 * @property {string} category
 * @property {number} x
 * @property {number} y
 * @property {boolean} accessible
 */

function bounds(places) {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const { x, y } of places) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return { minX, maxX, minY, maxY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/** Coaches in train order: the seats of each `row` (one per coach), by position. */
function coaches(seats) {
  const byRow = new Map();
  for (const seat of seats) {
    if (!byRow.has(seat.row)) byRow.set(seat.row, []);
    byRow.get(seat.row).push(seat);
  }
  return [...byRow.values()].sort((a, b) => bounds(a).minX - bounds(b).minX);
}

/**
 * The drawing plan of a layout: `seats` in layout order (each place with its
 * `index` and cell `gx`, `gy`), the picture's `width` and `height`, and what
 * is drawn around the seats.
 *
 * @param {Place[]} places
 * @param {'SCREENING' | 'TRIP'} kind
 */
export function buildPlan(places, kind) {
  const seats = places.map((place, index) => ({ ...place, index, gx: 0, gy: 0 }));
  const plan = kind === 'TRIP' ? tripPlan(seats) : screeningPlan(seats);
  const cells = new Map(seats.map((seat) => [cellKey(seat.gx, seat.gy), seat.index]));
  return {
    kind,
    seats,
    ...plan,
    /** The seat whose cell holds the point (grid units), if any. */
    seatAt(wx, wy) {
      return cells.get(cellKey(Math.floor(wx), Math.floor(wy)));
    },
    lines: lines(seats),
  };
}

function cellKey(gx, gy) {
  return gx * 65536 + gy;
}

function screeningPlan(seats) {
  if (seats.length === 0) return { width: 1, height: 1, screen: null, rowNames: [], bands: [] };
  const box = bounds(seats);
  const left = margin + rowNameSpace;
  const top = margin + screenSpace;
  for (const seat of seats) {
    seat.gx = left + seat.x - box.minX;
    seat.gy = top + seat.y - box.minY;
  }
  const rowNames = [];
  const named = new Set();
  for (const seat of seats) {
    if (named.has(seat.gy)) continue;
    named.add(seat.gy);
    rowNames.push({ text: seat.row, gy: seat.gy, left: left - 0.3, right: left + box.width + 0.3 });
  }
  const width = left + box.width + rowNameSpace + margin;
  const screen = { x0: left, x1: left + box.width, y: margin + 0.5, seatsFrom: top };
  return { width, height: top + box.height + margin, screen, rowNames, bands: [] };
}

function tripPlan(seats) {
  const bands = [];
  let top = margin;
  let width = 1;
  for (const group of coaches(seats)) {
    const box = bounds(group);
    const first = group[0];
    const name = first.label.includes(' / ') ? first.label.split(' / ')[0] : first.row;
    for (const seat of group) {
      seat.gx = margin + seat.x - box.minX;
      seat.gy = top + bandHead + seat.y - box.minY;
    }
    bands.push({
      label: `${name} · ${first.category}`,
      labelY: top + 1,
      body: { x: margin - 0.4, y: top + bandHead - 0.4, width: box.width + 0.8, height: box.height + 0.8 },
    });
    width = Math.max(width, margin + box.width + margin);
    top += bandHead + box.height + bandGap;
  }
  return { width: Math.ceil(width), height: top - bandGap + margin, screen: null, rowNames: [], bands };
}

/** Seats by drawn row (top to bottom), each left to right: what arrow keys walk. */
function lines(seats) {
  const byY = new Map();
  for (const seat of seats) {
    if (!byY.has(seat.gy)) byY.set(seat.gy, []);
    byY.get(seat.gy).push(seat.index);
  }
  return [...byY.entries()]
    .sort(([a], [b]) => a - b)
    .map(([gy, indexes]) => ({ gy, indexes: indexes.sort((a, b) => seats[a].gx - seats[b].gx) }));
}
