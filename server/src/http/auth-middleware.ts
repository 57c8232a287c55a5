/** Staff authentication (Bearer token or session cookie) and role checks for routes. */
import type { Request, RequestHandler, Response } from 'express';
import { SESSION_COOKIE, type Role } from '../../protocol';
import type { AuthService } from '../auth/auth-service';
import type { StaffPrincipal } from '../auth/actor';
import { forbidden, unauthorized } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * The token of a request: `Authorization: Bearer …` first, then the session cookie. The cookie is an
 * ambient credential a browser attaches to requests other pages start, so it authorises only reads
 * (the admin's CSV download) and only when the browser says the request came from our own pages
 * (`Sec-Fetch-Site`): no page of another origin — another port of the same host included — can act
 * for a clerk. The pages themselves send the Bearer token.
 */
export function tokenOf(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  if (!SAFE_METHODS.has(req.method)) return undefined;
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return undefined;
  return readCookie(req.get('cookie'), SESSION_COOKIE);
}

/**
 * Refuses a write another origin's page started (`Sec-Fetch-Site: cross-site|same-site`, or, from a
 * browser that sends no fetch metadata, an `Origin` that is not the request's own host). Programs
 * (kiosks, gateways, scripts) send neither. Writes need a Bearer token anyway; this is the second lock.
 */
export const sameOriginWrites: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || req.method === 'OPTIONS') {
    next();
    return;
  }
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    next(forbidden('requests from another site are refused'));
    return;
  }
  const origin = req.get('origin');
  if (site === undefined && origin !== undefined && !isOwnOrigin(req, origin)) {
    next(forbidden('requests from another origin are refused'));
    return;
  }
  next();
};

/**
 * Whether `origin` names the host the request was sent to: Express's `req.host`, which is the
 * `Host` header, or behind a trusted proxy the `X-Forwarded-Host` it passes on. `null` (a sandboxed
 * or file page) is nobody's own.
 */
function isOwnOrigin(req: Request, origin: string): boolean {
  try {
    return new URL(origin).host === req.host?.toLowerCase();
  } catch {
    return false;
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Requires a staff session (optionally one of `roles`); the user lands in `res.locals.user`. A route
 * with an `:office` parameter is closed to staff of another office (the whole class of cross-office
 * reads and writes, whatever the service below checks).
 */
export function requireStaff(auth: AuthService, roles?: readonly Role[]): RequestHandler {
  return (req, res, next) => {
    const token = tokenOf(req);
    if (!token) {
      next(unauthorized());
      return;
    }
    auth
      .authenticate(token)
      .then((user) => {
        if (roles && !roles.includes(user.role)) throw forbidden();
        const office = (req.params as Record<string, string | undefined>).office;
        if (office !== undefined) assertStaffOf(user, office);
        res.locals.user = user;
        next();
      })
      .catch(next);
  };
}

/** Staff of one office act only there; staff without an office (the ministry's admins) everywhere. */
function assertStaffOf(user: StaffPrincipal, officeCode: string): void {
  if (user.officeCode !== null && user.officeCode !== officeCode) {
    throw forbidden(`you work for office ${user.officeCode}`);
  }
}

/** The user `requireStaff` put on the response. */
export function staffOf(res: Response): StaffPrincipal {
  const user = res.locals.user as StaffPrincipal | undefined;
  if (!user) throw unauthorized();
  return user;
}
