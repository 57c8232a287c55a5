/**
 * The front ends' common REST calls, each one `call()` of the typed client (ui/api-client.ts);
 * the client's core is re-exported here for the pages that import it from this module.
 */
import type {
  CallReason,
  IssueTicket,
  OfficeInfo,
  Login,
  Service,
  StaffTicket,
  Ticket,
} from '../server/protocol';
import {
  DEVICE_TOKEN_HEADER,
  ErrorCode,
  IDEMPOTENCY_HEADER,
  TICKET_KEY_HEADER,
} from '../server/protocol/constants';
import type { IssuedTicket, LoginResult, PaperJob } from '../server/protocol/endpoint-types';
import { ApiError, call, endpointUrl } from './api-client';

export { ApiError, NETWORK_ERROR, apiRequest, call, type RequestOptions } from './api-client';
export type {
  IssuedTicket,
  LoginResult,
  PaperJob,
  PrintStatus,
} from '../server/protocol/endpoint-types';

/** The ticket holder's key as a request header (none when the page has no key). */
export function holderHeaders(holderKey: string | undefined): Record<string, string> {
  return holderKey ? { [TICKET_KEY_HEADER]: holderKey } : {};
}

/** A fresh idempotency key; works on plain-http kiosks, where `crypto.randomUUID` is missing. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A command on one ticket from a counter console. */
export type TicketAction = 'recall' | 'start' | 'no-show' | 'complete';

/** What every page may know of the office: names, zone, languages, … */
export async function fetchOffice(office: string): Promise<OfficeInfo> {
  return (await call('office', { params: { office } })).office;
}

/** True when the server says it has no such office (a typo in a page's address). */
export async function isOfficeUnknown(office: string | undefined): Promise<boolean> {
  if (!office) return false;
  return fetchOffice(office).then(
    () => false,
    (error: unknown) => error instanceof ApiError && error.code === ErrorCode.notFound,
  );
}

/** The office's services with names in every language. */
export function fetchServices(office: string, signal?: AbortSignal): Promise<Service[]> {
  return call('services', { params: { office }, signal });
}

/**
 * Issues a ticket; the same key again returns the same ticket instead of a second one. A paired
 * kiosk sends its device token.
 */
export function issueTicket(
  office: string,
  body: IssueTicket,
  idempotencyKey: string,
  deviceToken?: string,
): Promise<IssuedTicket> {
  const headers: Record<string, string> = { [IDEMPOTENCY_HEADER]: idempotencyKey };
  if (deviceToken) headers[DEVICE_TOKEN_HEADER] = deviceToken;
  return call('issueTicket', { params: { office }, body, headers });
}

/** Signs a staff member in. */
export function login(credentials: Login): Promise<LoginResult> {
  return call('login', { body: credentials });
}

/** Ends the session of `token`. */
export async function logout(token: string): Promise<void> {
  await call('logout', { token });
}

/** Calls the next ticket to a counter (`ticket: null` when nobody waits), saying why it was chosen. */
export function callNext(
  office: string,
  counter: string,
  token: string,
): Promise<{ ticket: StaffTicket | null; reason?: CallReason }> {
  return call('callNext', { params: { office, counter }, token });
}

/** Recall, start, no-show or complete one ticket. */
export async function ticketAction(
  id: string,
  action: TicketAction,
  token: string,
): Promise<StaffTicket> {
  return (await call('ticketAction', { params: { id, action }, token })).ticket;
}

/** One ticket's public view; a waiting one carries people ahead and the estimate. */
export async function fetchTicket(id: string, signal?: AbortSignal): Promise<Ticket> {
  return (await call('ticket', { params: { id }, signal })).ticket;
}

/** The last sheets a kiosk printed on the virtual printer, newest first. */
export async function fetchPaper(
  office: string,
  kiosk: string,
  signal?: AbortSignal,
): Promise<PaperJob[]> {
  return (await call('kioskPaper', { params: { office, code: kiosk }, signal })).jobs;
}

/** Address of a sheet's PNG; the print time keeps a reused index from showing an older image. */
export function paperImageUrl(office: string, kiosk: string, job: PaperJob): string {
  return endpointUrl('kioskPaperPng', { office, code: kiosk, index: job.index }, { at: job.at });
}
