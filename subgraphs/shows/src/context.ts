import type { BaseContext } from '@seats/platform';
import type { ShowReads } from './db/reads.js';
import type { ScheduleService } from './schedule-service.js';

/** The shows subgraph's resolver context. */
export interface Context extends BaseContext {
  reads: ShowReads;
  schedule: ScheduleService;
}
