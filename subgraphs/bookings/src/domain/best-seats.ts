import { groupBy, type LayoutSeat } from '@seats/platform';

/**
 * Best available: which free seats to offer a buyer who asks for "n good
 * seats" instead of picking them. Pure: it sees a layout and the seats
 * taken, and says which seats to hold; `HoldService.lockBest` holds them
 * under the same locks as any hold. The rules, in order (README, "Best
 * available"):
 *
 * 1. All the seats in one line, side by side: a cinema row between aisles
 *    (seats whose x differ by one), or one side of a coach's corridor
 *    (seat rows one after another, window and aisle seat of each).
 * 2. No orphan: no single free seat left between the block and a taken
 *    seat or the end of its line. Relaxed (`ORPHAN`) when every block that
 *    fits would leave one.
 * 3. Nearest the focal point: the block's centre closest to `near`, or by
 *    default to the middle of the layout across, a third of the way back
 *    from the screen (a train: a third of the way along it, on the
 *    corridor), each axis measured as a share of the layout's extent, as
 *    the seat-map page's own pick does; on a tie the block nearer the
 *    front, then further left. In a coach, blocks that start at a seat row
 *    (a pair side by side, four facing) and, when asked, hold a window or
 *    aisle seat come first.
 * 4. Split (`SPLIT`) only when no line has that many free seats side by
 *    side: the largest blocks that fit, each nearest the seats chosen
 *    before it.
 */

export type ShowKind = 'SCREENING' | 'TRIP';
export type SeatPosition = 'WINDOW' | 'AISLE';
export type Relaxation = 'ORPHAN' | 'SPLIT';

export interface BestSeatsAsk {
  count: number;
  /** Only seats of this category; any category when null. */
  category: string | null;
  /** Wheelchair spaces only when true; never when false. */
  accessible: boolean;
  /** The point to sit nearest, in layout coordinates; the layout's own when null. */
  near: { x: number; y: number } | null;
  /** Trains: a window or aisle seat in the block. */
  position: SeatPosition | null;
}

export interface BestSeatsChoice {
  /** Seat codes, in line order. */
  seatIds: string[];
  /** The rules given up, in the order above; empty when every rule held. */
  relaxed: Relaxation[];
}

/** Seats side by side, in order: a stretch of a row between aisles, or one side of a coach. */
type Line = readonly LayoutSeat[];

interface Block {
  line: Line;
  start: number;
  orphan: boolean;
  cost: number;
}

const linesByLayout = new WeakMap<readonly LayoutSeat[], Line[]>();

/**
 * The best free seats for the ask, or null when fewer than `count` free
 * seats match it at all.
 *
 * @example
 * const choice = chooseBestSeats('SCREENING', layout.seats, taken, { count: 4, category: null,
 *   accessible: false, near: null, position: null });
 * // { seatIds: ['H11', 'H12', 'H13', 'H14'], relaxed: [] }
 */
export function chooseBestSeats(
  kind: ShowKind,
  seats: readonly LayoutSeat[],
  taken: ReadonlySet<string>,
  ask: BestSeatsAsk,
): BestSeatsChoice | null {
  const lines = linesOf(kind, seats);
  const free = (seat: LayoutSeat) => !taken.has(seat.seatId);
  const fits = (seat: LayoutSeat) =>
    free(seat) &&
    (ask.category === null || seat.category === ask.category) &&
    (seat.accessible ?? false) === ask.accessible;
  const frame = frameOf(kind, seats, ask.near);
  const score = scorer(kind, ask, frame);
  const whole = bestBlock(lines, ask.count, free, fits, score);
  if (whole) return { seatIds: blockSeats(whole, ask.count), relaxed: whole.orphan ? ['ORPHAN'] : [] };
  return split(lines, ask, free, fits, kind, frame);
}

/** The seats of a layout in lines; worked out once per layout revision (the array is cached per revision). */
function linesOf(kind: ShowKind, seats: readonly LayoutSeat[]): Line[] {
  let lines = linesByLayout.get(seats);
  if (!lines) {
    lines = kind === 'TRIP' ? coachSides(seats) : cinemaRows(seats);
    linesByLayout.set(seats, lines);
  }
  return lines;
}

