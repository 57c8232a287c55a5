/**
 * The Navbat server under test, in its own process: the project's test harness (fresh database,
 * demo office, createApp on port 0). Usage: node dist/bench/server-entry.js sqlite|mysql.
 * Driven over IPC by bench/run.ts (see lib/ipc.ts).
 */
import { startTestServer, type TestDialect } from '../server/src/testing/harness';
import { DEFAULT_ADMISSION } from '../server/src/queue/admission';
import { loadMeter, serveCommands } from './lib/ipc';
import { DEFAULT_MYSQL_URL } from './lib/config';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CpuProfiler } from './lib/cpu-profile';
import type { QueryShape, ServerProfile } from './lib/types';

async function main(): Promise<void> {
  const dialect = (process.argv[2] ?? 'sqlite') as TestDialect;
  process.env.TEST_MYSQL_URL ??= DEFAULT_MYSQL_URL;
  // `/metrics` answers the bench's own token (bench/overload.ts reads the server's counters there).
  // BENCH_ADMISSION_WAIT_MS: the admission's wait bound (default: production's; `Infinity`: the
  // in-flight bound alone); BENCH_ADMISSION_MAX: the in-flight bound (default: production's).
  const wait = process.env.BENCH_ADMISSION_WAIT_MS;
  const max = process.env.BENCH_ADMISSION_MAX;
  const server = await startTestServer({
    database: dialect,
    demo: true,
    metricsToken: 'bench',
    socketsPerAddress: 0, // the bench's socket fleets all come from this machine's address
    admission: {
      maxWaitMs: wait ? Number(wait) : DEFAULT_ADMISSION.maxWaitMs,
      maxInFlight: max ? Number(max) : DEFAULT_ADMISSION.maxInFlight,
    },
  });
  const { db } = server;
  const meter = loadMeter();
  const cpu = new CpuProfiler();
  // The profiler wraps Sequelize's query() of this instance (every model call goes through it).
  type QueryFn = (sql: unknown, options?: Record<string, unknown>) => Promise<unknown>;
  const sequelize = db.sequelize as unknown as { query: QueryFn };
  const originalQuery: QueryFn = sequelize.query.bind(db.sequelize);
  let calls: Array<{ sql: unknown; rows: number; execMs: number; wallMs: number }> = [];

  serveCommands({
    mark() {
      meter.mark();
    },
    stats() {
      const m = process.memoryUsage();
      return { ...meter.read(), rss: m.rss, heapUsed: m.heapUsed };
    },
    gc() {
      (globalThis as { gc?: () => void }).gc?.();
    },
    /** Brings the office to `total` counters, every one of them serving `service`. */
    async addCounters(msg) {
      const total = Number(msg.total);
      const service = await db.models.Service.findOne({
        where: { officeCode: 'kulob', code: String(msg.service) },
      });
      if (!service) throw new Error(`no service ${String(msg.service)}`);
      const existing = await db.models.Counter.findAll({ where: { officeCode: 'kulob' } });
      const numbers = new Set(existing.map((c) => c.number));
      const linked = new Set(
        (await db.models.CounterService.findAll({ where: { serviceId: service.id } })).map(
          (l) => l.counterId,
        ),
      );
      let created = 0;
      let relinked = 0;
      for (const c of existing) {
        if (!linked.has(c.id)) {
          await db.models.CounterService.create({ counterId: c.id, serviceId: service.id });
          relinked++;
        }
      }
      for (let n = 1; numbers.size < total; n++) {
        if (numbers.has(String(n))) continue;
        const counter = await db.models.Counter.create({
          officeCode: 'kulob',
          number: String(n),
          name: null,
          pauseReason: null,
        });
        await db.models.CounterService.create({ counterId: counter.id, serviceId: service.id });
        numbers.add(String(n));
        created++;
      }
      const all = [...numbers].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      return { created, relinked, counters: all };
    },
    async ticketCounts() {
      const rows = await db.models.Ticket.findAll({
        attributes: ['status'],
        where: { officeCode: 'kulob' },
      });
      const out: Record<string, number> = {};
      for (const r of rows) out[r.status] = (out[r.status] ?? 0) + 1;
      return out;
    },
    /** Starts timing every SQL statement, grouped by its shape (literals stripped). */
    /**
     * Starts profiling: every SQL statement of the server is timed (execution as Sequelize sees it,
     * and wall time of the call including pool wait and building model instances) and its rows
     * counted, grouped by shape; plus a V8 CPU profile.
     */
    async profileStart() {
      calls = [];
      sequelize.query = (sql: unknown, options?: Record<string, unknown>) => {
        const started = performance.now();
        const call = { sql, rows: 0, execMs: 0, wallMs: 0 };
        calls.push(call);
        const opts: Record<string, unknown> = {
          ...(options ?? {}),
          benchmark: true,
          logging: (_line: string, elapsed?: number) => {
            call.execMs = elapsed ?? 0;
          },
        };
        return originalQuery(sql, opts).then((result: unknown) => {
          call.wallMs = performance.now() - started;
          if (opts.type === 'SELECT' && Array.isArray(result)) call.rows = result.length;
          else if (Array.isArray(result) && Array.isArray(result[0])) call.rows = result[0].length;
          return result;
        });
      };
      await cpu.start();
    },
    async profileStop(): Promise<ServerProfile> {
      const cpuSummary = await cpu.stop(path.resolve(__dirname, '..', '..'));
      sequelize.query = originalQuery;
      const shapes = new Map<string, QueryShape>();
      for (const c of calls) {
        const text =
          typeof c.sql === 'string' ? c.sql : String((c.sql as { query?: string })?.query ?? c.sql);
        const key = normalise(text);
        const s = shapes.get(key) ?? {
          sql: key,
          count: 0,
          rows: 0,
          execMs: 0,
          wallMs: 0,
          maxWallMs: 0,
        };
        s.count++;
        s.rows += c.rows;
        s.execMs += c.execMs;
        s.wallMs += c.wallMs;
        s.maxWallMs = Math.max(s.maxWallMs, c.wallMs);
        shapes.set(key, s);
      }
      calls = [];
      return { sql: [...shapes.values()].sort((a, b) => b.wallMs - a.wallMs), cpu: cpuSummary };
    },
    async close() {
      await server.close();
      setImmediate(() => process.exit(0));
    },
  });
  process.send?.({
    type: 'ready',
    url: server.url,
    pid: process.pid,
    info: { dialect, databaseUrl: server.databaseUrl.replace(/\/\/[^@]*@/, '//') },
  });
}

/** "Executed (conn): SELECT … WHERE id = 'x' …" → "SELECT … WHERE id = ? …". */
function normalise(line: string): string {
  return line
    .replace(/^Execut\w+ \([^)]*\): /, '')
    .replace(/'(?:[^'\\]|\\.|'')*'/g, '?')
    .replace(/(?<![\w:]):[a-zA-Z]\w*/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\((?:\?,\s*)+\?\)/g, '(?…)')
    .replace(/\s+/g, ' ')
    .trim();
}

main().catch((err: unknown) => {
  console.error('bench server failed to start:', err);
  process.exit(1);
});
