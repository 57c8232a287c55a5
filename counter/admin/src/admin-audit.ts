/** The audit log: every administrative and queue action, searchable. */
import { html, type PropertyValues } from 'lit';
import type { AuditEntry } from '../../../server/protocol';
import { fetchOffice } from '../../../ui/api';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../../../ui/format';
import { searchAudit } from './admin-api';
import { formText, AdminTab } from './admin-tab';

/** The Audit log section. */
export class AdminAudit extends AdminTab {
  static override properties = { ...AdminTab.properties, entries: { state: true } };

  declare private entries: AuditEntry[];
  private query: Record<string, string> = {};
  /** Times are shown on the office's clock, whatever the administrator's browser is set to. */
  private timeZone?: string;

  constructor() {
    super();
    this.entries = [];
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load();
  }

  private async load(): Promise<void> {
    await this.run(async (c) => {
      this.timeZone ??= (await fetchOffice(c.office)).timeZone;
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

  override render() {
    return html`
      ${this.notes()}
      <section class="card" aria-labelledby="audit-h">
        <h2 id="audit-h">${this.t('adminTabAudit')}</h2>
        <form class="grid" role="search" @submit=${this.onSearch}>
          <label>${this.t('adminSearch')} <input name="q" type="search" /></label>
          <label>${this.t('adminAction')} <input name="action" placeholder="service." /></label>
          <label>${this.t('adminUser')} <input name="user" /></label>
          <label>${this.t('adminFrom')} <input name="from" type="date" /></label>
          <label>${this.t('adminTo')} <input name="to" type="date" /></label>
          <button type="submit" ?disabled=${this.busy}>${this.t('adminSearch')}</button>
        </form>
        <table>
          <thead>
            <tr>
              <th>${this.t('adminWhen')}</th>
              <th>${this.t('adminUser')}</th>
              <th>${this.t('adminAction')}</th>
              <th>${this.t('adminObject')}</th>
              <th>${this.t('adminChange')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.entries.map(
              (e) =>
                html`<tr>
                  <td class="num">
                    ${formatDateTime(new Date(e.at), this.timeZone ?? DEFAULT_TIME_ZONE)}
                  </td>
                  <td>${e.actor}</td>
                  <td>${e.action}</td>
                  <td>${e.entity} ${e.entityId.slice(0, 12)}</td>
                  <td><code>${JSON.stringify(e.after ?? e.before ?? null)}</code></td>
                </tr>`,
            )}
          </tbody>
        </table>
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