/** Each row, in x order, cut where x jumps by more than one (an aisle, numbers left out). */
function cinemaRows(seats: readonly LayoutSeat[]): Line[] {
  return cutLines(
    groupSorted(
      seats,
      (s) => `${s.row}\u0000${s.y}`,
      (a, b) => a.x - b.x,
    ),
    (a, b) => b.x - a.x === 1,
  );
}

/**
 * Each side of each coach's corridor (y 0-1 and 3-4), seat row after seat
 * row with the window seat first on the left side and the aisle seat first
 * on the right, so that seats 2k and 2k+1 of a line share a seat row.
 */
function coachSides(seats: readonly LayoutSeat[]): Line[] {
  const side = (s: LayoutSeat) => (s.y < 2 ? 0 : 1);
  const sides = groupSorted(
    seats,
    (s) => `${s.row}\u0000${side(s)}`,
    (a, b) => a.x - b.x || a.y - b.y,
  );
  return cutLines(sides, (a, b) => b.x - a.x <= 1);
}

function groupSorted(
  seats: readonly LayoutSeat[],
  keyOf: (seat: LayoutSeat) => string,
  order: (a: LayoutSeat, b: LayoutSeat) => number,
): LayoutSeat[][] {
  return [...groupBy(seats, keyOf).values()].map((group) => group.sort(order));
}

function cutLines(groups: LayoutSeat[][], together: (a: LayoutSeat, b: LayoutSeat) => boolean): Line[] {
  const lines: Line[] = [];
  for (const group of groups) {
    let line: LayoutSeat[] = [];
    for (const seat of group) {
      const last = line.at(-1);
      if (last && !together(last, seat)) {
        lines.push(line);
        line = [];
      }
      line.push(seat);
    }
    if (line.length > 0) lines.push(line);
  }
  return lines;
}

interface Frame {
  near: { x: number; y: number };
  /** The layout's extent on each axis (at least 1), which distances are shares of. */
  width: number;
  depth: number;
}

/** Where the view is best, and the extent distances are measured against. */
function frameOf(kind: ShowKind, seats: readonly LayoutSeat[], near: { x: number; y: number } | null): Frame {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const s of seats) {
    minX = Math.min(minX, s.x);
    maxX = Math.max(maxX, s.x);
    minY = Math.min(minY, s.y);
    maxY = Math.max(maxY, s.y);
  }
  if (seats.length === 0) return { near: near ?? { x: 0, y: 0 }, width: 1, depth: 1 };
  const width = Math.max(1, maxX - minX);
  const depth = Math.max(1, maxY - minY);
  if (near) return { near, width, depth };
  // A train's length runs along x: a third of the way along it, on the corridor (y 2).
  if (kind === 'TRIP') return { near: { x: minX + width / 3, y: 2 }, width, depth };
  return { near: { x: (minX + maxX) / 2, y: minY + depth / 3 }, width, depth };
}

/** What a block costs beyond its distance: a coach block that does not start at a seat row, or lacks the position asked for. */
const misaligned = 1000;
const positionMissed = 2000;
/** Costs closer than this are a tie (mirror-image blocks differ in the last bits). */
const tie = 1e-9;

/** A block's cost: its centre's distance to the focal point (as shares of the extent), plus the coach penalties. */
function scorer(kind: ShowKind, ask: BestSeatsAsk, { near, width, depth }: Frame) {
  return (line: Line, start: number, count: number): number => {
    let x = 0;
    let y = 0;
    let position = ask.position === null;
    for (let i = start; i < start + count; i++) {
      const seat = line[i]!;
      x += seat.x;
      y += seat.y;
      if (!position) position = positionOf(seat) === ask.position;
    }
    let cost = Math.hypot((x / count - near.x) / width, (y / count - near.y) / depth);
    if (kind === 'TRIP') {
      if (count > 1 && !startsSeatRow(line, start)) cost += misaligned;
      if (!position) cost += positionMissed;
    }
    return cost;
  };
}

