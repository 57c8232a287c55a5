/** Small HTTP and Socket.IO clients for tests and benchmarks (real requests, real sockets). */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, QueueSnapshot, ServerToClientEvents } from '../../protocol';

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON request; `body` is sent as JSON unless it is a string (sent raw). */
export async function request<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read field by field
  base: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    token?: string;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  // A server that never answers fails the test with the request's name, not at the test's timeout.
  const timeoutMs = options.timeoutMs ?? 30_000;
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  let res: Response;
  let text: string;
  try {
    res = await fetch(base + path, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    if ((err as Error).name !== 'TimeoutError') throw err;
    throw new Error(`${method} ${path}: no answer in ${timeoutMs} ms`, { cause: err });
  }
  return {
    status: res.status,
    // A CSV or a page is given as its text; JSON (every error included) parsed.
    body: (text && /json/.test(res.headers.get('content-type') ?? '')
      ? JSON.parse(text)
      : text || undefined) as T,
    headers: res.headers,
  };
}

/** Logs in and returns the token. */
export async function login(base: string, username: string, password = 'demo'): Promise<string> {
  const res = await request<{ token: string }>(base, 'POST', '/api/auth/login', {
    body: { username, password },
  });
  if (res.status !== 200)
    throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

export type QueueSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A connected socket of a namespace with its first snapshot. */
export async function connectSocket(
  base: string,
  namespace: '/display' | '/kiosk' | '/counter',
  auth: Record<string, string | number>,
): Promise<{ socket: QueueSocket; snapshot: QueueSnapshot }> {
  const socket: QueueSocket = io(base + namespace, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const snapshot = await new Promise<QueueSnapshot>((resolve, reject) => {
    socket.once('queue:snapshot', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, snapshot };
}

/** Resolves with the connect error message (the contract's error code) of a refused socket. */
export async function refusedSocket(
  base: string,
  namespace: '/display' | '/kiosk' | '/counter',
  auth: Record<string, string | number>,
): Promise<string> {
  const socket: QueueSocket = io(base + namespace, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.once('connect_error', (err) => resolve(err.message));
      socket.once('connect', () => reject(new Error('the socket was accepted')));
    });
  } finally {
    socket.close();
  }
}
