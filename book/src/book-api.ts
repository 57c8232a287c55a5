/** The booking page's few requests (plain fetch) and its calendar arithmetic. */

/** An error answer of the API, with the contract's code and details. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(code);
  }
}

export async function api<T>(path: string, init?: { method: string; body: unknown }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init?.method ?? 'GET',
      headers: init ? { 'content-type': 'application/json' } : undefined,
      body: init ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw new ApiError('network', undefined);
  }
  const body = (await res.json().catch(() => ({}))) as {
    error?: { code: string; details?: Record<string, unknown> };
  };
  if (!res.ok) throw new ApiError(body.error?.code ?? 'internal', body.error?.details);
  return body as T;
}

export const PHONE_PREFIX = '+992';

/**
 * Today on the office clock and the day `days` later, as YYYY-MM-DD (the page keeps off the shared
 * protocol chunks to stay small: these two lines are all it needs of the calendar).
 */
export function officeDays(timeZone: string, days: number): { from: string; to: string } {
  const from = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const to = new Date(`${from}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() + days);
  return { from, to: to.toISOString().slice(0, 10) };
}
