/**
 * What an operator and a load balancer ask: `GET /api/ready` (the database and Redis answer, and
 * the node is not draining) and `GET /metrics` (Prometheus, behind a bearer token).
 */
import { Router } from 'express';
import { Endpoints } from '../../protocol/endpoints';
import type { Database } from '../../../db/database';
import type { Metrics } from '../metrics';

export interface OpsDeps {
  db: Database;
  /** Pings Redis when it is configured. */
  redisPing?: () => Promise<boolean>;
  /** True once a shutdown began: the balancer should send no more. */
  draining: () => boolean;
  metrics: Metrics;
  metricsToken?: string;
}

export function opsRouter(deps: OpsDeps): Router {
  const r = Router();
  r.get(Endpoints.ready.path, async (_req, res) => {
    const [database, redis] = await Promise.all([
      deps.db.ping(),
      deps.redisPing ? deps.redisPing() : Promise.resolve(true),
    ]);
    const reason = deps.draining()
      ? 'the server is shutting down'
      : !database
        ? 'the database does not answer'
        : !redis
          ? 'Redis does not answer'
          : undefined;
    if (reason === undefined) {
      res.json({ status: 'ready' });
      return;
    }
    res.status(503).json({ error: { code: 'unavailable', message: reason } });
  });
  r.get(Endpoints.metrics.path, deps.metrics.handler(deps.metricsToken));
  return r;
}
