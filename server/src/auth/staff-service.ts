/**
 * Staff accounts as the administrator manages them: list, create, change. Each change is one
 * transaction with its audit row; disabling a user or setting a new password ends its sessions.
 */
import type { Transaction } from 'sequelize';
import { Roles, type AdminUser, type CreateUser, type Role, type UpdateUser } from '../../protocol';
import type { Database } from '../../../db/database';
import { AuthRepository } from '../../../db/repositories/auth-repository';
import { AuditRepository } from '../../../db/repositories/audit-repository';
import type { UserRecord } from '../../../db/records';
import { AppError, forbidden, notFound, validationFailed } from '../errors';
import type { StaffPrincipal } from './actor';
import type { AuthService } from './auth-service';
import type { LoginThrottle } from '../security/login-throttle';
import { assertAdministers, auditAdmin, conflict, type AdminAuditRow } from './office-admin';

export interface StaffServiceDeps {
  db: Database;
  auth: AuthService;
  /** Whether an office of that code exists. */
  officeExists: (code: string) => Promise<boolean>;
  now?: () => Date;
  /** Called after a commit that ended sessions (to close their live sockets). */
  onSessionsEnded?: () => Promise<void>;
  /** The failed-login counts per username (shared by every node when Redis is used). */
  loginLocks: Pick<LoginThrottle, 'failures' | 'lockedUntil' | 'clear'>;
}

