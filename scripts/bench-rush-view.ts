/**
 * One watcher's view of a seat map, kept by the resync rule (README, "Live
 * seat maps"): frames that come before the map is loaded, or while it
 * reloads, wait; a frame at or below the applied version changes nothing; a
 * frame whose `fromVersion` is more than one above the applied version is a
 * gap, and the map must be reloaded; any other frame sets its seats'
 * statuses (each seat's latest, when several changes went out as one) and
 * moves the view to its `version`. No I/O here: the watcher process loads
 * maps when the view asks for it.
 */
import type { SeatMapState } from './bench-rush-client.js';

export interface Frame {
  version: number;
  /** The first version the frame covers: several changes can go out as one frame. */
  fromVersion: number;
  /** The changed seats' places in layout order (SeatMapChange.seatIndexes, the compact form). */
  seatIndexes: number[];
  /** Their status letters, one per place (as in SeatMap.statuses). */
  statuses: string;
}

/** What a frame did to the view. */
export type Applied = 'applied' | 'buffered' | 'stale' | 'gap';

export class SeatMapView {
  /** The letters of `SeatMap.statuses`, as bytes; empty until the first map is loaded. */
  statuses = new Uint8Array(0);
  applied = -1;
  /** Maps loaded after a gap. */
  reloads = 0;
  private loading = true;
  private pending: Frame[] = [];

  /** Waiting for a map: the first one, or a reload after a gap. */
  get waiting(): boolean {
    return this.loading;
  }

  /** A pushed frame: buffered while a map loads, applied otherwise (a `gap` means: reload now). */
  receive(frame: Frame): Applied {
    if (this.loading) {
      this.pending.push(frame);
      return 'buffered';
    }
    return this.apply(frame);
  }

  /** Takes a loaded map, then the frames that came meanwhile, in version order; `gap` when they need another reload. */
  load(map: SeatMapState): 'loaded' | 'gap' {
    this.statuses = Buffer.from(map.statuses, 'latin1');
    this.applied = map.version;
    this.loading = false;
    const pending = this.pending.sort((a, b) => a.version - b.version);
    this.pending = [];
    for (const [i, frame] of pending.entries()) {
      if (this.apply(frame) === 'gap') {
        this.pending.push(...pending.slice(i + 1));
        return 'gap';
      }
    }
    return 'loaded';
  }

  private apply(frame: Frame): Applied {
    if (frame.version <= this.applied) return 'stale';
    if (frame.fromVersion > this.applied + 1) {
      this.pending.push(frame);
      this.loading = true;
      this.reloads++;
      return 'gap';
    }
    for (const [k, place] of frame.seatIndexes.entries()) {
      if (place < this.statuses.length) this.statuses[place] = frame.statuses.charCodeAt(k);
    }
    this.applied = frame.version;
    return 'applied';
  }
}
