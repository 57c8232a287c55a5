/**
 * Benchmark 2: call-next with many counters racing. The office gets `counters` counters, all serving
 * `birth`; `tickets` birth tickets are issued; then one loop per counter (each with its own login)
 * does call-next → complete until the queue is empty. Every ticket must be called exactly once.
 *
 * "Empty" is decided by the bench, which knows how many tickets it issued: a `{ticket: null}` while
 * tickets are still uncalled is counted (a null answer followed by a later call-next that still
 * found a ticket is provably premature) and the counter tries again after a short pause, so all
 * counters keep racing to the end.
 */
import { keepAliveAgent, pool, requestJson } from './lib/http';
import type { ServerChild } from './lib/ipc';
import { OFFICE } from './lib/config';
import { log, nowMs, sleep, summarize, type Summary } from './lib/stats';
import type { ServerProfile } from './lib/types';
import { CpuWindow, findDatabasePid } from './lib/procstat';

export interface CallNextOptions {
  counters: number;
  tickets: number;
  /** Extra tickets called first by one counter alone (uncontended baseline). */
  solo: number;
  profile: boolean;
  /** Mean pause (ms) of a counter between completing a ticket and calling the next; 0 = back to back. */
  thinkMs: number;
}

export interface CallNextResult {
  label: string;
  counters: number;
  issued: number;
  /** One counter alone, before the race: call-next latency and complete latency. */
  solo: { callNext: Summary; complete: Summary };
  issueHttp: Summary;
  issueSeconds: number;
  called: number;
  duplicates: number;
  /** `{ticket: null}` answers in all. */
  nulls: number;
  /** Null answers after which another call-next still found a ticket. */
  prematureNulls: number;
  /** Latency of the null answers. */
  nullCalls: Summary;
  /** Counters that called at least one ticket, and the most one counter called. */
  countersServing: number;
  maxPerCounter: number;
  errors: Record<string, number>;
  callNext: Summary;
  complete: Summary;
  seconds: number;
  callsPerSecond: number;
  /** Tickets by status in the database afterwards. */
  finalCounts: Record<string, number>;
  setup: { created: number; relinked: number };
  server: { elu: number; cpuShare: number };
  /** CPU share of a core per process during the race: server, MariaDB, bench client. */
  cpu: Record<string, number>;
  profile?: ServerProfile;
}

type TicketBody = {
  ticket?: { id: string; number: string; counter?: string } | null;
  error?: { code?: string };
};

