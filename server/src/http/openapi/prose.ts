/**
 * The reference's prose: the introduction (errors, authentication) and the Socket.IO events,
 * which OpenAPI cannot describe as operations — as markdown and as the `x-socketio` extension.
 */
import { Namespace, QueueEvent } from '../../../protocol/events';
import { ErrorStatus } from '../../../protocol/constants';

const ERROR_TABLE = Object.entries(ErrorStatus)
  .map(([code, status]) => `| \`${code}\` | ${status} |`)
  .join('\n');

export const INTRODUCTION = `Navbat serves the queue and the civil registry's cases of an office: kiosks issue tickets,
displays call them, counter consoles work them, other systems read and write through this API.
This document is generated from the server's endpoint table and its zod schemas; every route the
server mounts is in it (a test keeps it so).

**Errors.** Every 4xx/5xx answer has the body \`{"error":{"code":"snake_case","message":"…"}}\`
(sometimes \`details\`). Codes and their statuses:

| code | status |
| --- | --- |
${ERROR_TABLE}

\`overloaded\` and the ticket issue's \`rate_limited\` carry \`Retry-After\`.

**Authentication.** Staff send \`Authorization: Bearer <token>\` (from \`POST /api/auth/login\`) or the
session cookie \`navbat_session\` set by the login. Writes with the cookie are refused from another site
(\`Sec-Fetch-Site\`, or without it an \`Origin\` that is not the request's own host). A staff member acts only for their own office (403 otherwise).

**Realtime.** See "Socket.IO events" below and \`x-socketio\` in this document.`;

/** What each server → client event carries. */
const EVENT_PAYLOADS: Record<string, string> = {
  [QueueEvent.snapshot]:
    '`QueueSnapshot` — on connect, and as the ack of `queue:sync`: today’s live tickets, counters, service loads',
  [QueueEvent.gap]: '`{seq}` — an event will not arrive in order: send `queue:sync` once',
  [QueueEvent.ticketIssued]: '`{seq, ticket}`',
  [QueueEvent.ticketCalled]:
    '`{seq, ticket, was}` — also on recall; `ticket.counter` is set; `was`: its status before',
  [QueueEvent.ticketUpdated]:
    '`{seq, ticket, was}` — every other change of a ticket; `was`: its status before',
  [QueueEvent.counterUpdated]: '`{seq, counter}` (`CounterState`)',
  [QueueEvent.printerUpdated]: '`{seq, printer}` — a kiosk printer went online or offline',
  [QueueEvent.officeUpdated]: '`{seq, office}` (`OfficeInfo`) — an administrator saved settings',
  [QueueEvent.servicesUpdated]: '`{seq, services}` — the full service list after a change',
  [QueueEvent.caseUpdated]: '`{case}` — `/counter` only: a case of the office changed',
};

/** The `x-socketio` extension: namespaces, their auth, and the events. */
export function socketExtension(): Record<string, unknown> {
  return {
    path: '/socket.io',
    namespaces: {
      [Namespace.display]: { auth: '{office, device?}', personalData: false },
      [Namespace.kiosk]: { auth: '{office, device?}', personalData: false },
      [Namespace.counter]: { auth: '{office, token, counter?}', personalData: true },
    },
    serverToClient: EVENT_PAYLOADS,
    clientToServer: { [QueueEvent.sync]: 'no payload; the ack is a `QueueSnapshot`' },
  };
}

export const SOCKET_DESCRIPTION = `Socket.IO at \`/socket.io\`, one namespace per role:
\`/display\` and \`/kiosk\` (\`auth: {office}\`, plus \`device\` where the office pairs devices; never
personal data or case numbers) and \`/counter\` (\`auth: {office, token, counter?}\`, staff only). Bad auth
refuses the connection with the error code as its message. Every event of an office carries \`seq\`,
strictly increasing per office; a client that sees a gap sends \`queue:sync\`.

${Object.entries(EVENT_PAYLOADS)
  .map(([event, payload]) => `- \`${event}\`: ${payload}`)
  .join('\n')}`;
