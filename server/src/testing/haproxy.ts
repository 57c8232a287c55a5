/**
 * HAProxy in front of several nodes, as the README's "Several server processes" documents it: one
 * configuration for the national bench and the rolling-restart test, so what is measured and
 * tested is what an operator is told to run. Debian's package (`apt-get install -y haproxy`).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const HAPROXY = '/usr/sbin/haproxy';

/** The balancer's own port, its statistics page's, and the nodes'. */
export interface ProxyPorts {
  front: number;
  stats: number;
  nodes: number[];
}

/**
 * What HAProxy answers itself when no node does (none is up, a node dropped the connection, none
 * answered in time): the contract's error shape with `Retry-After`, as a node's own refusals, so
 * that a kiosk tries the citizen's tap again instead of showing a balancer's HTML page.
 */
const OWN_ERRORS: ReadonlyArray<[status: number, message: string]> = [
  [502, 'no server answered: try again'],
  [503, 'no server is available: try again'],
  [504, 'no server answered in time: try again'],
];

function ownError([status, message]: [number, string]): string {
  const body = JSON.stringify({
    error: { code: 'unavailable', message, details: { retryAfterSeconds: 1 } },
  });
  return (
    `  http-error status ${status} content-type application/json` +
    ` hdr Retry-After 1 hdr X-Content-Type-Options nosniff hdr Cache-Control no-store` +
    ` string '${body}'`
  );
}

/**
 * The configuration: the sticky cookie (Socket.IO's polling handshake stays on one node), the
 * check of `/api/ready` (a stopping node answers 503 and is taken out), the websocket tunnel's
 * timeout, `option redispatch` (a connection a stopping node refuses is tried on another node, not
 * answered 503 until the check notices), the contract's errors, and a second backend for when
 * every node is out because Redis is: there the first node that is alive serves everyone.
 */
export function haproxyConfig(ports: ProxyPorts): string {
  const server = (port: number, i: number, extra = '') =>
    `  server n${i + 1} 127.0.0.1:${port}${extra} check inter 2s fall 2 rise 2` +
    ' on-marked-down shutdown-sessions';
  return [
    'global',
    '  maxconn 8192',
    'defaults',
    '  mode http',
    '  option forwardfor',
    '  option redispatch',
    '  retries 3',
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 1h',
    ...OWN_ERRORS.map(ownError),
    'frontend navbat',
    `  bind 127.0.0.1:${ports.front}`,
    '  use_backend nodes if { nbsrv(nodes) gt 0 }',
    '  default_backend alone',
    'backend nodes',
    '  balance roundrobin',
    '  option httpchk GET /api/ready',
    '  http-check expect status 200',
    '  cookie SERVERID insert indirect nocache',
    ...ports.nodes.map((port, i) => server(port, i, ` cookie n${i + 1}`)),
    // Every node says it is not ready when Redis is away (events would not reach the other nodes):
    // then one node serves everyone, and a single node needs no Redis to keep its pages true. The
    // first one alive (`balance first`, checked for life, not readiness), so a node that is down
    // as well is passed over. Sessions of a node taken out are closed: its displays reconnect.
    'backend alone',
    '  balance first',
    '  option httpchk GET /api/health',
    '  http-check expect status 200',
    ...ports.nodes.map((port, i) => server(port, i)),
    'listen stats',
    `  bind 127.0.0.1:${ports.stats}`,
    '  stats enable',
    '  stats uri /stats',
    '',
  ].join('\n');
}

/** One backend server's row of HAProxy's CSV statistics. */
export interface ServerStats {
  /** The backend (`nodes`, or `alone` while Redis is away) and the server. */
  backend: string;
  name: string;
  status: string;
  /** Sessions in total, now, and 5xx answers. */
  total: number;
  current: number;
  http5xx: number;
}

/** The servers' rows of the stats page (of the `nodes` backend unless `backend` is given). */
export async function proxyStats(statsPort: number, backend = 'nodes'): Promise<ServerStats[]> {
  const res = await fetch(`http://127.0.0.1:${statsPort}/stats;csv`);
  const lines = (await res.text()).split('\n');
  const header = (lines[0] ?? '').replace(/^# /, '').split(',');
  const col = (name: string): number => header.indexOf(name);
  return lines
    .slice(1)
    .map((l) => l.split(','))
    .filter((f) => f[0] === backend && f[1] !== 'BACKEND' && f[1] !== 'FRONTEND')
    .map((f) => ({
      backend,
      name: f[1] ?? '?',
      status: f[col('status')] ?? '?',
      total: Number(f[col('stot')]),
      current: Number(f[col('scur')]),
      http5xx: Number(f[col('hrsp_5xx')]),
    }));
}

/** How many of the backend's servers HAProxy's checks hold UP. */
export async function serversUp(statsPort: number): Promise<number> {
  return (await proxyStats(statsPort)).filter((s) => s.status === 'UP').length;
}

/** Installs HAProxy with apt-get when the binary is missing (`.ci/run` installs it beforehand). */
export function ensureHaproxy(log: (line: string) => void = console.log): void {
  if (fs.existsSync(HAPROXY)) return;
  log(`  ${HAPROXY} is missing: apt-get install -y haproxy`);
  execFileSync('apt-get', ['install', '-y', 'haproxy'], { stdio: 'inherit' });
}
