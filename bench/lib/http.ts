/** A tiny JSON-over-HTTP client on a keep-alive agent (the load generator). */
import http from 'node:http';
import { nowMs } from './stats';

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  /** Monotonic time just before the request was written. */
  sentAt: number;
  /** Monotonic time the whole response body had arrived. */
  doneAt: number;
  /** Whether the request opened a new connection (none of the agent's was free). */
  newConnection: boolean;
  headers: http.IncomingHttpHeaders;
}

export function keepAliveAgent(maxSockets = 64): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, keepAliveMsecs: 10_000 });
}

export function requestJson<T = unknown>(
  agent: http.Agent,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const u = new URL(url);
    const sentAt = nowMs();
    let newConnection = false;
    const req = http.request(
      {
        agent,
        method,
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        headers: {
          accept: 'application/json',
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const doneAt = nowMs();
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // keep the text
          }
          resolve({
            status: res.statusCode ?? 0,
            body: parsed as T,
            sentAt,
            doneAt,
            headers: res.headers,
            newConnection,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('socket', (socket) => (newConnection = socket.connecting));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `fn` over `items` with at most `concurrency` in flight. */
export async function pool<I, O>(
  items: readonly I[],
  concurrency: number,
  fn: (item: I, index: number) => Promise<O>,
): Promise<O[]> {
  const out = new Array<O>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}
