/** Shapes shared between the bench processes. */
import type { CpuSummary } from './cpu-profile';

/** SQL statements of one shape (literals replaced by ?), with their timings. */
export interface QueryShape {
  sql: string;
  count: number;
  /** Rows returned, summed. */
  rows: number;
  /** Execution time as Sequelize logs it (ms resolution), summed. */
  execMs: number;
  /** Wall time of the query() call: pool wait + execution + building instances, summed. */
  wallMs: number;
  maxWallMs: number;
}

/** What the server child measured between profileStart and profileStop. */
export interface ServerProfile {
  sql: QueryShape[];
  cpu: CpuSummary;
}
