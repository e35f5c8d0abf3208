import type { BaseContext } from '@seats/platform';

/** The shows subgraph's resolver context. */
export interface Context extends BaseContext {}
