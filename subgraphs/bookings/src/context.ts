import type { BaseContext } from '@seats/platform';

/** The bookings subgraph's resolver context. */
export interface Context extends BaseContext {}