export class StaffService {
  private readonly repo: AuthRepository;
  private readonly auditRepo: AuditRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: StaffServiceDeps) {
    this.repo = new AuthRepository(deps.db);
    this.auditRepo = new AuditRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  /** The staff the administrator sees, each with whether failed logins hold it back. */
  async listUsers(admin: StaffPrincipal): Promise<AdminUser[]> {
    const users = await this.repo.listUsers(admin.officeCode ?? undefined);
    return Promise.all(
      users.map(async (u) => {
        // The list stands without the rate store (Redis down): no user shows as held back then.
        const until = await this.deps.loginLocks
          .lockedUntil(u.username, this.now())
          .catch(() => undefined);
        return {
          ...toUserDto(u),
          loginLocked: until !== undefined,
          ...(until && { loginLockedUntil: until.toISOString() }),
        };
      }),
    );
  }

  /**
   * Clears the failed logins counted against a user, so that a stranger who spent its attempts
   * does not keep its owner out (from a new address) until the window ends; audited.
   */
  async clearLoginLock(username: string, admin: StaffPrincipal): Promise<AdminUser> {
    const user = await this.repo.findUserByName(username);
    if (!user) throw notFound(`user ${username}`);
    assertAdministersUser(admin, user);
    const failedLogins = await this.deps.loginLocks.failures(username);
    await this.deps.db.transaction(async (t) => {
      await this.audit(t, admin, {
        officeCode: user.officeCode ?? admin.officeCode,
        action: 'user.login_unlock',
        entity: 'user',
        entityId: username,
        before: { failedLogins },
        after: { failedLogins: 0 },
      });
      // Inside the transaction: a count that cannot be cleared leaves no audit row saying it was.
      await this.deps.loginLocks.clear(username);
    });
    return { ...toUserDto(user), loginLocked: false };
  }

  async createUser(body: CreateUser, admin: StaffPrincipal): Promise<AdminUser> {
    const office = body.office ?? admin.officeCode;
    if (office) {
      assertAdministers(admin, office);
      if (!(await this.deps.officeExists(office))) {
        throw validationFailed(`office: unknown office ${office}`, {
          issues: [{ field: 'office', message: `unknown office ${office}` }],
        });
      }
    }
    const passwordHash = await this.deps.auth.hashPassword(body.password);
    return this.deps.db.transaction(async (t) => {
      if (await this.repo.usernameTaken(body.username, t)) {
        throw conflict(`user ${body.username} exists already (letter case aside)`, 'username');
      }
      const user = await this.repo.createUser(
        {
          officeCode: office ?? null,
          username: body.username,
          passwordHash,
          role: roleOf(body.role),
          name: body.name,
          disabled: false,
        },
        t,
      );
      await this.audit(t, admin, {
        officeCode: office,
        action: 'user.create',
        entity: 'user',
        entityId: user.username,
        after: { role: user.role, name: user.name, office: user.officeCode },
      });
      return toUserDto(user);
    });
  }

  /** Changes a user; disabling one or setting a new password ends every session it has. */
  async updateUser(username: string, body: UpdateUser, admin: StaffPrincipal): Promise<AdminUser> {
    const passwordHash =
      body.password === undefined ? undefined : await this.deps.auth.hashPassword(body.password);
    const updated = await this.deps.db.transaction(async (t) => {
      const before = await this.repo.findUserByName(username, t);
      if (!before) throw notFound(`user ${username}`);
      await this.assertMayChange(before, body, admin, t);
      const fields: Partial<UserRecord> = {};
      if (body.role !== undefined) fields.role = roleOf(body.role);
      if (body.name !== undefined) fields.name = body.name;
      if (body.disabled !== undefined) fields.disabled = body.disabled;
      if (passwordHash !== undefined) fields.passwordHash = passwordHash;
      await this.repo.updateUser(before.id, fields, t);
      let sessionsEnded = 0;
      if (body.disabled === true || passwordHash !== undefined) {
        sessionsEnded = await this.repo.revokeSessions(before.id, this.now(), t);
      }
      const after = { ...before, ...fields };
      await this.audit(t, admin, {
        officeCode: before.officeCode ?? admin.officeCode,
        action: userAction(before, body),
        entity: 'user',
        entityId: username,
        before: { role: before.role, name: before.name, disabled: before.disabled },
        after: {
          role: after.role,
          name: after.name,
          disabled: after.disabled,
          ...(passwordHash ? { passwordReset: true } : {}),
          ...(sessionsEnded ? { sessionsEnded } : {}),
        },
      });
      return { user: toUserDto(after), sessionsEnded };
    });
    if (updated.sessionsEnded && this.deps.onSessionsEnded) {
      // The change stands even when a socket cannot be reached; the next command is refused anyway.
      await this.deps.onSessionsEnded().catch(() => undefined);
    }
    return updated.user;
  }

  /** 403 outside the administrator's office; 409 for the last enabled administrator. */
  private async assertMayChange(
    before: UserRecord,
    body: UpdateUser,
    admin: StaffPrincipal,
    t: Transaction,
  ): Promise<void> {
    assertAdministersUser(admin, before);
    const losesAdmin =
      before.role === 'admin' &&
      !before.disabled &&
      (body.disabled === true || (body.role !== undefined && body.role !== 'admin'));
    if (losesAdmin && (await this.repo.countActiveAdmins(t)) <= 1) {
      throw new AppError('conflict', 'the last administrator cannot be disabled or demoted');
    }
  }

  private audit(t: Transaction, admin: StaffPrincipal, row: AdminAuditRow): Promise<void> {
    return auditAdmin(this.auditRepo, t, admin, this.now(), row);
  }
}

/** 403 unless `admin` administers the user's office (a user of every office: only such an admin). */
function assertAdministersUser(admin: StaffPrincipal, user: UserRecord): void {
  if (user.officeCode) assertAdministers(admin, user.officeCode);
  else if (admin.officeCode) throw forbidden('that user works for every office');
}

/** The role a request names (its schema admits only roles; this narrows the type without a cast). */
function roleOf(name: string): Role {
  const role = Roles.find((r) => r === name);
  if (!role) throw validationFailed(`role: unknown role ${name}`);
  return role;
}

function userAction(before: UserRecord, body: UpdateUser): string {
  if (body.disabled === true && !before.disabled) return 'user.disable';
  if (body.disabled === false && before.disabled) return 'user.enable';
  return 'user.update';
}

function toUserDto(u: UserRecord): AdminUser {
  return {
    username: u.username,
    role: u.role,
    name: u.name,
    office: u.officeCode,
    disabled: u.disabled,
  };
}
