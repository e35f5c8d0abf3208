/**
 * The buyers' shared idea of which seats are free, so that most holds
 * succeed and the run is about checkouts rather than refusals. Seats whose
 * state a buyer does not know (a hold that may or may not have been
 * placed, a payment still pending) are parked until their hold has surely
 * ended, then offered again; the database decides in the end.
 */

export interface Screening {
  showId: string;
  seatIds: string[];
}

/** Seats of one show, held or to be held together. */
export interface SeatSet {
  showId: string;
  seatIds: string[];
}

export class SeatPool {
  private readonly free = new Map<string, Set<string>>();
  private parked: Array<{ seats: SeatSet; until: number }> = [];

  constructor(
    private readonly screenings: readonly Screening[],
    private readonly random: () => number,
  ) {
    for (const s of screenings) this.free.set(s.showId, new Set(s.seatIds));
  }

  /** `count` free seats of a random show that has them, taken out of the pool; null when none has. */
  take(count: number): SeatSet | null {
    this.unpark();
    const shows = [...this.free].filter(([, seats]) => seats.size >= count);
    if (shows.length === 0) return null;
    const [showId, seats] = shows[Math.floor(this.random() * shows.length)]!;
    const chosen = this.pick([...seats], count);
    for (const seat of chosen) seats.delete(seat);
    return { showId, seatIds: chosen };
  }

  /** `count` seats of a random show whatever their state (another buyer may hold them). */
  anySeats(count: number): SeatSet {
    const screening = this.screenings[Math.floor(this.random() * this.screenings.length)]!;
    return { showId: screening.showId, seatIds: this.pick(screening.seatIds, count) };
  }

  /** The seats are held by the caller now: out of the pool (for seats from `anySeats`). */
  claim(seats: SeatSet): void {
    for (const seat of seats.seatIds) this.free.get(seats.showId)?.delete(seat);
  }

  /** The seats are free again. */
  give(seats: SeatSet): void {
    for (const seat of seats.seatIds) this.free.get(seats.showId)?.add(seat);
  }

  /** The seats' state is not known: offered again after `ms`. */
  park(seats: SeatSet, ms: number): void {
    this.parked.push({ seats, until: Date.now() + ms });
  }

  private unpark(): void {
    const now = Date.now();
    const due = this.parked.filter((p) => p.until <= now);
    if (due.length === 0) return;
    this.parked = this.parked.filter((p) => p.until > now);
    for (const { seats } of due) this.give(seats);
  }

  private pick(seats: readonly string[], count: number): string[] {
    const chosen = new Set<string>();
    while (chosen.size < Math.min(count, seats.length)) chosen.add(seats[Math.floor(this.random() * seats.length)]!);
    return [...chosen];
  }
}
