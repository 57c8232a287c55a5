/**
 * Benchmark 1: issue → display latency. N /display sockets (in a worker thread of this process),
 * an open-loop load of `rate` tickets/s over HTTP (keep-alive) for `duration` s against a server in
 * a child process. Latency = from just before the POST is written to the moment each socket has
 * the matching `ticket:issued`, over every (ticket, socket) pair.
 */
import os from 'node:os';
import { keepAliveAgent, requestJson, type JsonResponse } from './lib/http';
import { SocketFleet } from './lib/fleet';
import type { ServerChild } from './lib/ipc';
import type { ServerProfile } from './lib/types';
import { CpuWindow, findDatabasePid } from './lib/procstat';
import { OFFICE, SERVICES } from './lib/config';
import { log, nowMs, sleep, summarize, type Summary } from './lib/stats';

export interface LatencyOptions {
  sockets: number;
  rate: number;
  durationS: number;
  profile: boolean;
  /** Displays ask for queue:sync on a seq gap, like ui/queue-store.ts. */
  syncOnGap: boolean;
}

export interface LatencyResult {
  label: string;
  sockets: number;
  connectFailed: number;
  sent: number;
  ok: number;
  httpErrors: Record<string, number>;
  achievedRate: number;
  http: Summary;
  delivery: Summary;
  /** Deliveries expected (ok tickets × sockets) that never arrived. */
  missing: number;
  seqGaps: number;
  seqDisorder: number;
  disconnects: number;
  syncs: number;
  /** 1-minute load average of the machine just before the load (other processes share the cores). */
  loadBefore: number;
  /** p99 of delivery latency per window of send time. */
  windows: Array<{ fromS: number; p50: number; p99: number }>;
  /** `insert`: the floor's INSERT round trips (ms). */
  server: {
    elu: number;
    cpuShare: number;
    rss: number;
    insert?: { p50: number; p99: number; max: number };
  };
  /** CPU share of a core per process during the load: server, MariaDB, bench client. */
  cpu: Record<string, number>;
  profile?: ServerProfile;
}

interface Sent {
  res?: JsonResponse<{ ticket?: { id: string } }>;
  sentAt: number;
  error?: string;
}

/** Fires `count` POSTs at `rate`/s, open loop (a slow answer does not delay the next request). */
async function openLoop(
  base: string,
  rate: number,
  count: number,
  agent = keepAliveAgent(64),
): Promise<Sent[]> {
  const interval = 1000 / rate;
  const start = nowMs() + 5;
  const inflight: Array<Promise<Sent>> = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - nowMs();
    if (wait > 1) await sleep(wait);
    const service = SERVICES[i % SERVICES.length]!;
    const sentAt = nowMs();
    inflight.push(
      requestJson<{ ticket?: { id: string } }>(
        agent,
        'POST',
        `${base}/api/offices/${OFFICE}/tickets`,
        { service },
      ).then(
        (res) => ({ res, sentAt: res.sentAt }),
        (err: unknown) => ({ sentAt, error: err instanceof Error ? err.message : String(err) }),
      ),
    );
  }
  const out = await Promise.all(inflight);
  agent.destroy();
  return out;
}

async function waitForDeliveries(
  fleet: SocketFleet,
  expected: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = nowMs() + timeoutMs;
  while (nowMs() < deadline) {
    if ((await fleet.received()) >= expected) return;
    await sleep(50);
  }
}

export async function runLatency(
  label: string,
  server: ServerChild,
  o: LatencyOptions,
): Promise<LatencyResult> {
  const fleet = await SocketFleet.connect({
    url: server.url,
    namespace: '/display',
    auth: { office: OFFICE },
    count: o.sockets,
    batch: 50,
    syncOnGap: o.syncOnGap,
  });
  const c = fleet.connected;
  log(
    `  ${label}: ${c.connected}/${o.sockets} display sockets connected in ${c.connectMs.toFixed(0)} ms` +
      ` (${c.snapshots} snapshots${c.failed ? `, ${c.failed} failed: ${c.errors.join('; ')}` : ''})`,
  );
  try {
    // Warm-up: JIT, pools and keep-alive connections; not measured.
    const warm = await openLoop(server.url, 20, 20);
    const warmOk = warm.filter((s) => s.res?.status === 201).length;
    await waitForDeliveries(fleet, warmOk * c.connected, 5_000);
    await sleep(300);
    await fleet.reset();

    await server.call('mark');
    if (o.profile) await server.call('profileStart');
    const count = Math.round(o.rate * o.durationS);
    const loadBefore = os.loadavg()[0]!;
    const cpu = new CpuWindow({
      server: server.pid,
      MariaDB: findDatabasePid(),
      client: process.pid,
    });
    const t0 = nowMs();
    const sent = await openLoop(server.url, o.rate, count);
    const lastSend = Math.max(...sent.map((s) => s.sentAt));
    const achievedRate = (count - 1) / ((lastSend - t0) / 1000);
    const ok = sent.filter((s) => s.res?.status === 201 && s.res.body.ticket?.id);
    await waitForDeliveries(fleet, ok.length * c.connected, 10_000);
    const cpuShares = cpu.read();
    const stats = await server.call<LatencyResult['server']>('stats');
    const profile = o.profile ? await server.call<ServerProfile>('profileStop') : undefined;
    const got = await fleet.collect();

    const httpErrors: Record<string, number> = {};
    for (const s of sent) {
      if (s.res?.status === 201) continue;
      const key = s.error ?? `HTTP ${s.res?.status}`;
      httpErrors[key] = (httpErrors[key] ?? 0) + 1;
    }
    const receipts = new Map(got.events);
    const all: number[] = [];
    const windowS = 2;
    const buckets: number[][] = [];
    let missing = 0;
    for (const s of ok) {
      const times = receipts.get(s.res!.body.ticket!.id) ?? [];
      missing += Math.max(0, c.connected - times.length);
      const b = Math.floor((s.sentAt - t0) / 1000 / windowS);
      const bucket = (buckets[b] ??= []);
      for (const t of times) {
        all.push(t - s.sentAt);
        bucket.push(t - s.sentAt);
      }
    }
    const windows = buckets.map((v, i) => {
      const sm = summarize(v ?? []);
      return { fromS: i * windowS, p50: sm.p50, p99: sm.p99 };
    });
    return {
      label,
      sockets: c.connected,
      connectFailed: c.failed,
      sent: sent.length,
      ok: ok.length,
      httpErrors,
      achievedRate,
      http: summarize(ok.map((s) => s.res!.doneAt - s.sentAt)),
      delivery: summarize(all),
      missing,
      seqGaps: got.seqGaps,
      seqDisorder: got.seqDisorder,
      disconnects: got.disconnects,
      syncs: got.syncs,
      loadBefore,
      windows,
      server: stats,
      cpu: cpuShares,
      profile,
    };
  } finally {
    await fleet.close();
  }
}
