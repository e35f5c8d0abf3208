import type { BaseContext } from '@seats/platform';

/** The catalog subgraph's resolver context. */
export interface Context extends BaseContext {}
