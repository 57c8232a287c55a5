/** REST calls of the console beyond the basic queue commands: windows, transfers and cases. */
import type {
  Case,
  CaseStatus,
  CaseType,
  CounterState,
  PatchCase,
  StaffTicket,
  Transfer,
} from '../../server/protocol';
import { ApiError, apiRequest, call } from '../../ui/api';

function counterPath(office: string, counter: string): string {
  return `/api/offices/${encodeURIComponent(office)}/counters/${encodeURIComponent(counter)}`;
}

/** Takes the window for this session; `takeover` from another clerk (else 409 `counter_taken`). */
export async function takeWindow(
  office: string,
  counter: string,
  token: string,
  takeover = false,
): Promise<CounterState> {
  const result = await apiRequest<{ counter: CounterState }>(
    `${counterPath(office, counter)}/session`,
    { method: 'POST', body: takeover ? { takeover: true } : {}, token },
  );
  return result.counter;
}

/** Leaves the window (another clerk may take it without asking). */
export async function leaveWindow(office: string, counter: string, token: string): Promise<void> {
  await apiRequest<unknown>(`${counterPath(office, counter)}/session`, {
    method: 'DELETE',
    token,
  });
}

/** Takes back a no-show marked by mistake (within the server's undo time). */
export async function undoNoShow(id: string, token: string): Promise<StaffTicket> {
  const path = `/api/tickets/${encodeURIComponent(id)}/undo-no-show`;
  const result = await apiRequest<{ ticket: StaffTicket }>(path, { method: 'POST', token });
  return result.ticket;
}

/** Calls one chosen waiting ticket to the window. */
export async function callTicket(
  office: string,
  counter: string,
  ticketId: string,
  token: string,
): Promise<StaffTicket> {
  const result = await apiRequest<{ ticket: StaffTicket }>(`${counterPath(office, counter)}/call`, {
    method: 'POST',
    body: { ticketId },
    token,
  });
  return result.ticket;
}

/** Pauses the window with a reason, or (reason undefined) opens it again. */
export async function setPause(
  office: string,
  counter: string,
  reason: string | undefined,
  token: string,
): Promise<CounterState> {
  const path = `${counterPath(office, counter)}/${reason === undefined ? 'resume' : 'pause'}`;
  const result = await apiRequest<{ counter: CounterState }>(path, {
    method: 'POST',
    body: reason === undefined ? undefined : { reason },
    token,
  });
  return result.counter;
}

/** Sends the ticket back to the queue of another service or window, with a note. */
export async function transferTicket(
  id: string,
  target: Transfer,
  token: string,
): Promise<StaffTicket> {
  const path = `/api/tickets/${encodeURIComponent(id)}/transfer`;
  const result = await apiRequest<{ ticket: StaffTicket }>(path, {
    method: 'POST',
    body: target,
    token,
  });
  return result.ticket;
}

function casePath(number: string): string {
  return `/api/cases/${encodeURIComponent(number)}`;
}

/** One case with its history. */
export async function getCase(number: string, token: string): Promise<Case> {
  return (await apiRequest<{ case: Case }>(casePath(number), { token })).case;
}

/** Opens a case of `type` for the visitor holding `ticketId`. */
export async function createCase(ticketId: string, type: CaseType, token: string): Promise<Case> {
  const result = await apiRequest<{ case: Case }>('/api/cases', {
    method: 'POST',
    body: { ticketId, type },
    token,
  });
  return result.case;
}

/** Saves an edit made on `patch.version`; an older version is refused (`stale_version`). */
export async function patchCase(
  number: string,
  patch: PatchCase,
  token: string,
  keepalive = false,
): Promise<Case> {
  const result = await apiRequest<{ case: Case }>(casePath(number), {
    method: 'PATCH',
    body: patch,
    token,
    keepalive,
  });
  return result.case;
}

/** Moves the case to `to` (submit, register, return, reject, ready, issue). */
/** The clerk has checked the identity of a citizen who linked a visit at the kiosk. */
export async function confirmIdentity(
  number: string,
  version: number,
  token: string,
): Promise<Case> {
  const result = await apiRequest<{ case: Case }>(`${casePath(number)}/identity`, {
    method: 'POST',
    body: { version },
    token,
  });
  return result.case;
}

export async function transitionCase(
  number: string,
  to: CaseStatus,
  version: number,
  token: string,
  note?: string,
): Promise<Case> {
  const result = await apiRequest<{ case: Case }>(`${casePath(number)}/transitions`, {
    method: 'POST',
    body: { to, version, ...(note ? { note } : {}) },
    token,
  });
  return result.case;
}

/** Cases by status and/or a search (case number, person name, document number). */
export async function listCases(
  query: { status?: CaseStatus; q?: string },
  token: string,
): Promise<Case[]> {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.q) params.set('q', query.q);
  const result = await apiRequest<{ cases: Case[] }>(`/api/cases?${params.toString()}`, { token });
  return result.cases;
}

/**
 * The case receipt's one-time Telegram link (`t.me/<bot>?start=<code>`); undefined when the server
 * has no bot or the applicant gave no consent (both answer 404).
 */
export async function caseTelegramLink(number: string, token: string): Promise<string | undefined> {
  try {
    return (await call('caseTelegram', { params: { number }, token })).link;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}
