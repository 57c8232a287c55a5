/**
 * The national bench's load over HTTP: tickets issued at a steady rate across the offices (each
 * office's kiosk from its own loopback address, as each kiosk has its own address behind the
 * balancer), and the windows calling next and completing as tickets come, so queues stay short.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { keepAliveAgent, requestJson, type JsonResponse } from '../lib/http';
import { nowMs, sleep } from '../lib/stats';
import { PASSWORD, type OfficePlan } from './database';

/** HTTP answers by route: counted, and the failures by status (or the error of no answer). */
export class HttpTally {
  readonly sent = new Map<string, number>();
  readonly failed = new Map<string, number>();

  note(route: string, status: number, reason?: string): void {
    this.sent.set(route, (this.sent.get(route) ?? 0) + 1);
    if (status < 200 || status >= 300) {
      const key = `${route} ${reason ?? status}`;
      this.failed.set(key, (this.failed.get(key) ?? 0) + 1);
    }
  }

  get errors(): number {
    let n = 0;
    for (const v of this.failed.values()) n += v;
    return n;
  }

  /** Sends and counts; a transport error counts as status 0 and answers undefined. */
  async send<T>(
    route: string,
    agent: http.Agent,
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<JsonResponse<T> | undefined> {
    try {
      const res = await requestJson<T>(agent, method, url, body, headers);
      this.note(route, res.status);
      return res;
    } catch (err) {
      // No answer: counted under the socket error's code (ECONNRESET, …).
      this.note(route, 0, (err as NodeJS.ErrnoException).code ?? 'error');
      return undefined;
    }
  }
}

/** Per office a keep-alive agent bound to its own loopback address (127.0.1.N). */
export function officeAgents(plans: OfficePlan[]): Map<string, http.Agent> {
  return new Map(
    plans.map((p, i) => {
      // Agent options reach net.connect: every connection of this office leaves from its address.
      const agent = new http.Agent({
        keepAlive: true,
        maxSockets: 4,
        keepAliveMsecs: 10_000,
        localAddress: `127.0.1.${i + 1}`,
      });
      return [p.code, agent];
    }),
  );
}

/** Logs the clerk of each office in; office → token. */
export async function loginClerks(
  base: string,
  plans: OfficePlan[],
  agents: Map<string, http.Agent>,
  tally: HttpTally,
): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const plan of plans) {
    const res = await tally.send<{ token?: string }>(
      'login',
      agents.get(plan.code)!,
      'POST',
      `${base}/api/auth/login`,
      { username: plan.clerk, password: PASSWORD },
    );
    if (res?.status !== 200 || !res.body.token) {
      throw new Error(`login ${plan.clerk}: HTTP ${res?.status ?? 'no answer'}`);
    }
    tokens.set(plan.code, res.body.token);
  }
  return tokens;
}

/** One ticket the bench issued: when the POST went out, and its id once answered. */
export interface Issued {
  office: string;
  service: string;
  sentAt: number;
  id: string;
}

export interface IssueOptions {
  base: string;
  plans: OfficePlan[];
  agents: Map<string, http.Agent>;
  tally: HttpTally;
  perSecond: number;
  seconds: number;
  /** Told of each ticket as its answer arrives (the windows' dispatcher listens). */
  onIssued?: (t: Issued) => void;
}

