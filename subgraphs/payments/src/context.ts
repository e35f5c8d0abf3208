import type { BaseContext } from '@seats/platform';

/** The payments subgraph's resolver context. */
export interface Context extends BaseContext {}
