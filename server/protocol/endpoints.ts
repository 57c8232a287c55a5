/**
 * Every HTTP endpoint of the server, once: method, path, who may call it, what it answers and which
 * refusals it names. The routers mount these paths, the typed client (ui/api-client.ts) calls them,
 * and /api/openapi.json is generated from this table and the zod schemas (server/src/http/openapi/).
 * Zod-free: front ends import it without pulling zod into their bundles.
 */
import { CASE, ep, held, OFFICE, TEMPLATE, TICKET, WINDOW } from './endpoint-def';
import { OfficeEndpoints } from './endpoints-office';

export * from './endpoint-def';

const QueueEndpoints = {
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
  ticketNotifyStatus: ep(
    'GET',
    `${TICKET}/notify`,
    'public',
    'messages',
    'Where this ticket’s messages go, and whether Telegram is offered',
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
} as const;

export const Endpoints = { ...QueueEndpoints, ...OfficeEndpoints } as const;

export type EndpointName = keyof typeof Endpoints;
