import type { BaseContext } from '@seats/platform';

/** The notifications subgraph's resolver context. */
export interface Context extends BaseContext {}
