import type { BaseContext } from '@seats/platform';
import type { CatalogService } from './catalog-service.js';
import type { CatalogReads } from './db/reads.js';

/** The catalog subgraph's resolver context. */
export interface Context extends BaseContext {
  reads: CatalogReads;
  catalog: CatalogService;
}