export async function runCallNext(
  label: string,
  server: ServerChild,
  o: CallNextOptions,
): Promise<CallNextResult> {
  const base = server.url;
  const agent = keepAliveAgent(o.counters + 8);
  const setup = await server.call<{ created: number; relinked: number; counters: string[] }>(
    'addCounters',
    {
      total: o.counters,
      service: 'birth',
    },
  );
  const counters = setup.counters.slice(0, o.counters);

  const tokens = await pool(counters, 8, async () => {
    const res = await requestJson<{ token?: string }>(agent, 'POST', `${base}/api/auth/login`, {
      username: 'clerk1',
      password: 'demo',
    });
    if (res.status !== 200 || !res.body.token) throw new Error(`login failed: HTTP ${res.status}`);
    return res.body.token;
  });

  const issueStart = nowMs();
  const issued = await pool(Array.from({ length: o.tickets + o.solo }), 8, async () =>
    requestJson<TicketBody>(agent, 'POST', `${base}/api/offices/${OFFICE}/tickets`, {
      service: 'birth',
    }),
  );
  const issueSeconds = (nowMs() - issueStart) / 1000;
  const issuedOk = issued.filter((r) => r.status === 201).length - o.solo;
  log(
    `  ${label}: ${counters.length} counters serve birth (${setup.created} created, ${setup.relinked} relinked);` +
      ` ${issuedOk + o.solo}/${o.tickets + o.solo} birth tickets issued in ${issueSeconds.toFixed(1)} s`,
  );

  // Baseline: one counter alone calls and completes `solo` tickets, one after the other.
  const soloCall: number[] = [];
  const soloComplete: number[] = [];
  for (let i = 0; i < o.solo; i++) {
    const headers = { authorization: `Bearer ${tokens[0]!}` };
    const call = await requestJson<TicketBody>(
      agent,
      'POST',
      `${base}/api/offices/${OFFICE}/counters/${counters[0]!}/call-next`,
      {},
      headers,
    );
    if (call.status !== 200 || !call.body.ticket)
      throw new Error(`solo call-next: HTTP ${call.status} ${JSON.stringify(call.body)}`);
    soloCall.push(call.doneAt - call.sentAt);
    const done = await requestJson<TicketBody>(
      agent,
      'POST',
      `${base}/api/tickets/${call.body.ticket.id}/complete`,
      {},
      headers,
    );
    if (done.status !== 200) throw new Error(`solo complete: HTTP ${done.status}`);
    soloComplete.push(done.doneAt - done.sentAt);
  }

  await server.call('mark');
  if (o.profile) await server.call('profileStart');
  const callTimes: number[] = [];
  const completeTimes: number[] = [];
  const calledBy = new Map<string, string[]>();
  const errors: Record<string, number> = {};
  const nullAt: number[] = [];
  let lastTicketCallSentAt = 0;
  let calledSoFar = 0;
  const nullTimes: number[] = [];
  const perCounter = new Map<string, number>();
  const noteError = (what: string, status: number, body: TicketBody): void => {
    const key = `${what} HTTP ${status} ${body?.error?.code ?? ''}`.trim();
    errors[key] = (errors[key] ?? 0) + 1;
  };

  const cpu = new CpuWindow({
    server: server.pid,
    MariaDB: findDatabasePid(),
    client: process.pid,
  });
  const started = nowMs();
  const deadline = started + 120_000;
  await Promise.all(
    counters.map(async (counter, i) => {
      const headers = { authorization: `Bearer ${tokens[i]!}` };
      let failures = 0;
      // Windows that pause between tickets are not in step: each starts somewhere in its first pause.
      if (o.thinkMs > 0) await sleep(o.thinkMs * Math.random());
      while (failures < 20 && nowMs() < deadline) {
        const call = await requestJson<TicketBody>(
          agent,
          'POST',
          `${base}/api/offices/${OFFICE}/counters/${counter}/call-next`,
          {},
          headers,
        );
        if (call.status !== 200) {
          noteError('call-next', call.status, call.body);
          failures++;
          continue;
        }
        const ticket = call.body.ticket;
        if (!ticket) {
          nullAt.push(call.doneAt);
          nullTimes.push(call.doneAt - call.sentAt);
          if (calledSoFar >= issuedOk) return;
          await sleep(20);
          continue;
        }
        callTimes.push(call.doneAt - call.sentAt);
        calledSoFar++;
        lastTicketCallSentAt = Math.max(lastTicketCallSentAt, call.sentAt);
        perCounter.set(counter, (perCounter.get(counter) ?? 0) + 1);
        const list = calledBy.get(ticket.id) ?? [];
        list.push(counter);
        calledBy.set(ticket.id, list);
        const done = await requestJson<TicketBody>(
          agent,
          'POST',
          `${base}/api/tickets/${ticket.id}/complete`,
          {},
          headers,
        );
        if (done.status !== 200) {
          noteError('complete', done.status, done.body);
          failures++;
          continue;
        }
        completeTimes.push(done.doneAt - done.sentAt);
        // A clerk serves the citizen before calling again: uniform in [0.5, 1.5] × think.
        if (o.thinkMs > 0) await sleep(o.thinkMs * (0.5 + Math.random()));
      }
    }),
  );
  const seconds = (nowMs() - started) / 1000;
  const cpuShares = cpu.read();
  const stats = await server.call<{ elu: number; cpuShare: number }>('stats');
  const profile = o.profile ? await server.call<ServerProfile>('profileStop') : undefined;
  const finalCounts = await server.call<Record<string, number>>('ticketCounts');
  agent.destroy();

  let called = 0;
  let duplicates = 0;
  for (const list of calledBy.values()) {
    called++;
    if (list.length > 1) duplicates += list.length - 1;
  }
  const callsWithTicket = [...calledBy.values()].reduce((n, l) => n + l.length, 0);
  return {
    label,
    counters: counters.length,
    issued: issuedOk,
    solo: { callNext: summarize(soloCall), complete: summarize(soloComplete) },
    issueHttp: summarize(issued.filter((r) => r.status === 201).map((r) => r.doneAt - r.sentAt)),
    issueSeconds,
    called,
    duplicates,
    nulls: nullAt.length,
    prematureNulls: nullAt.filter((t) => t < lastTicketCallSentAt).length,
    nullCalls: summarize(nullTimes),
    countersServing: perCounter.size,
    maxPerCounter: Math.max(0, ...perCounter.values()),
    errors,
    callNext: summarize(callTimes),
    complete: summarize(completeTimes),
    seconds,
    callsPerSecond: callsWithTicket / seconds,
    finalCounts,
    setup,
    server: stats,
    cpu: cpuShares,
    profile,
  };
}