/** A coach seat's place across the coach (window at y 0 and 4, corridor at y 2). */
function positionOf(seat: LayoutSeat): SeatPosition {
  return seat.y === 0 || seat.y === 4 ? 'WINDOW' : 'AISLE';
}

/** Whether the seat at `start` is the first of its seat row in the line. */
function startsSeatRow(line: Line, start: number): boolean {
  return start === 0 || line[start - 1]!.x !== line[start]!.x;
}

/**
 * The cheapest block of `count` fitting seats in one line: without an
 * orphan when there is one, else with. Null when no line has `count`
 * fitting seats side by side.
 */
function bestBlock(
  lines: readonly Line[],
  count: number,
  free: (seat: LayoutSeat) => boolean,
  fits: (seat: LayoutSeat) => boolean,
  cost: (line: Line, start: number, count: number) => number,
): Block | null {
  let best: Block | null = null;
  for (const line of lines) {
    if (line.length < count) continue;
    let run = 0;
    for (let end = 0; end < line.length; end++) {
      run = fits(line[end]!) ? run + 1 : 0;
      if (run < count) continue;
      const start = end - count + 1;
      const orphan = freeRun(line, start - 1, -1, free) === 1 || freeRun(line, end + 1, 1, free) === 1;
      if (best && orphan && !best.orphan) continue;
      const c = cost(line, start, count);
      // Lines come front to back and blocks left to right: on a tie the first stays.
      if (!best || (best.orphan && !orphan) || c < best.cost - tie) best = { line, start, orphan, cost: c };
    }
  }
  return best;
}

/** How many free seats follow from `from` in the direction `step`, at most 2 (enough to tell an orphan). */
function freeRun(line: Line, from: number, step: 1 | -1, free: (seat: LayoutSeat) => boolean): number {
  let n = 0;
  for (let i = from; i >= 0 && i < line.length && n < 2 && free(line[i]!); i += step) n++;
  return n;
}

function blockSeats(block: Block, count: number): string[] {
  return block.line.slice(block.start, block.start + count).map((s) => s.seatId);
}

/**
 * Rule 4: the largest block that fits, nearest the focal point, then the
 * largest of what is left nearest the seats chosen so far, until `count`.
 */
function split(
  lines: readonly Line[],
  ask: BestSeatsAsk,
  free: (seat: LayoutSeat) => boolean,
  fits: (seat: LayoutSeat) => boolean,
  kind: ShowKind,
  frame: Frame,
): BestSeatsChoice | null {
  const chosen = new Set<string>();
  const stillFree = (seat: LayoutSeat) => free(seat) && !chosen.has(seat.seatId);
  const stillFits = (seat: LayoutSeat) => fits(seat) && !chosen.has(seat.seatId);
  let fitting = 0;
  for (const line of lines) for (const seat of line) if (fits(seat)) fitting++;
  if (fitting < ask.count) return null;
  let centre = frame.near;
  let orphan = false;
  const order: string[] = [];
  while (chosen.size < ask.count) {
    const size = Math.min(ask.count - chosen.size, longestRun(lines, stillFits));
    const block = bestBlock(lines, size, stillFree, stillFits, scorer(kind, ask, { ...frame, near: centre }));
    if (!block) return null;
    orphan ||= block.orphan;
    for (const id of blockSeats(block, size)) {
      chosen.add(id);
      order.push(id);
    }
    centre = centreOf(lines, chosen);
  }
  return { seatIds: order, relaxed: orphan ? ['ORPHAN', 'SPLIT'] : ['SPLIT'] };
}

function longestRun(lines: readonly Line[], fits: (seat: LayoutSeat) => boolean): number {
  let longest = 0;
  for (const line of lines) {
    let run = 0;
    for (const seat of line) {
      run = fits(seat) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
  }
  return longest;
}

function centreOf(lines: readonly Line[], ids: ReadonlySet<string>): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (const line of lines) {
    for (const seat of line) {
      if (!ids.has(seat.seatId)) continue;
      x += seat.x;
      y += seat.y;
    }
  }
  return { x: x / ids.size, y: y / ids.size };
}
