/**
 * Every HTTP endpoint of the server, once: method, path, who may call it, what it answers and which
 * refusals it names. The routers mount these paths, the typed client (ui/api-client.ts) calls them,
 * and /api/openapi.json is generated from this table and the zod schemas (server/src/http/openapi/).
 * Zod-free: front ends import it without pulling zod into their bundles.
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

function ep<M extends HttpMethod, P extends string>(
  method: M,
  path: P,
  access: Access,
  tag: EndpointTag,
  summary: string,
  more: Pick<Endpoint, 'status' | 'errors' | 'produces'> = {},
): Endpoint<M, P> {
  return { method, path, access, tag, summary, ...more };
}

const OFFICE = '/api/offices/:office';
const WINDOW = '/api/offices/:office/counters/:counter';
const KIOSK = '/api/offices/:office/kiosks/:code';
const TICKET = '/api/tickets/:id';
const CASE = '/api/cases/:number';
const TEMPLATE = '/api/offices/:office/message-templates/:key/:language';
const held = ['counter_taken', 'overloaded'] as const;

export const Endpoints = {
  // ---- the live queue (public) ----
  health: ep(
    'GET',
    '/api/health',
    'public',
    'ops',
    'Whether the database answers (200, else 503)',
    { errors: ['unavailable'] },
  ),
  ready: ep(
    'GET',
    '/api/ready',
    'public',
    'ops',
    'Ready for traffic: database and Redis answer, not draining',
    { errors: ['unavailable'] },
  ),
  metrics: ep('GET', '/metrics', 'metrics', 'ops', 'Prometheus metrics (text exposition format)', {
    produces: 'text/plain',
  }),
  openapi: ep(
    'GET',
    '/api/openapi.json',
    'public',
    'ops',
    'This document (OpenAPI 3.1), generated from the endpoint table',
  ),
  docs: ep('GET', '/api/docs', 'public', 'ops', 'The reference page of this API (HTML)', {
    produces: 'text/html',
  }),
  docsScript: ep(
    'GET',
    '/api/docs/init.js',
    'public',
    'ops',
    'The reference page’s start script (it loads this document)',
    { produces: 'text/javascript' },
  ),
  office: ep(
    'GET',
    OFFICE,
    'public',
    'queue',
    'The office: names, time zone, languages, hours, priorities',
  ),
  services: ep(
    'GET',
    `${OFFICE}/services`,
    'public',
    'queue',
    'The office’s services with names in every language and whether each is open',
  ),
  issueTicket: ep(
    'POST',
    `${OFFICE}/tickets`,
    'public',
    'queue',
    'Issue a ticket, or check a booking in with `{booking}` (201; the same Idempotency-Key again: 200, the same ticket)',
    { status: 201, errors: ['conflict', 'rate_limited', 'overloaded', 'slot_full'] },
  ),
  ticket: ep(
    'GET',
    TICKET,
    'public',
    'queue',
    'One ticket’s public view; a waiting one carries people ahead and the estimate',
  ),
  queue: ep(
    'GET',
    `${OFFICE}/queue`,
    'staff',
    'windows',
    'The office’s live queue: the same snapshot the sockets send',
  ),

  // ---- staff sessions ----
  login: ep(
    'POST',
    '/api/auth/login',
    'public',
    'auth',
    'Sign in: a bearer token, also set as the session cookie',
    { errors: ['rate_limited'] },
  ),
  logout: ep(
    'POST',
    '/api/auth/logout',
    'staff',
    'auth',
    'Sign out: the token is refused from then on, the windows it held are free',
    { status: 204 },
  ),
  me: ep('GET', '/api/auth/me', 'staff', 'auth', 'The signed-in staff member'),

  // ---- windows ----
  takeWindow: ep(
    'POST',
    `${WINDOW}/session`,
    'window',
    'windows',
    'Take a window (one window, one clerk; `takeover` moves it from another session)',
    { errors: ['counter_taken'] },
  ),
  leaveWindow: ep('DELETE', `${WINDOW}/session`, 'window', 'windows', 'Leave a window', {
    errors: ['counter_taken'],
  }),
  callNext: ep(
    'POST',
    `${WINDOW}/call-next`,
    'window',
    'windows',
    'Call the next ticket for this counter’s services (`ticket: null` when nobody waits)',
    { errors: ['counter_busy', ...held] },
  ),
  callTicket: ep('POST', `${WINDOW}/call`, 'window', 'windows', 'Call one chosen waiting ticket', {
    errors: ['counter_busy', 'illegal_transition', ...held],
  }),
  pauseCounter: ep(
    'POST',
    `${WINDOW}/pause`,
    'window',
    'windows',
    'Pause the counter with a reason',
    { errors: ['counter_busy', ...held] },
  ),
  resumeCounter: ep(
    'POST',
    `${WINDOW}/resume`,
    'window',
    'windows',
    'Open a paused counter again',
    { errors: [...held] },
  ),
  transferTicket: ep(
    'POST',
    `${TICKET}/transfer`,
    'window',
    'windows',
    'Send a ticket to another service or counter (waiting again, same number, same place)',
    { errors: ['illegal_transition', ...held] },
  ),
  undoNoShow: ep(
    'POST',
    `${TICKET}/undo-no-show`,
    'window',
    'windows',
    'Take back a no-show marked by mistake (shortly after)',
    { errors: ['illegal_transition', ...held] },
  ),
  ticketAction: ep(
    'POST',
    `${TICKET}/:action`,
    'window',
    'windows',
    'Recall, start, no-show or complete a ticket',
    { errors: ['illegal_transition', ...held] },
  ),

  // ---- cases ----
  createCase: ep('POST', '/api/cases', 'staff', 'cases', 'Open a case linked to a ticket', {
    status: 201,
    errors: ['conflict'],
  }),
  cases: ep(
    'GET',
    '/api/cases',
    'staff',
    'cases',
    'Search cases by status and by number, person name or document number',
  ),
  case: ep('GET', CASE, 'staff', 'cases', 'One case'),
  patchCase: ep(
    'PATCH',
    CASE,
    'staff',
    'cases',
    'Edit a case (optimistic: an older `version` is 409 stale_version)',
    { errors: ['stale_version', 'illegal_transition'] },
  ),
  transitionCase: ep(
    'POST',
    `${CASE}/transitions`,
    'staff',
    'cases',
    'Move a case to another status (CONTRACT §4 workflow)',
    { errors: ['stale_version', 'illegal_transition'] },
  ),
  confirmIdentity: ep(
    'POST',
    `${CASE}/identity`,
    'staff',
    'cases',
    'Record that the applicant’s identity was checked',
    { errors: ['stale_version', 'illegal_transition'] },
  ),
  ticketCase: ep('GET', `${TICKET}/case`, 'staff', 'cases', 'The case linked to a ticket'),
  caseTelegram: ep(
    'POST',
    `${CASE}/telegram`,
    'staff',
    'messages',
    'The Telegram link printed on a case receipt',
  ),

  // ---- messages ----
  notifyTicket: ep(
    'POST',
    `${TICKET}/notify`,
    'public',
    'messages',
    'Send this ticket’s messages to a phone (202)',
    { status: 202, errors: ['rate_limited'] },
  ),
  stopNotify: ep(
    'DELETE',
    `${TICKET}/notify`,
    'public',
    'messages',
    'Stop this ticket’s messages',
    { status: 204, errors: ['rate_limited'] },
  ),
  ticketTelegram: ep(
    'POST',
    `${TICKET}/telegram`,
    'public',
    'messages',
    'A Telegram link that follows this ticket',
    { errors: ['rate_limited'] },
  ),
  messages: ep(
    'GET',
    `${OFFICE}/messages`,
    'admin',
    'messages',
    'The office’s messages (numbers masked) and which channels are configured',
  ),
  testMessage: ep('POST', `${OFFICE}/messages/test`, 'admin', 'messages', 'Send a test SMS', {
    status: 201,
    errors: ['unavailable'],
  }),
  messageTotals: ep(
    'GET',
    `${OFFICE}/messages/totals`,
    'admin',
    'messages',
    'Messages per day and status',
  ),
  messageTemplates: ep(
    'GET',
    `${OFFICE}/message-templates`,
    'admin',
    'messages',
    'The message templates, the office’s own and the defaults',
  ),
  putMessageTemplate: ep(
    'PUT',
    TEMPLATE,
    'admin',
    'messages',
    'Set the office’s text of one template in one language',
  ),
  resetMessageTemplate: ep(
    'DELETE',
    TEMPLATE,
    'admin',
    'messages',
    'Go back to the default text of one template',
  ),
  messageSettings: ep(
    'GET',
    `${OFFICE}/message-settings`,
    'admin',
    'messages',
    'When messages are sent',
  ),
  putMessageSettings: ep(
    'PUT',
    `${OFFICE}/message-settings`,
    'admin',
    'messages',
    'Change when messages are sent',
  ),

  // ---- bookings ----
  slots: ep(
    'GET',
    `${OFFICE}/slots`,
    'public',
    'bookings',
    'Free appointment slots of a service between two days',
  ),
  serviceDocuments: ep(
    'GET',
    `${OFFICE}/services/:service/documents`,
    'public',
    'bookings',
    'What to bring: a registry service’s document checklist',
  ),
  createBooking: ep(
    'POST',
    `${OFFICE}/bookings`,
    'public',
    'bookings',
    'Book a slot; a one-time code goes to the phone',
    { status: 201, errors: ['slot_full', 'rate_limited', 'unavailable'] },
  ),
  confirmBooking: ep(
    'POST',
    `${OFFICE}/bookings/:code/confirm`,
    'public',
    'bookings',
    'Confirm a booking with the one-time code',
    { errors: ['slot_full', 'conflict', 'rate_limited'] },
  ),
  cancelBooking: ep(
    'DELETE',
    `${OFFICE}/bookings/:code`,
    'public',
    'bookings',
    'Cancel a booking (the phone it was made with)',
    { errors: ['conflict', 'rate_limited'] },
  ),
  bookingPlans: ep(
    'GET',
    `${OFFICE}/booking-plans`,
    'admin',
    'bookings',
    'Every service’s booking plan',
  ),
  bookingSettings: ep(
    'GET',
    `${OFFICE}/booking-settings`,
    'admin',
    'bookings',
    'The check-in window around each slot’s start',
  ),
  putBookingSettings: ep(
    'PUT',
    `${OFFICE}/booking-settings`,
    'admin',
    'bookings',
    'Change the check-in window',
  ),
  putBookingPlan: ep(
    'PUT',
    `${OFFICE}/services/:service/booking-plan`,
    'admin',
    'bookings',
    'Set or remove (null) a service’s booking plan',
  ),

  // ---- printers ----
  kioskPrinter: ep(
    'GET',
    `${KIOSK}/printer`,
    'public',
    'printers',
    'A kiosk’s printer: kind, whether it answers, jobs waiting',
    { errors: ['conflict'] },
  ),
  testPrint: ep(
    'POST',
    `${KIOSK}/test-print`,
    'admin',
    'printers',
    'Print a sample ticket on a kiosk’s printer',
    { errors: ['conflict', 'unavailable'] },
  ),
  kioskPaper: ep(
    'GET',
    `${KIOSK}/paper`,
    'public',
    'printers',
    'The last sheets of a kiosk’s virtual printer, newest first',
  ),
  kioskPaperPng: ep(
    'GET',
    `${KIOSK}/paper/:index.png`,
    'public',
    'printers',
    'One sheet of the virtual printer as a PNG image',
    { produces: 'image/png' },
  ),

  // ---- administration ----
  adminServices: ep(
    'GET',
    `${OFFICE}/admin/services`,
    'admin',
    'admin',
    'Every service of the office, closed ones included, with documents',
  ),
  createService: ep(
    'POST',
    `${OFFICE}/services`,
    'admin',
    'admin',
    'Add a service (kiosks show it at once)',
    { status: 201, errors: ['conflict'] },
  ),
  updateService: ep(
    'PATCH',
    `${OFFICE}/services/:code`,
    'admin',
    'admin',
    'Rename, close or reopen a service',
    { errors: ['conflict'] },
  ),
  counters: ep(
    'GET',
    `${OFFICE}/counters`,
    'admin',
    'admin',
    'The office’s counters and the services each calls',
  ),
  putCounter: ep('PUT', WINDOW, 'admin', 'admin', 'Set the services a counter calls from now on'),
  users: ep('GET', '/api/users', 'admin', 'admin', 'Staff accounts'),
  createUser: ep('POST', '/api/users', 'admin', 'admin', 'Add a staff account', {
    status: 201,
    errors: ['conflict'],
  }),
  updateUser: ep(
    'PATCH',
    '/api/users/:username',
    'admin',
    'admin',
    'Change role, name, password or disable (its sessions end)',
  ),
  devices: ep('GET', `${OFFICE}/devices`, 'admin', 'admin', 'Kiosks and displays of the office'),
  createDevice: ep('POST', `${OFFICE}/devices`, 'admin', 'admin', 'Register a kiosk or display', {
    status: 201,
    errors: ['conflict'],
  }),
  pairDevice: ep(
    'POST',
    `${OFFICE}/devices/:code/pair`,
    'admin',
    'admin',
    'Pair a device: a new device token (shown once, never cached)',
  ),
  unpairDevice: ep(
    'DELETE',
    `${OFFICE}/devices/:code/pair`,
    'admin',
    'admin',
    'Unpair a device: its token ends',
  ),
  updateDevice: ep(
    'PATCH',
    `${OFFICE}/devices/:code`,
    'admin',
    'admin',
    'Change a device (printer address, …)',
  ),
  settings: ep('GET', `${OFFICE}/settings`, 'admin', 'admin', 'The office’s settings'),
  putSettings: ep('PATCH', `${OFFICE}/settings`, 'admin', 'admin', 'Change the office’s settings'),
  closeDay: ep(
    'POST',
    `${OFFICE}/day/close`,
    'admin',
    'admin',
    'Close the office day: what still waits expires',
  ),

  // ---- reports ----
  reportSummary: ep(
    'GET',
    `${OFFICE}/reports/summary`,
    'admin',
    'reports',
    'Summary between two days (`format=csv`: the same as text/csv)',
  ),
  audit: ep('GET', `${OFFICE}/audit`, 'admin', 'reports', 'The audit log'),
} as const;

export type EndpointName = keyof typeof Endpoints;

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
