/**
 * Staff: create, change role, disable or enable, set a new password, and let in again a user whose
 * failed logins (a stranger's, often) hold it back at new addresses.
 */
import { html, nothing, type PropertyValues } from 'lit';
import type { AdminUser, Role } from '../../../server/protocol';
import { Roles } from '../../../server/protocol/constants';
import type { MessageKey } from '../../../ui/i18n/staff';
import { clearLoginLock, createUser, listUsers, updateUser } from './admin-api';
import { formText, AdminTab } from './admin-tab';
import { ApiError } from '../../../ui/api';
import type { ShownError } from '../../../ui/errors';
import { DEFAULT_TIME_ZONE, formatClock } from '../../../ui/format';

const ROLE_KEYS: Record<Role, MessageKey> = {
  clerk: 'roleClerk',
  back_office: 'roleBackOffice',
  admin: 'roleAdmin',
};

/** The Staff section. */
export class AdminStaff extends AdminTab {
  static override properties = { ...AdminTab.properties, users: { state: true } };

  declare private users: AdminUser[];

  constructor() {
    super();
    this.users = [];
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load();
  }

  private async load(): Promise<void> {
    await this.run(async (c) => {
      this.users = await listUsers(c);
    });
  }

  private change(user: AdminUser, body: Parameters<typeof updateUser>[2]): void {
    void this.run(async (c) => {
      await updateUser(c, user.username, body);
      this.users = await listUsers(c);
    }, this.l10n.t('adminSaved'));
  }

  private unlock(user: AdminUser): void {
    void this.run(async (c) => {
      await clearLoginLock(c, user.username);
      this.users = await listUsers(c);
    }, this.l10n.t('adminSaved'));
  }

  /** The user name last asked for: a clash names it (and why `Clerk5` clashes with `clerk5`). */
  private tried = '';

  /** A person's `name` is their full name ("ФИО"), not a thing's name ("Название"). */
  protected override fieldWords(field: string): string {
    return field === 'name' ? this.l10n.t('adminFullName') : super.fieldWords(field);
  }

  protected override shownError(error: unknown): ShownError {
    const taken =
      error instanceof ApiError &&
      error.code === 'conflict' &&
      (error.details as { field?: unknown } | undefined)?.field === 'username';
    if (!taken) return super.shownError(error);
    return {
      key: 'adminUsernameTaken',
      code: 'conflict',
      detail: '',
      params: { name: this.tried },
    };
  }

