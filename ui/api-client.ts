/**
 * The typed API client: one `call()` for every endpoint of server/protocol/endpoints.ts, its path,
 * method, body, query and answer types taken from the table (no hand-built URLs), and the request
 * core beneath it; every refusal becomes an {@link ApiError}.
 */
import {
  Endpoints,
  fillPath,
  type EndpointName,
  type PathParams,
} from '../server/protocol/endpoints';
import type { EndpointIo, QueryOf } from '../server/protocol/endpoint-types';

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
  /** Sent even if the page goes away meanwhile (a save on leaving the page). */
  keepalive?: boolean;
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
      keepalive: options.keepalive,
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

type PathOf<K extends EndpointName> = (typeof Endpoints)[K]['path'];
type ParamsArg<K extends EndpointName> = [PathParams<PathOf<K>>] extends [never]
  ? { params?: undefined }
  : { params: Readonly<Record<PathParams<PathOf<K>>, string | number>> };
type BodyArg<K extends EndpointName> = EndpointIo[K] extends { body: infer B }
  ? { body: B }
  : { body?: undefined };

/** What one call takes: path parameters, body and query as the endpoint declares them. */
export type CallOptions<K extends EndpointName> = ParamsArg<K> &
  BodyArg<K> & {
    query?: QueryOf<K>;
    token?: string;
    headers?: Readonly<Record<string, string>>;
    signal?: AbortSignal;
  };

/** Whether an endpoint can be called with no options at all (no path parameters, no body). */
type NoArgsNeeded<K extends EndpointName> =
  Record<string, never> extends CallOptions<K> ? true : false;

/** What an endpoint answers. */
export type ResponseOf<K extends EndpointName> = EndpointIo[K]['response'];

/** The URL of an endpoint with its parameters and query filled in (absent query values left out). */
export function endpointUrl<K extends EndpointName>(
  name: K,
  params?: Readonly<Record<string, string | number>>,
  query?: Readonly<Record<string, string | number | boolean | undefined>>,
): string {
  const path = fillPath(Endpoints[name].path, params ?? {});
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** Calls one endpoint of the table: `call('ticket', { params: { id } })`. */
export function call<K extends EndpointName>(
  name: K,
  ...[options]: NoArgsNeeded<K> extends true ? [CallOptions<K>?] : [CallOptions<K>]
): Promise<ResponseOf<K>> {
  const o = (options ?? {}) as CallOptions<K> & {
    params?: Readonly<Record<string, string | number>>;
    body?: unknown;
    query?: Readonly<Record<string, string | number | undefined>>;
  };
  return apiRequest<ResponseOf<K>>(endpointUrl(name, o.params, o.query), {
    method: Endpoints[name].method,
    body: o.body,
    token: o.token,
    headers: o.headers,
    signal: o.signal,
  });
}
