/** REST calls of the administration pages (CONTRACT §4 "Admin" and the README's additions). */
import type {
  AdminCounter,
  AdminDevice,
  AdminOfficeSettings,
  AdminService,
  AdminUser,
  AuditEntry,
  CreateDevice,
  CreateService,
  DevicePairing,
  CreateUser,
  OfficeSettings,
  PutCounter,
  ReportSummary,
  UpdateDevice,
  UpdateService,
  UpdateUser,
} from '../../../server/protocol';
import { apiRequest } from '../../../ui/api';

/** What every admin call needs: the office and the staff token. */
export interface AdminContext {
  office: string;
  token: string;
}

const enc = encodeURIComponent;
/** The office's API path, `/api/offices/<office>`. */
export const officePath = (c: AdminContext) => `/api/offices/${enc(c.office)}`;

export async function listServices(c: AdminContext): Promise<AdminService[]> {
  const r = await apiRequest<{ services: AdminService[] }>(`${officePath(c)}/admin/services`, {
    token: c.token,
  });
  return r.services;
}

export async function createService(c: AdminContext, body: CreateService): Promise<AdminService> {
  const r = await apiRequest<{ service: AdminService }>(`${officePath(c)}/services`, {
    method: 'POST',
    token: c.token,
    body,
  });
  return r.service;
}

export async function updateService(
  c: AdminContext,
  code: string,
  body: UpdateService,
): Promise<AdminService> {
  const r = await apiRequest<{ service: AdminService }>(`${officePath(c)}/services/${enc(code)}`, {
    method: 'PATCH',
    token: c.token,
    body,
  });
  return r.service;
}

export async function listCounters(c: AdminContext): Promise<AdminCounter[]> {
  const r = await apiRequest<{ counters: AdminCounter[] }>(`${officePath(c)}/counters`, {
    token: c.token,
  });
  return r.counters;
}

/** Saves a window; `createOnly`: a new one (409 when the number exists, nothing overwritten). */
export async function putCounter(
  c: AdminContext,
  number: string,
  body: PutCounter,
  createOnly = false,
): Promise<AdminCounter> {
  const r = await apiRequest<{ counter: AdminCounter }>(
    `${officePath(c)}/counters/${enc(number)}`,
    { method: 'PUT', token: c.token, body, headers: createOnly ? { 'If-None-Match': '*' } : {} },
  );
  return r.counter;
}

export async function listUsers(c: AdminContext): Promise<AdminUser[]> {
  const r = await apiRequest<{ users: AdminUser[] }>('/api/users', { token: c.token });
  return r.users;
}

export async function createUser(c: AdminContext, body: CreateUser): Promise<AdminUser> {
  const r = await apiRequest<{ user: AdminUser }>('/api/users', {
    method: 'POST',
    token: c.token,
    body,
  });
  return r.user;
}

export async function updateUser(
  c: AdminContext,
  username: string,
  body: UpdateUser,
): Promise<AdminUser> {
  const r = await apiRequest<{ user: AdminUser }>(`/api/users/${enc(username)}`, {
    method: 'PATCH',
    token: c.token,
    body,
  });
  return r.user;
}

/** Clears the failed logins that hold a user back at new addresses. */
export async function clearLoginLock(c: AdminContext, username: string): Promise<AdminUser> {
  const r = await apiRequest<{ user: AdminUser }>(`/api/users/${enc(username)}/login-lock`, {
    method: 'DELETE',
    token: c.token,
  });
  return r.user;
}

export async function listDevices(c: AdminContext): Promise<AdminDevice[]> {
  const r = await apiRequest<{ devices: AdminDevice[] }>(`${officePath(c)}/devices`, {
    token: c.token,
  });
  return r.devices;
}

export async function updateDevice(
  c: AdminContext,
  code: string,
  body: UpdateDevice,
): Promise<AdminDevice> {
  const r = await apiRequest<{ device: AdminDevice }>(`${officePath(c)}/devices/${enc(code)}`, {
    method: 'PATCH',
    token: c.token,
    body,
  });
  return r.device;
}

export async function createDevice(c: AdminContext, body: CreateDevice): Promise<AdminDevice> {
  const r = await apiRequest<{ device: AdminDevice }>(`${officePath(c)}/devices`, {
    method: 'POST',
    token: c.token,
    body,
  });
  return r.device;
}

/** A new token for the device (the old one stops working); shown once. */
export async function pairDevice(c: AdminContext, code: string): Promise<DevicePairing> {
  return apiRequest<DevicePairing>(`${officePath(c)}/devices/${enc(code)}/pair`, {
    method: 'POST',
    token: c.token,
  });
}

/** Removes a device (DELETE …/devices/:code): its token ends; its tickets keep the code. */
export async function deleteDevice(c: AdminContext, code: string): Promise<AdminDevice> {
  const r = await apiRequest<{ device: AdminDevice }>(`${officePath(c)}/devices/${enc(code)}`, {
    method: 'DELETE',
    token: c.token,
  });
  return r.device;
}

export async function unpairDevice(c: AdminContext, code: string): Promise<AdminDevice> {
  const r = await apiRequest<{ device: AdminDevice }>(
    `${officePath(c)}/devices/${enc(code)}/pair`,
    {
      method: 'DELETE',
      token: c.token,
    },
  );
  return r.device;
}

export async function testPrint(c: AdminContext, kiosk: string): Promise<void> {
  await apiRequest<unknown>(`${officePath(c)}/kiosks/${enc(kiosk)}/test-print`, {
    method: 'POST',
    token: c.token,
  });
}

export async function getSettings(c: AdminContext): Promise<AdminOfficeSettings> {
  const r = await apiRequest<{ settings: AdminOfficeSettings }>(`${officePath(c)}/settings`, {
    token: c.token,
  });
  return r.settings;
}

export async function saveSettings(
  c: AdminContext,
  body: OfficeSettings,
): Promise<AdminOfficeSettings> {
  const r = await apiRequest<{ settings: AdminOfficeSettings }>(`${officePath(c)}/settings`, {
    method: 'PATCH',
    token: c.token,
    body,
  });
  return r.settings;
}

export function closeDay(c: AdminContext): Promise<{ day: string; expired: number }> {
  return apiRequest(`${officePath(c)}/day/close`, { method: 'POST', token: c.token });
}

/**
 * Address of the summary; with `csv` the CSV download (the session cookie authorises it). Without
 * dates the server reports the office's today, in the office's zone.
 */
export function summaryPath(
  c: AdminContext,
  from: string,
  to: string,
  csv?: { language: string },
): string {
  const params = new URLSearchParams();
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (csv) {
    params.set('format', 'csv');
    params.set('lang', csv.language);
  }
  const query = params.toString();
  return `${officePath(c)}/reports/summary${query ? `?${query}` : ''}`;
}

export function fetchSummary(c: AdminContext, from: string, to: string): Promise<ReportSummary> {
  return apiRequest<ReportSummary>(summaryPath(c, from, to), { token: c.token });
}

export async function searchAudit(
  c: AdminContext,
  query: Readonly<Record<string, string>>,
): Promise<AuditEntry[]> {
  const params = new URLSearchParams(
    Object.entries(query).filter(([, v]) => v.trim() !== ''),
  ).toString();
  const r = await apiRequest<{ entries: AuditEntry[] }>(
    `${officePath(c)}/audit${params ? `?${params}` : ''}`,
    { token: c.token },
  );
  return r.entries;
}
