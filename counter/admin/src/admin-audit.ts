/**
 * The audit log in words: when (office clock), who (name), what, about which ticket or case, and each
 * change as "before → after". A ticket number (A002) or a case number finds every entry about it.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import type { AdminUser, AuditEntry } from '../../../server/protocol';
import { actorWords } from '../../src/actor-words';
import { fetchOffice } from '../../../ui/api';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../../../ui/format';
import '../../../ui/nb-date-field';
import { getSettings, listServices, listUsers, searchAudit } from './admin-api';
import { formText, AdminTab } from './admin-tab';
import { ACTION_GROUPS, describeAudit, type AuditVocabulary } from './audit-view';

/** The changes as a short list, field names muted, the ticket or case in bold. */
const auditStyles = css`
  ul.changes {
    margin: 0;
    padding-left: 18px;
  }
  .field {
    color: var(--nb-muted);
    font-weight: 600;
  }
  /* A ticket number stays on one line; a long subject (a service's name) wraps inside its column
     rather than pushing the changes off the card. */
  td.about {
    min-width: 9em;
    max-width: 16em;
    overflow-wrap: break-word;
    font-weight: 700;
  }
`;

/** The Audit log section. */
export class AdminAudit extends AdminTab {
  static override styles = [...AdminTab.styles, auditStyles];

  static override properties = {
    ...AdminTab.properties,
    entries: { state: true },
    users: { state: true },
  };

  declare private entries: AuditEntry[];
  declare private users: AdminUser[];
  private query: Record<string, string> = {};
  /** Times are shown on the office's clock, whatever the administrator's browser is set to. */
  private timeZone?: string;
  private vocabulary: Omit<AuditVocabulary, 'language'> = { services: [], priorities: [] };

  constructor() {
    super();
    this.entries = [];
    this.users = [];
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load(true);
  }

  private async load(first = false): Promise<void> {
    await this.run(async (c) => {
      if (first) {
        const [office, services, settings, users] = await Promise.all([
          fetchOffice(c.office),
          listServices(c),
          getSettings(c),
          listUsers(c),
        ]);
        this.timeZone = office.timeZone;
        this.vocabulary = { services, priorities: settings.priorities, office };
        this.users = users;
      }
      this.entries = await searchAudit(c, { ...this.query, limit: '200' });
    });
  }

  private readonly onSearch = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.query = Object.fromEntries(
      ['q', 'action', 'user', 'from', 'to'].map((k) => [k, formText(data, k)]),
    );
    void this.load();
  };

  private renderEntry(e: AuditEntry) {
    const line = describeAudit(e, { ...this.vocabulary, language: this.language });
    const who = e.actorName ?? actorWords(e.actor, this.language);
    return html`<tr data-id=${e.id}>
      <td class="num">${formatDateTime(new Date(e.at), this.timeZone ?? DEFAULT_TIME_ZONE)}</td>
      <td>${who}</td>
      <td>${line.what}</td>
      <td class="about">${line.about}</td>
      <td>
        ${
          line.changes.length
            ? html`<ul class="changes">
                ${line.changes.map(
                  (c) =>
                    html`<li>
                      <span class="field">${c.field}:</span>
                      ${c.before ? html`${c.before} → ` : nothing}${c.after || this.l10n.t('notGiven')}
                    </li>`,
                )}
              </ul>`
            : nothing
        }
      </td>
    </tr>`;
  }

  /** The search: a ticket or case number, an action, a user, a date range. */
  private renderSearch() {
    return html`<form class="grid" role="search" @submit=${this.onSearch}>
      <label
        >${this.l10n.t('auditSearchLabel')}
        <input name="q" type="search" size="24" placeholder="A002, KUL-2026-000001"
      /></label>
      <label
        >${this.l10n.t('adminAction')}
        <select name="action">
          <option value="">${this.l10n.t('auditAllActions')}</option>
          ${ACTION_GROUPS.map(([value, key]) => html`<option value=${value}>${this.l10n.t(key)}</option>`)}
        </select></label
      >
      <label
        >${this.l10n.t('adminUser')}
        <select name="user">
          <option value="">${this.l10n.t('auditEveryone')}</option>
          ${this.users.map((u) => html`<option value=${u.username}>${u.name}</option>`)}
          <option value="kiosk">${this.l10n.t('auditKiosk')}</option>
        </select></label
      >
      <label
        >${this.l10n.t('adminFrom')}
        <nb-date-field name="from" .language=${this.language}></nb-date-field
      ></label>
      <label
        >${this.l10n.t('adminTo')}
        <nb-date-field name="to" .language=${this.language}></nb-date-field
      ></label>
      <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminSearch')}</button>
    </form>`;
  }

  override render() {
    return html`
      ${this.notes()}
      <section class="card" aria-labelledby="audit-h">
        <h2 id="audit-h">${this.l10n.t('adminTabAudit')}</h2>
        ${this.renderSearch()}
        <table>
          <thead>
            <tr>
              <th scope="col">${this.l10n.t('adminWhen')}</th>
              <th scope="col">${this.l10n.t('auditWho')}</th>
              <th scope="col">${this.l10n.t('adminAction')}</th>
              <th scope="col">${this.l10n.t('auditAbout')}</th>
              <th scope="col">${this.l10n.t('adminChange')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.entries.map((e) => this.renderEntry(e))}
          </tbody>
        </table>
        ${
          this.entries.length === 0 && !this.busy
            ? html`<p class="muted">${this.l10n.t('auditNothingFound')}</p>`
            : nothing
        }
      </section>
    `;
  }
}

customElements.define('counter-admin-audit', AdminAudit);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-audit': AdminAudit;
  }
}