  private readonly onCreate = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (k: string) => formText(data, k).trim();
    this.tried = text('username');
    void this.run(async (c) => {
      await createUser(c, {
        username: text('username'),
        password: formText(data, 'password'),
        role: text('role'),
        name: text('name'),
      });
      form.reset();
      this.users = await listUsers(c);
    }, this.l10n.t('adminSaved'));
  };

  private roleSelect(value: string, onChange?: (role: string) => void) {
    return html`<select
      name="role"
      aria-label=${this.l10n.t('adminRole')}
      @change=${(e: Event) => onChange?.((e.target as HTMLSelectElement).value)}
    >
      ${Roles.map(
        (r) =>
          html`<option value=${r} ?selected=${r === value}>${this.l10n.t(ROLE_KEYS[r])}</option>`,
      )}
    </select>`;
  }

  /** Setting a user's new password (sent only when something was typed). */
  private renderPassword(u: AdminUser) {
    return html`<form
      class="grid"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const input = (e.currentTarget as HTMLFormElement).querySelector('input');
        if (input?.value) this.change(u, { password: input.value });
      }}
    >
      <input
        type="password"
        autocomplete="new-password"
        minlength="8"
        maxlength="200"
        aria-label="${this.l10n.t('adminNewPassword')}: ${u.username}"
      />
      <button type="submit" class="secondary">${this.l10n.t('adminSetPassword')}</button>
    </form>`;
  }

  /** The full name, corrected in place (a typo in a clerk's name needed the API). */
  private renderName(u: AdminUser) {
    return html`<form
      class="grid"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const name = (e.currentTarget as HTMLFormElement).querySelector('input')?.value.trim();
        if (name && name !== u.name) this.change(u, { name });
      }}
    >
      <input
        name="name"
        required
        maxlength="200"
        .value=${u.name}
        aria-label="${this.l10n.t('adminFullName')}: ${u.username}"
      />
      <button type="submit" class="secondary">${this.l10n.t('adminSave')}</button>
    </form>`;
  }

  /** Failed logins hold the user back: say so, with the way to let it in again. */
  private renderLoginLock(u: AdminUser) {
    if (!u.loginLocked) return nothing;
    return html`<span class="pill off" data-testid="login-locked-${u.username}"
        >${
          u.loginLockedUntil
            ? this.l10n.t('adminLoginLockedUntil', {
                time: formatClock(new Date(u.loginLockedUntil), DEFAULT_TIME_ZONE),
              })
            : this.l10n.t('adminLoginLocked')
        }</span
      >
      <button
        type="button"
        class="secondary"
        ?disabled=${this.busy}
        @click=${() => this.unlock(u)}
        aria-label="${this.l10n.t('adminUnlockLogin')}: ${u.username}"
      >
        ${this.l10n.t('adminUnlockLogin')}
      </button>`;
  }

  private renderUser(u: AdminUser) {
    return html`<tr>
      <td>${u.username}</td>
      <td class="free">${this.renderName(u)}</td>
      <td>${this.roleSelect(u.role, (role) => this.change(u, { role }))}</td>
      <td>
        <span class="pill ${u.disabled ? 'off' : ''}"
          >${this.l10n.t(u.disabled ? 'adminDisabled' : 'adminActive')}</span
        >
        <button
          type="button"
          class="secondary"
          ?disabled=${this.busy}
          @click=${() => this.change(u, { disabled: !u.disabled })}
        >
          ${this.l10n.t(u.disabled ? 'adminEnable' : 'adminDisable')}
        </button>
        ${this.renderLoginLock(u)}
      </td>
      <td>${this.renderPassword(u)}</td>
    </tr>`;
  }

  private renderNewUser() {
    return html`<h3 id="new-user">${this.l10n.t('adminNewUser')}</h3>
      <form class="grid" aria-labelledby="new-user" @submit=${this.onCreate}>
        <label
          >${this.l10n.t('adminUsername')}
          <span class="muted hint" id="new-user-hint">${this.l10n.t('adminUsernameHint')}</span>
          <input
            name="username"
            required
            pattern="[A-Za-z0-9._\\-]{2,100}"
            title=${this.l10n.t('adminUsernameHint')}
            aria-describedby="new-user-hint"
        /></label>
        <label
          >${this.l10n.t('adminFullName')} <input name="name" required maxlength="200"
        /></label>
        <label
          >${this.l10n.t('adminPassword')}
          <input
            name="password"
            type="password"
            autocomplete="new-password"
            required
            minlength="8"
            maxlength="200"
        /></label>
        <label>${this.l10n.t('adminRole')} ${this.roleSelect('clerk')}</label>
        <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminAdd')}</button>
      </form>`;
  }

  override render() {
    return html`
      ${this.notes()}
      <section class="card" aria-labelledby="staff-h">
        <h2 id="staff-h">${this.l10n.t('adminTabStaff')}</h2>
        <table>
          <thead>
            <tr>
              <th>${this.l10n.t('adminUsername')}</th>
              <th>${this.l10n.t('adminFullName')}</th>
              <th>${this.l10n.t('adminRole')}</th>
              <th>${this.l10n.t('adminState')}</th>
              <th>${this.l10n.t('adminNewPassword')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.users.map((u) => this.renderUser(u))}
          </tbody>
        </table>
        ${this.renderNewUser()}
      </section>
    `;
  }
}

customElements.define('counter-admin-staff', AdminStaff);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-staff': AdminStaff;
  }
}
