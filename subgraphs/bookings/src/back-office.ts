import {
  BadUserInputError,
  parseAfter,
  parseFirst,
  parseId,
  parseInstant,
  requireAdmin,
  toPage,
  type Db,
  type Identity,
  type Page,
} from '@seats/platform';
import { countHeldSeats, salesByCategory, searchBookings, type BookingSearch } from './db/bookings.js';
import type { Loaders } from './loaders.js';
import type { BookingModel, BookingStatus, ShowSalesModel } from './models.js';
import type { SeatCatalog } from './seat-catalog.js';

export interface BookingFilterInput {
  showId?: string | null;
  status?: BookingStatus | null;
  /** ISO-8601 instants, as the DateTime scalar arrives. */
  createdFrom?: string | null;
  createdBefore?: string | null;
  userId?: string | null;
}

/** The back office's reads (ADMIN only): every booking, searched, and a show's sales. */
export class BackOffice {
  constructor(
    private readonly db: Db,
    private readonly catalog: SeatCatalog,
  ) {}

  /** Bookings newest first, filtered; errors name the fields under `filter.`. */
  async bookings(
    identity: Identity | null,
    filter: BookingFilterInput | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<BookingModel>> {
    requireAdmin(identity, 'list bookings');
    const search = parseFilter(filter ?? {});
    const limit = parseFirst(first);
    const position = parseAfter(after, (at) => !Number.isNaN(Date.parse(at)));
    const rows = await searchBookings(this.db, search, limit + 1, position);
    return toPage(rows, limit, (node) => [node.createdAt.toISOString(), node.id]);
  }

  /** A show's seats sold, held and free, and its revenue by category. */
  async sales(identity: Identity | null, loaders: Loaders, showId: string): Promise<ShowSalesModel> {
    requireAdmin(identity, "see a show's sales");
    const show = await this.catalog.show(loaders, showId);
    if (!show) return { seats: 0, sold: 0, held: 0, free: 0, revenue: { amount: 0, currency: 'EUR' }, byCategory: [] };
    const [seats, free, held, rows, prices] = await Promise.all([
      this.catalog.layoutSeats(loaders, show),
      this.catalog.seatsFree(loaders, show.showId, null, null),
      countHeldSeats(this.db, show.showId),
      salesByCategory(this.db, show.showId),
      loaders.prices.load(show.showId),
    ]);
    const currency = prices?.[0]?.currency ?? 'EUR';
    const byCategory = rows.map((r) => ({
      category: r.category,
      sold: r.sold,
      revenue: { amount: r.revenue, currency },
    }));
    return {
      seats: seats.length,
      sold: rows.reduce((n, r) => n + r.sold, 0),
      held,
      free,
      revenue: { amount: rows.reduce((n, r) => n + r.revenue, 0), currency },
      byCategory,
    };
  }
}

function parseFilter(filter: BookingFilterInput): BookingSearch {
  const createdFrom = optionalInstant(filter.createdFrom, 'filter.createdFrom');
  const createdBefore = optionalInstant(filter.createdBefore, 'filter.createdBefore');
  if (createdFrom && createdBefore && createdFrom.getTime() >= createdBefore.getTime()) {
    throw new BadUserInputError('filter.createdBefore', 'createdBefore must be after createdFrom');
  }
  return {
    showId: filter.showId == null ? null : parseId(filter.showId, 'filter.showId'),
    status: filter.status ?? null,
    userId: filter.userId == null ? null : parseId(filter.userId, 'filter.userId'),
    createdFrom,
    createdBefore,
  };
}

function optionalInstant(value: string | null | undefined, field: string): Date | null {
  return value == null ? null : parseInstant(value, field);
}