/** Issues `perSecond` tickets for `seconds`, each to a random office and service. */
export async function issueTickets(o: IssueOptions): Promise<Issued[]> {
  const issued: Issued[] = [];
  const inFlight = new Set<Promise<void>>();
  const started = nowMs();
  const total = Math.round(o.perSecond * o.seconds);
  for (let sent = 0; sent < total;) {
    const due = Math.min(total, Math.floor(((nowMs() - started) * o.perSecond) / 1000) + 1);
    for (; sent < due; sent++) {
      const plan = o.plans[Math.floor(Math.random() * o.plans.length)]!;
      const service = plan.services[Math.floor(Math.random() * plan.services.length)]!;
      const p = issueOne(o, plan.code, service).then((t) => {
        if (t) {
          issued.push(t);
          o.onIssued?.(t);
        }
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    await sleep(5);
  }
  await Promise.all(inFlight);
  return issued;
}

async function issueOne(o: IssueOptions, office: string, service: string) {
  // As the kiosk page sends a tap: with an idempotency key of its own (the floor ignores it).
  const res = await o.tally.send<{ ticket?: { id: string } }>(
    'issue',
    o.agents.get(office)!,
    'POST',
    `${o.base}/api/offices/${office}/tickets`,
    { service, kiosk: 'K1' },
    { 'idempotency-key': randomUUID() },
  );
  if (res?.status !== 201 || !res.body.ticket) return undefined;
  return { office, service, sentAt: res.sentAt, id: res.body.ticket.id };
}

/** call-next's answer: a ticket, none, or an error (counter_busy names the held ticket). */
interface CallAnswer {
  ticket?: { id: string } | null;
  error?: { code: string; details?: { ticket?: string } };
}

interface Window {
  number: string;
  services: Set<string>;
  busy: boolean;
}

interface OfficeDesk {
  code: string;
  token: string;
  windows: Window[];
  /** Tickets issued and not yet called: id → service. */
  waiting: Map<string, string>;
  calling: number;
}

/** The windows: an idle window that serves a waiting ticket's service calls next. */
export class Windows {
  private readonly desks = new Map<string, OfficeDesk>();
  private readonly agent = keepAliveAgent(256);
  private readonly cycles = new Set<Promise<void>>();
  private readonly called = new Set<string>();
  private timer: ReturnType<typeof setInterval> | undefined;
  /** call-next answers that held a ticket. */
  calls = 0;
  completes = 0;
  /** Tickets a window found it still held (409 counter_busy) and completed. */
  heldCompleted = 0;
  /** A ticket handed out by call-next more than once. */
  doubleCalls = 0;

  constructor(
    private readonly base: string,
    plans: OfficePlan[],
    tokens: Map<string, string>,
    private readonly tally: HttpTally,
    /** Time at the window between call and complete, ms. */
    private readonly serviceMs: () => number,
  ) {
    for (const p of plans) {
      const windows = Object.entries(p.counters).map(([number, codes]) => ({
        number,
        services: new Set(codes),
        busy: false,
      }));
      this.desks.set(p.code, {
        code: p.code,
        token: tokens.get(p.code)!,
        windows,
        waiting: new Map(),
        calling: 0,
      });
    }
  }

  /** A ticket is waiting at its office. */
  add(t: Issued): void {
    if (!this.called.has(t.id)) this.desks.get(t.office)?.waiting.set(t.id, t.service);
  }

  start(): void {
    this.timer = setInterval(() => this.dispatch(), 100);
  }

  /** Tickets issued and not called yet, over all offices. */
  get waiting(): number {
    let n = 0;
    for (const d of this.desks.values()) n += d.waiting.size;
    return n;
  }

  /** Lets the windows call what is left (at most 15 s), then stops them. */
  async finish(): Promise<void> {
    for (let waited = 0; this.waiting > 0 && waited < 15_000; waited += 250) await sleep(250);
    await this.stop();
  }

  /** What the windows did, for the report. */
  figures(): {
    calls: number;
    completes: number;
    heldCompleted: number;
    doubleCalls: number;
    waitingLeft: number;
  } {
    return {
      calls: this.calls,
      completes: this.completes,
      heldCompleted: this.heldCompleted,
      doubleCalls: this.doubleCalls,
      waitingLeft: this.waiting,
    };
  }

  /** Stops calling, lets the windows at work complete. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.cycles);
    this.agent.destroy();
  }

  private dispatch(): void {
    for (const desk of this.desks.values()) {
      let budget = desk.waiting.size - desk.calling;
      if (budget <= 0) continue;
      const services = new Set(desk.waiting.values());
      for (const w of desk.windows) {
        if (budget <= 0) break;
        if (w.busy || ![...w.services].some((s) => services.has(s))) continue;
        budget--;
        w.busy = true;
        const p = this.cycle(desk, w).finally(() => {
          w.busy = false;
          this.cycles.delete(p);
        });
        this.cycles.add(p);
      }
    }
  }

  /**
   * call-next; with a ticket: serve it for a while, then complete. A window still holding a ticket
   * (its call-next or complete went unanswered) is told so with 409 `counter_busy` and the ticket's
   * id: it completes that one, as a console showing its held ticket would.
   */
  private async cycle(desk: OfficeDesk, w: Window): Promise<void> {
    const auth = { authorization: `Bearer ${desk.token}` };
    desk.calling++;
    const call = await this.tally
      .send<CallAnswer>(
        'call-next',
        this.agent,
        'POST',
        `${this.base}/api/offices/${desk.code}/counters/${w.number}/call-next`,
        undefined,
        auth,
      )
      .finally(() => desk.calling--);
    const held = call?.status === 409 ? call.body.error?.details?.ticket : undefined;
    const ticket = call?.status === 200 ? call.body.ticket : held ? { id: held } : null;
    if (!ticket) return;
    if (held) this.heldCompleted++;
    else {
      this.calls++;
      if (this.called.has(ticket.id)) this.doubleCalls++;
    }
    this.called.add(ticket.id);
    desk.waiting.delete(ticket.id);
    if (!held) await sleep(this.serviceMs());
    const done = await this.tally.send(
      'complete',
      this.agent,
      'POST',
      `${this.base}/api/tickets/${ticket.id}/complete`,
      undefined,
      auth,
    );
    if (done?.status === 200) this.completes++;
  }
}
