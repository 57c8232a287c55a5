/**
 * The building blocks of the endpoint table (endpoints.ts): what an endpoint says of itself, the
 * sections, the shared path prefixes, and the path helpers the routers and the typed client use.
 * Zod-free, like the table.
 */
import type { ErrorCode } from './constants';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call: anyone; any staff session; staff who work a window (clerk, admin); role `admin`;
 * the Prometheus scraper (METRICS_TOKEN).
 */
export type Access = 'public' | 'staff' | 'window' | 'admin' | 'metrics';

/** The reference page's sections. */
export const EndpointTags = {
  queue: 'The live queue: offices, services, tickets (kiosks, displays, the ticket page)',
  auth: 'Staff sessions',
  windows: 'Counter windows: sessions, calls, pauses, ticket commands',
  cases: 'Registration cases (CONTRACT §4)',
  messages: 'Citizen messages: SMS and Telegram (CONTRACT §6)',
  bookings: 'Appointments (CONTRACT §6)',
  printers: 'Kiosk printers and the virtual printer',
  admin: 'Administration: services, counters, staff, devices, settings',
  reports: 'Reports and the audit log',
  ops: 'Health, readiness, metrics and this reference',
} as const;
export type EndpointTag = keyof typeof EndpointTags;

/** One endpoint. `path` is Express syntax (`:param`), the `/api` prefix included. */
export interface Endpoint<M extends HttpMethod = HttpMethod, P extends string = string> {
  readonly method: M;
  readonly path: P;
  readonly access: Access;
  readonly tag: EndpointTag;
  readonly summary: string;
  /** The success status (default 200). */
  readonly status?: 200 | 201 | 202 | 204;
  /** Refusals this endpoint names beyond those its inputs and access imply (400, 401, 403, 404). */
  readonly errors?: readonly ErrorCode[];
  /** What answers when it is not JSON (default `application/json`). */
  readonly produces?: string;
}

export function ep<M extends HttpMethod, P extends string>(
  method: M,
  path: P,
  access: Access,
  tag: EndpointTag,
  summary: string,
  more: Pick<Endpoint, 'status' | 'errors' | 'produces'> = {},
): Endpoint<M, P> {
  return { method, path, access, tag, summary, ...more };
}

export const OFFICE = '/api/offices/:office';
export const WINDOW = '/api/offices/:office/counters/:counter';
export const KIOSK = '/api/offices/:office/kiosks/:code';
export const TICKET = '/api/tickets/:id';
export const CASE = '/api/cases/:number';
export const TEMPLATE = '/api/offices/:office/message-templates/:key/:language';
/** Refusals of a command at a window: another session holds it; the server is saturated. */
export const held = ['counter_taken', 'overloaded'] as const;

/** The path a router mounted at `/api` declares for an endpoint (its path without the prefix). */
export function apiRoute(endpoint: Endpoint): string {
  if (!endpoint.path.startsWith('/api/')) throw new Error(`${endpoint.path} is not under /api`);
  return endpoint.path.slice('/api'.length);
}

/** The `:param` names of an Express path. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? ParamName<Name> | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? ParamName<Name>
    : never;
type ParamName<S extends string> = S extends `${infer N}.${string}` ? N : S;

/** The path with its parameters filled in, each URL-encoded. */
export function fillPath(path: string, params: Readonly<Record<string, string | number>>): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: no value for :${name}`);
    return encodeURIComponent(String(value));
  });
}
