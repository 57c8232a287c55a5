/** Staff authentication (Bearer token or session cookie) and role checks for routes. */
import type { Request, RequestHandler, Response } from 'express';
import { SESSION_COOKIE, type Role } from '../../protocol';
import type { AuthService } from '../auth/auth-service';
import type { StaffPrincipal } from '../auth/actor';
import { forbidden, unauthorized } from '../errors';

/** The token of a request: `Authorization: Bearer …` first, then the session cookie. */
export function tokenOf(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  return readCookie(req.get('cookie'), SESSION_COOKIE);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Requires a staff session (optionally one of `roles`); the user lands in `res.locals.user`. */
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
        res.locals.user = user;
        next();
      })
      .catch(next);
  };
}

/** The user `requireStaff` put on the response. */
export function staffOf(res: Response): StaffPrincipal {
  const user = res.locals.user as StaffPrincipal | undefined;
  if (!user) throw unauthorized();
  return user;
}
