/** Staff log-in with bcrypt password hashes and opaque session tokens stored (hashed) in the database. */
import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import type { StaffUser } from '../../protocol';
import type { Database } from '../../../db/database';
import { AuthRepository, type SessionUser } from '../../../db/repositories/auth-repository';
import type { UserRecord } from '../../../db/records';
import { AppError, unauthorized } from '../errors';
import type { StaffPrincipal } from './actor';

export interface AuthServiceOptions {
  /** bcrypt cost factor. */
  rounds?: number;
  /** How long a session lives, in hours. */
  sessionHours?: number;
  now?: () => Date;
}

export class AuthService {
  private readonly repo: AuthRepository;
  private readonly rounds: number;
  private readonly sessionMs: number;
  private readonly now: () => Date;
  // Compared against when the username is unknown, at the cost of real hashes: both take one time.
  private dummyHash: Promise<string> | undefined;

  constructor(db: Database, options: AuthServiceOptions = {}) {
    this.repo = new AuthRepository(db);
    this.rounds = options.rounds ?? 10;
    this.sessionMs = (options.sessionHours ?? 12) * 3600_000;
    this.now = options.now ?? (() => new Date());
  }

  async hashPassword(password: string): Promise<string> {
    return bcrypt.hash(password, this.rounds);
  }

  /**
   * Checks the password and opens a session; wrong user, password or a disabled user → 401 (a
   * disabled user with the right password: `details.reason` `account_disabled`). Both
   * outcomes are audited (`auth.login`, `auth.login_failed`) with the client's address. A failure
   * goes to the user's office, or, for a username of no office (unknown included), to the office
   * of the login page (`client.office`) so that its administrator sees who knocked.
   */
  async login(
    username: string,
    password: string,
    client: { address?: string; office?: string } = {},
  ): Promise<{ token: string; user: StaffUser }> {
    const user = await this.repo.findUserByName(username);
    this.dummyHash ??= bcrypt.hash('navbat-timing-equaliser', this.rounds);
    const ok = await bcrypt.compare(password, user?.passwordHash ?? (await this.dummyHash));
    const now = this.now();
    const entry = {
      officeCode: user?.officeCode ?? null,
      at: now,
      actor: user?.username ?? 'anonymous',
      userId: user?.id ?? null,
      entity: 'user',
      entityId: username.slice(0, 64),
      after: { address: client.address ?? null },
    };
    if (!user || !ok || user.disabled) {
      // Looked up for every failure, known username or not: the answer takes one time for both.
      const pageOffice = await this.repo.officeForFailedLogin(client.office);
      // A user of no office (a ministry administrator) is never told to an office's audit.
      const officeCode = user ? entry.officeCode : pageOffice;
      await this.repo.audit({ ...entry, officeCode, action: 'auth.login_failed' });
      // Said only to whoever knows the password: the clerk learns why, a guesser learns nothing.
      if (user && ok)
        throw new AppError('unauthorized', 'this account is disabled', {
          reason: 'account_disabled',
        });
      throw unauthorized('wrong username or password');
    }
    const token = randomBytes(32).toString('base64url');
    await this.repo.createSession(
      hashToken(token),
      user.id,
      now,
      new Date(now.getTime() + this.sessionMs),
      { ...entry, action: 'auth.login' },
    );
    return { token, user: toStaffUser(user) };
  }

  /** The staff member behind a token, or 401. */
  async authenticate(token: string | undefined): Promise<StaffPrincipal> {
    return (await this.authenticateSession(token)).user;
  }

  /** The staff member behind a token and when the session ends, or 401: one statement. */
  async authenticateSession(
    token: string | undefined,
  ): Promise<{ user: StaffPrincipal; expiresAt: Date }> {
    if (!token) throw unauthorized();
    const found = await this.repo.findSessionUser(hashToken(token), this.now());
    if (!found) throw unauthorized('the session has ended; log in again');
    return { user: toPrincipal(found), expiresAt: found.expiresAt };
  }

  /**
   * The paired device of `office` behind a device token, of the `kind` asked for (a display's token
   * does not open a kiosk), or 401.
   */
  async authenticateDevice(
    office: string,
    kind: string,
    token: string | undefined,
  ): Promise<{ code: string; kind: string }> {
    if (!token)
      throw unauthorized('this device is not paired: open the pairing link from the admin page');
    const device = await this.repo.findDeviceByToken(office, hashToken(token));
    if (!device || device.kind !== kind) {
      throw unauthorized(
        'this device is not paired (or was unpaired): pair it again on the admin page',
      );
    }
    return device;
  }

  /** A new random device token (shown once) and the hash that is stored. */
  newDeviceToken(): { token: string; hash: string } {
    const token = randomBytes(24).toString('base64url');
    return { token, hash: hashToken(token) };
  }

  async logout(token: string): Promise<void> {
    await this.repo.revokeSession(hashToken(token), this.now());
  }
}

/** Tokens are stored only as SHA-256 hashes: a leaked table opens no session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toStaffUser(user: UserRecord): StaffUser {
  const out: StaffUser = { id: user.id, username: user.username, role: user.role, name: user.name };
  if (user.officeCode) out.office = user.officeCode;
  return out;
}

function toPrincipal(user: SessionUser): StaffPrincipal {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    name: user.name,
    officeCode: user.officeCode,
  };
}
