import type { BaseContext } from '@seats/platform';

/** The users subgraph's resolver context. */
export interface Context extends BaseContext {}
