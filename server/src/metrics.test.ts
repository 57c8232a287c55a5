/**
 * Metrics that nobody can read cost nothing: without METRICS_TOKEN (`on` false) the node keeps no
 * event-loop monitor or garbage-collection observer and times no command. With it, both are there
 * (ops.test.ts reads them through `/metrics`).
 */
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { Metrics, type MetricsSources } from './metrics';

const sources: MetricsSources = {
  sockets: () => ({}),
  printQueue: () => Promise.resolve(0),
  messageQueue: () => Promise.resolve(0),
  messageGateways: () => [],
  snapshotBuilds: () => 0,
  socketsDropped: () => 0,
  socketsRefused: () => 0,
  eventGaps: () => 0,
  commandsRefused: () => 0,
};

/** One POST through the metrics' command timer, finished with 201. */
function timeOnePost(metrics: Metrics): void {
  const res = Object.assign(new EventEmitter(), { statusCode: 201 });
  const req = { method: 'POST', route: { path: '/offices/:office/tickets' } };
  let passed = false;
  metrics.commandTimer()(req as unknown as Request, res as unknown as Response, () => {
    passed = true;
  });
  expect(passed).toBe(true);
  res.emit('finish');
}

async function commandsCounted(metrics: Metrics): Promise<number> {
  const counter = metrics.registry.getSingleMetric('navbat_commands_total');
  const values = (await counter?.get())?.values ?? [];
  return values.reduce((sum, v) => sum + v.value, 0);
}

describe('metrics on and off', () => {
  it('collects the node figures and times commands when /metrics can be read', async () => {
    const metrics = new Metrics(sources, true);
    expect(metrics.registry.getSingleMetric('navbat_nodejs_eventloop_lag_seconds')).toBeDefined();
    expect(metrics.registry.getSingleMetric('navbat_nodejs_gc_duration_seconds')).toBeDefined();
    timeOnePost(metrics);
    expect(await commandsCounted(metrics)).toBe(1);
    metrics.registry.clear();
  });

  it('keeps no monitor and times nothing when it cannot', async () => {
    const metrics = new Metrics(sources, false);
    expect(metrics.registry.getSingleMetric('navbat_nodejs_eventloop_lag_seconds')).toBeUndefined();
    expect(metrics.registry.getSingleMetric('navbat_nodejs_gc_duration_seconds')).toBeUndefined();
    timeOnePost(metrics);
    expect(await commandsCounted(metrics)).toBe(0);
  });
});
