/**
 * Prometheus metrics (`GET /metrics`, behind `Authorization: Bearer $METRICS_TOKEN`): commands by
 * route and outcome with latency histograms, sockets per namespace, event publish lag, snapshot
 * builds, dropped sockets, gaps, refused commands, the print queue, the message queue and the
 * message gateways (up, submits by outcome, last message taken). One registry per app.
 */
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestHandler } from 'express';
import type { GatewayHealthDto } from '../protocol';

export interface MetricsSources {
  sockets: () => Record<string, number>;
  printQueue: () => Promise<number>;
  /** Citizen messages waiting in the outboxes. */
  messageQueue: () => Promise<number>;
  /** What the message gateways did with this node's submits. */
  messageGateways: () => GatewayHealthDto[];
  snapshotBuilds: () => number;
  socketsDropped: () => number;
  /** Socket connections refused for their address's cap (SOCKETS_PER_ADDRESS). */
  socketsRefused: () => number;
  eventGaps: () => number;
  commandsRefused: () => number;
}

/** How often the event loop's lag is sampled (ms); its figures count this tick (bench/overload.ts). */
export const LAG_SAMPLE_MS = 50;

export class Metrics {
  readonly registry = new Registry();
  private readonly commands: Counter<'route' | 'outcome'>;
  private readonly commandSeconds: Histogram<'route'>;
  private readonly publishLag: Histogram;

  /**
   * `on`: `/metrics` can be read (METRICS_TOKEN is set). Off, nothing is collected that only a
   * scrape would read: no commands timed, no event-loop monitor waking an idle node 20 times a
   * second, no garbage-collection observer.
   */
  constructor(
    sources: MetricsSources,
    readonly on = true,
  ) {
    const registers = [this.registry];
    // The event loop's lag is sampled every 50 ms, not prom-client's default 10: a timer 100 times
    // a second kept an idle node waking up (8.2 ms of CPU a second against 5.3, README "Several
    // server processes"). A stall long enough to matter still delays the next sample.
    if (on) {
      collectDefaultMetrics({
        register: this.registry,
        prefix: 'navbat_',
        eventLoopMonitoringPrecision: LAG_SAMPLE_MS,
      });
    }
    this.commands = new Counter({
      name: 'navbat_commands_total',
      help: 'Commands (REST writes) by route and outcome (HTTP status)',
      labelNames: ['route', 'outcome'],
      registers,
    });
    this.commandSeconds = new Histogram({
      name: 'navbat_command_seconds',
      help: 'Command latency by route',
      labelNames: ['route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.publishLag = new Histogram({
      name: 'navbat_event_publish_lag_seconds',
      help: "From a command's commit (on any node) to its events leaving this node, in seq order",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2],
      registers,
    });
    sourceMetrics(sources, registers);
  }

  /** Records the events' lag, given the commit time of the command. */
  observePublish(committedAt: number, now = Date.now()): void {
    this.publishLag.observe(Math.max(0, now - committedAt) / 1000);
  }

  /** Counts and times every write under `/api` by its route pattern and status. */
  commandTimer(): RequestHandler {
    return (req, res, next) => {
      if (!this.on || req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
        next();
        return;
      }
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const path = (req.route as { path?: string } | undefined)?.path;
        const route = `${req.method} ${path ?? 'unmatched'}`;
        this.commands.inc({ route, outcome: String(res.statusCode) });
        this.commandSeconds.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    };
  }

  /** `GET /metrics`: 404 without a token configured, 401 without the right bearer token. */
  handler(token: string | undefined): RequestHandler {
    return (req, res, next) => {
      if (!token) {
        res.status(404).json({ error: { code: 'not_found', message: 'metrics are off' } });
        return;
      }
      // The scheme's name is case-insensitive (RFC 9110), as the staff routes read it.
      const given = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
      const a = Buffer.from(given);
      const b = Buffer.from(token);
      if (a.length !== b.length || !timingSafeEqual(a, b)) {
        res.status(401).json({ error: { code: 'unauthorized', message: 'metrics token needed' } });
        return;
      }
      this.registry
        .metrics()
        .then((text) => res.type(this.registry.contentType).send(text))
        .catch(next);
    };
  }
}

/** The gauges and totals read from the app's sources when `/metrics` is scraped. */
function sourceMetrics(sources: MetricsSources, registers: Registry[]): void {
  new Gauge({
    name: 'navbat_sockets',
    help: 'Connected sockets per namespace on this node',
    labelNames: ['namespace'],
    registers,
    collect() {
      for (const [ns, n] of Object.entries(sources.sockets())) this.set({ namespace: ns }, n);
    },
  });
  const queue = (name: string, help: string, read: () => Promise<number>) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        this.set(await read());
      },
    });
  queue('navbat_print_jobs_queued', 'Print jobs waiting to be printed (all offices)', () =>
    sources.printQueue(),
  );
  queue(
    'navbat_messages_queued',
    'Citizen messages (SMS, Telegram) waiting to be sent, retries included (all offices)',
    () => sources.messageQueue(),
  );
  gatewayMetrics(sources, registers);
  const total = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  total('navbat_snapshot_builds_total', 'Snapshot builds (shared per office and seq)', () =>
    sources.snapshotBuilds(),
  );
  total('navbat_sockets_dropped_total', 'Sockets disconnected for their event budget', () =>
    sources.socketsDropped(),
  );
  total(
    'navbat_sockets_refused_total',
    "Socket connections refused for their address's cap (SOCKETS_PER_ADDRESS)",
    () => sources.socketsRefused(),
  );
  total('navbat_event_gaps_total', 'Seqs that could not be delivered in order', () =>
    sources.eventGaps(),
  );
  total('navbat_commands_refused_total', 'Commands refused as overloaded', () =>
    sources.commandsRefused(),
  );
}

/** The message gateways as this node saw them: a gateway appears with its first submit. */
function gatewayMetrics(sources: MetricsSources, registers: Registry[]): void {
  new Gauge({
    name: 'navbat_message_gateway_up',
    help: 'A message gateway answered the last submit of this node (1) or did not (0)',
    labelNames: ['gateway'],
    registers,
    collect() {
      for (const g of sources.messageGateways()) this.set({ gateway: g.gateway }, g.up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'navbat_message_gateway_last_sent_timestamp_seconds',
    help: 'When a message gateway last took a message from this node (Unix time)',
    labelNames: ['gateway'],
    registers,
    collect() {
      for (const g of sources.messageGateways())
        if (g.lastSentAt) this.set({ gateway: g.gateway }, Date.parse(g.lastSentAt) / 1000);
    },
  });
  new Counter({
    name: 'navbat_message_attempts_total',
    help: 'Submits to the message gateways by outcome: sent, refused, unreachable, in_doubt',
    labelNames: ['gateway', 'outcome'],
    registers,
    collect() {
      this.reset();
      for (const g of sources.messageGateways())
        for (const [outcome, n] of Object.entries(g.attempts))
          this.inc({ gateway: g.gateway, outcome }, n);
    },
  });
}
