// Best available seats, picked in the browser for now: `count` free seats of
// one category side by side in one row, as near as possible to where the
// view is best. Pure (no DOM, no page state): a server-side best-available
// can replace it with the same inputs and answer.
//
// The rule:
// - Seats are side by side when they are in the same row (same `row` name
//   and the same position across the rows) and one grid step apart; an
//   aisle is a gap in the grid, so a block never spans one.
// - The focal point is the middle of the layout across, and one third of
//   the way back from the front (the screen is at the front, the smallest
//   `y`): middle rows beat the very front ones.
// - A block's score is the squared distance of its centre from the focal
//   point, each axis measured as a share of the layout's extent on it, so a
//   wide hall and a deep one weigh sideways and backwards alike. Lowest
//   wins; on a tie, the block nearer the front, then the one further left.
//
// For a trip, rows run across a coach (`y`) and the train's length (`x`) is
// the depth: the same rule then picks seats a third of the way along the
// train, near the middle of the coach.

/**
 * @param {Array<{row: string, category: string, x: number, y: number}>} seats the layout's seats, in layout order
 * @param {object} wanted
 * @param {string} wanted.category
 * @param {number} wanted.count how many seats, side by side
 * @param {(index: number) => boolean} wanted.isFree whether the seat at this index may be chosen
 * @param {'x' | 'y'} [wanted.across] the axis a row's seats sit along: x for a screening, y for a trip
 * @returns {number[] | null} the chosen seats' indexes, in row order, or null when no block is free
 *
 * @example
 * bestSeats(layout.seats, { category: 'PREMIUM', count: 2, isFree: (i) => statuses[i] === 'A' });
 * // → the indexes of the two free PREMIUM seats side by side with the best view, e.g. [8048, 8049]
 */
export function bestSeats(seats, { category, count, isFree, across = 'x' }) {
  if (count < 1 || seats.length === 0) return null;
  const depthAxis = across === 'x' ? 'y' : 'x';
  const focus = focalPoint(seats, across, depthAxis);
  let best = null;
  for (const row of rows(seats, across, depthAxis)) {
    let run = []; // free seats of the category, side by side, ending at the current one
    for (const index of row) {
      const seat = seats[index];
      const previous = seats[run.at(-1)];
      const fits = seat.category === category && isFree(index);
      if (!fits) run = [];
      else if (previous && seat[across] - previous[across] === 1) run.push(index);
      else run = [index];
      if (run.length < count) continue;
      const block = run.slice(-count);
      const score = scoreOf(
        block.map((i) => seats[i]),
        focus,
        across,
        depthAxis,
      );
      if (!best || better(score, best.score)) best = { block, score };
    }
  }
  return best?.block ?? null;
}

function focalPoint(seats, across, depthAxis) {
  const extent = (axis) => {
    const values = seats.map((s) => s[axis]);
    const min = Math.min(...values);
    return { min, span: Math.max(1, Math.max(...values) - min) };
  };
  const side = extent(across);
  const depth = extent(depthAxis);
  return {
    across: side.min + side.span / 2,
    depth: depth.min + depth.span / 3,
    acrossSpan: side.span,
    depthSpan: depth.span,
  };
}

/** Seats grouped by row, each row in order along it. */
function rows(seats, across, depthAxis) {
  const byRow = new Map();
  seats.forEach((seat, index) => {
    const key = `${seat.row}\u0000${seat[depthAxis]}`;
    if (!byRow.has(key)) byRow.set(key, []);
    byRow.get(key).push(index);
  });
  return [...byRow.values()].map((row) => row.sort((a, b) => seats[a][across] - seats[b][across]));
}

function scoreOf(block, focus, across, depthAxis) {
  const centre = (block[0][across] + block.at(-1)[across]) / 2;
  const depth = block[0][depthAxis];
  const sideways = (centre - focus.across) / focus.acrossSpan;
  const backwards = (depth - focus.depth) / focus.depthSpan;
  return { distance: sideways ** 2 + backwards ** 2, depth, centre };
}

function better(a, b) {
  const epsilon = 1e-9;
  if (Math.abs(a.distance - b.distance) > epsilon) return a.distance < b.distance;
  if (a.depth !== b.depth) return a.depth < b.depth;
  return a.centre < b.centre;
}
