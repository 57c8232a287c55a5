/** REST calls of the three front ends; every refusal becomes an {@link ApiError}. */
import type {
  CallReason,
  IssueTicket,
  OfficeInfo,
  Login,
  Service,
  StaffTicket,
  StaffUser,
  Ticket,
} from '../server/protocol';
import { DEVICE_TOKEN_HEADER, IDEMPOTENCY_HEADER } from '../server/protocol/constants';

/** Error code used when the server could not be reached at all. */
export const NETWORK_ERROR = 'network';

/** A refusal from the server (`{"error":{"code","message"}}`) or a failed connection. */
export class ApiError extends Error {
  /** HTTP status; 0 when no answer arrived. */
  readonly status: number;
  /** The contract's snake_case error code, or {@link NETWORK_ERROR}. */
  readonly code: string;
  /** The error's `details` (who holds a window, why a command was refused), when it had any. */
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Options of one request. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Staff bearer token. */
  token?: string;
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
}

/** Sends a JSON request and returns the parsed answer (undefined for 204), or throws ApiError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, NETWORK_ERROR, error instanceof Error ? error.message : String(error));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok) throw toApiError(response, body);
  return body as T;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null) {
      const { code, message, details } = error as {
        code?: unknown;
        message?: unknown;
        details?: unknown;
      };
      if (typeof code === 'string') {
        const text = typeof message === 'string' ? message : code;
        return new ApiError(response.status, code, text, details);
      }
    }
  }
  return new ApiError(response.status, `http_${response.status}`, response.statusText);
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

/** What the printer did with a freshly issued ticket. */
export type PrintStatus = 'queued' | 'printed' | 'failed' | 'none';

/** Answer of POST /api/offices/:office/tickets. */
export interface IssuedTicket {
  ticket: Ticket;
  print: { status: PrintStatus };
}

/** Answer of POST /api/auth/login. */
export interface LoginResult {
  token: string;
  user: StaffUser;
}

/** A command on one ticket from a counter console. */
export type TicketAction = 'recall' | 'start' | 'no-show' | 'complete';

function officePath(office: string): string {
  return `/api/offices/${encodeURIComponent(office)}`;
}

/** What every page may know of the office: names, zone, languages, … */
export async function fetchOffice(office: string): Promise<OfficeInfo> {
  return (await apiRequest<{ office: OfficeInfo }>(officePath(office))).office;
}

/** The office's services with names in every language. */
export function fetchServices(office: string, signal?: AbortSignal): Promise<Service[]> {
  return apiRequest<Service[]>(`${officePath(office)}/services`, { signal });
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
  return apiRequest<IssuedTicket>(`${officePath(office)}/tickets`, {
    method: 'POST',
    body,
    headers,
  });
}

/** Signs a staff member in. */
export function login(credentials: Login): Promise<LoginResult> {
  return apiRequest<LoginResult>('/api/auth/login', { method: 'POST', body: credentials });
}

/** Ends the session of `token`. */
export async function logout(token: string): Promise<void> {
  await apiRequest<unknown>('/api/auth/logout', { method: 'POST', token });
}

/** Calls the next ticket to a counter (`ticket: null` when nobody waits), saying why it was chosen. */
export async function callNext(
  office: string,
  counter: string,
  token: string,
): Promise<{ ticket: StaffTicket | null; reason?: CallReason }> {
  const path = `${officePath(office)}/counters/${encodeURIComponent(counter)}/call-next`;
  return apiRequest<{ ticket: StaffTicket | null; reason?: CallReason }>(path, {
    method: 'POST',
    token,
  });
}

/** Recall, start, no-show or complete one ticket. */
export async function ticketAction(
  id: string,
  action: TicketAction,
  token: string,
): Promise<StaffTicket> {
  const path = `/api/tickets/${encodeURIComponent(id)}/${action}`;
  const result = await apiRequest<{ ticket: StaffTicket }>(path, { method: 'POST', token });
  return result.ticket;
}

/** One ticket's public view; a waiting one carries people ahead and the estimate. */
export async function fetchTicket(id: string, signal?: AbortSignal): Promise<Ticket> {
  const result = await apiRequest<{ ticket: Ticket }>(`/api/tickets/${encodeURIComponent(id)}`, {
    signal,
  });
  return result.ticket;
}

/** One sheet of a kiosk's virtual printer (GET …/kiosks/:code/paper). */
export interface PaperJob {
  /** Position in the printer's memory, oldest first; shifts as old sheets are forgotten. */
  index: number;
  /** When it was printed (ISO). */
  at: string;
  /** The sheet's text, line by line. */
  lines: string[];
  /** Paper width in mm. */
  width: number;
}

function paperPath(office: string, kiosk: string): string {
  return `${officePath(office)}/kiosks/${encodeURIComponent(kiosk)}/paper`;
}

/** The last sheets a kiosk printed on the virtual printer, newest first. */
export async function fetchPaper(
  office: string,
  kiosk: string,
  signal?: AbortSignal,
): Promise<PaperJob[]> {
  const result = await apiRequest<{ jobs: PaperJob[] }>(paperPath(office, kiosk), { signal });
  return result.jobs;
}

/** Address of a sheet's PNG; the print time keeps a reused index from showing an older image. */
export function paperImageUrl(office: string, kiosk: string, job: PaperJob): string {
  return `${paperPath(office, kiosk)}/${job.index}.png?at=${encodeURIComponent(job.at)}`;
}
