/**
 * The service catalogue: add, rename, reorder, pick documents and the target wait, close and reopen;
 * warns about an open service that no window calls. The reason a closed service gives on the kiosk
 * is written in each language.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import type { AdminCounter, AdminService, ClosedReasons, Language } from '../../../server/protocol';
import { fetchServices } from '../../../ui/api';
import { LANGUAGES, translate } from '../../../ui/i18n/staff';
import { listCounters, listServices, createService, updateService } from './admin-api';
import {
  changedFields,
  changedMeanwhile,
  formText,
  namesOf,
  unservedServices,
  AdminTab,
} from './admin-tab';
import { KNOWN_DOCUMENTS, documentName } from './documents';

/**
 * A service's four names side by side, two to a row, each field as wide as its column: real names
 * ("Бақайдгирии бекор кардани никоҳ", "Familiya, ism va otasining ismini o‘zgartirishni qayd
 * etish") are read whole at 1280 px, where four fields of 18 letters cut most of them.
 */
const serviceStyles = css`
  .names {
    flex: 1 1 100%;
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 10px 14px;
  }
  .names input {
    width: 100%;
  }
  /* Order and target wait hold a few digits: as wide as those, not as their labels. */
  input[type='number'] {
    width: 7em;
    align-self: flex-start;
  }
  @media (max-width: 720px) {
    .names {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;

/** The Services section. */
export class AdminServices extends AdminTab {
  static override styles = [...AdminTab.styles, serviceStyles];

  static override properties = {
    ...AdminTab.properties,
    services: { state: true },
    counters: { state: true },
    reasons: { state: true },
  };

  declare private services: AdminService[];
  declare private counters: AdminCounter[];
  /** Each service's closed reason per language (the admin list gives only one text). */
  declare private reasons: Readonly<Record<string, ClosedReasons>>;

  constructor() {
    super();
    this.services = [];
    this.counters = [];
    this.reasons = {};
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load();
  }

  private async load(): Promise<void> {
    await this.run(async (c) => {
      [this.services, this.counters] = await Promise.all([listServices(c), listCounters(c)]);
      await this.loadReasons(c.office);
    });
  }

  /** The reasons per language, as the kiosk reads them. */
  private async loadReasons(office: string): Promise<void> {
    const published = await fetchServices(office);
    this.reasons = Object.fromEntries(
      published.map((s) => [
        s.code,
        s.closedReasons ?? (s.closedReason ? { tg: s.closedReason } : {}),
      ]),
    );
  }

  /** The reasons typed into a service's form, one per language. */
  private typedReasons(row: HTMLElement): ClosedReasons {
    const reasons: ClosedReasons = {};
    for (const l of LANGUAGES) {
      const text = row.querySelector<HTMLInputElement>(`[name="reason-${l}"]`)?.value.trim();
      if (text) reasons[l] = text;
    }
    return reasons;
  }

  private documentName(code: string, service?: string): string {
    return documentName(code, this.language, service);
  }

  private readonly onCreate = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (k: string) => formText(data, k).trim();
    const names = namesOf((l) => text(`name-${l}`));
    const code = text('code');
    const prefix = text('prefix').toUpperCase();
    // Said here, in words, rather than as the server's "conflict".
    const sameCode = this.services.find((s) => s.code === code);
    const samePrefix = this.services.find((s) => s.prefix === prefix);
    if (sameCode || samePrefix) {
      this.notice = '';
      this.error = {
        key: sameCode ? 'adminCodeTaken' : 'adminPrefixTaken',
        code: 'conflict',
        detail: '',
        params: sameCode ? { code } : { prefix, service: samePrefix?.names[this.language] ?? '' },
      };
      return;
    }
    void this.run(async (c) => {
      await createService(c, {
        code,
        prefix,
        names,
        documents: data.getAll('document').map(String),
        targetWaitMinutes: Number(text('target')) || undefined,
      });
      form.reset();
      this.services = await listServices(c);
    }, this.l10n.t('adminSaved'));
  };

  private save(service: AdminService, row: HTMLElement): void {
    const value = (name: string) =>
      row.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value.trim() ?? '';
    const ticked = [
      ...row.querySelectorAll<HTMLInputElement>('input[name="document"]:checked'),
    ].map((box) => box.value);
    // The service's own order (what the kiosk and the receipt list) stays; new ones go after it.
    const documents = [
      ...service.documents.filter((d) => ticked.includes(d)),
      ...ticked.filter((d) => !service.documents.includes(d)),
    ];
    const names = namesOf((l) => value(`name-${l}`) || service.names[l]);
    const changed = changedFields(
      {
        documents,
        sortOrder: Number(value('order')) || 0,
        targetWaitMinutes: Number(value('target')) || service.targetWaitMinutes,
      },
      service,
    );
    // Only the languages changed here: another administrator may have renamed the others.
    const renamed = changedFields(names, service.names);
    void this.run(async (c) => {
      const body = {
        ...changed,
        ...(Object.keys(renamed).length > 0 ? { names: renamed } : {}),
        // A closed service's reason can be corrected while it stays closed.
        ...(service.open ? {} : { closedReasons: this.typedReasons(row) }),
      };
      const list = await listServices(c);
      const fresh = list.find((s) => s.code === service.code);
      const clash = fresh && [
        ...changedMeanwhile(changed, fresh, service),
        ...changedMeanwhile(renamed, fresh.names, service.names),
      ];
      const write = !clash?.length && Object.keys(body).length > 0;
      if (write) await updateService(c, service.code, body);
      // The list read first is what the page shows, unless this save changed it.
      this.services = write ? await listServices(c) : list;
      await this.loadReasons(c.office);
      this.notice = this.l10n.t(clash?.length ? 'adminChangedMeanwhile' : 'adminSaved');
    });
  }

  private toggle(service: AdminService, row: HTMLElement): void {
    const closedReasons = this.typedReasons(row);
    void this.run(async (c) => {
      await updateService(
        c,
        service.code,
        service.open ? { open: false, closedReasons } : { open: true },
      );
      this.services = await listServices(c);
      await this.loadReasons(c.office);
    }, this.l10n.t('adminSaved'));
  }

  private nameInput(l: Language, s?: AdminService) {
    return html`<label
      >${this.l10n.t('adminNameIn', { lang: l })}
      <input name="name-${l}" lang=${l} .value=${s?.names[l] ?? ''} required maxlength="200"
    /></label>`;
  }

  /** The kiosk's reason while the service is closed, one field per language. */
  private reasonInputs(s: AdminService) {
    const reasons = this.reasons[s.code] ?? {};
    return html`<fieldset class="reasons" data-testid="reasons-${s.code}">
      <legend>${this.l10n.t('adminClosedReason')}</legend>
      <p class="muted" style="flex-basis:100%;margin:0">${this.l10n.t('adminClosedReasonHint')}</p>
      ${LANGUAGES.map(
        (l) =>
          html`<label
            >${this.l10n.t('adminClosedReasonIn', { lang: translate(l, 'languageName') })}
            <input
              name="reason-${l}"
              lang=${l}
              maxlength="500"
              size="22"
              .value=${s.open ? '' : (reasons[l] ?? '')}
          /></label>`,
      )}
    </fieldset>`;
  }

  /** Checkboxes with the documents' names; codes the service has that no checklist knows are kept. */
  private documentPicker(chosen: readonly string[], id: string) {
    const service = id === 'new' ? undefined : id;
    const unknown = chosen.filter((c) => !KNOWN_DOCUMENTS.some((d) => d.code === c));
    const options = [...KNOWN_DOCUMENTS.map((d) => d.code), ...unknown];
    return html`<details class="documents" style="flex-basis:100%">
      <summary>
        ${this.l10n.t('adminDocuments')}:
        ${chosen.length ? chosen.map((c) => this.documentName(c, service)).join('; ') : this.l10n.t('adminNoDocuments')}
      </summary>
      <fieldset aria-label=${this.l10n.t('adminDocuments')}>
        ${options.map(
          (code) =>
            html`<label class="inline"
              ><input
                type="checkbox"
                name="document"
                value=${code}
                data-picker=${id}
                .checked=${chosen.includes(code)}
              />${this.documentName(code, service)}</label
            >`,
        )}
      </fieldset>
    </details>`;
  }

  /** One service's form: names, documents, order, target wait, saving; closing or reopening. */
  private renderService(s: AdminService, unserved: readonly AdminService[]) {
    return html`
      <form
        class="grid service"
        data-code=${s.code}
        aria-label=${s.names[this.language]}
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          this.save(s, e.currentTarget as HTMLElement);
        }}
      >
        <span class="pill ${s.open ? '' : 'off'}"
          >${s.prefix} · ${s.code} · ${this.l10n.t(s.open ? 'adminOpen' : 'adminClosed')}</span
        >
        ${
          unserved.includes(s)
            ? html`<p class="note warn" role="status" data-testid="no-window-${s.code}">
                ${this.l10n.t('adminNoWindowServes', { service: s.names[this.language] })}
              </p>`
            : nothing
        }
        <div class="names">${LANGUAGES.map((l) => this.nameInput(l, s))}</div>
        ${this.documentPicker(s.documents, s.code)}
        <label
          >${this.l10n.t('adminOrder')}
          <input name="order" type="number" min="0" .value=${String(s.sortOrder)} size="4"
        /></label>
        <label
          >${this.l10n.t('adminTargetWait')}
          <input
            name="target"
            type="number"
            min="1"
            max="600"
            .value=${String(s.targetWaitMinutes)}
        /></label>
        <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminSave')}</button>
        ${this.reasonInputs(s)}
        <button
          type="button"
          class=${s.open ? 'danger' : 'secondary'}
          ?disabled=${this.busy}
          @click=${(e: Event) =>
            this.toggle(s, (e.currentTarget as HTMLElement).closest('form') as HTMLElement)}
        >
          ${this.l10n.t(s.open ? 'adminCloseService' : 'adminOpenService')}
        </button>
      </form>
      <hr />
    `;
  }

  private renderNewService() {
    return html`<h3 id="new-svc">${this.l10n.t('adminNewService')}</h3>
      <form class="grid" aria-labelledby="new-svc" @submit=${this.onCreate}>
        <label
          >${this.l10n.t('adminCode')}
          <span class="muted hint" id="new-svc-code-hint">${this.l10n.t('adminCodeHint')}</span>
          <input
            name="code"
            required
            pattern="[a-z][a-z0-9_]{0,39}"
            size="14"
            title=${this.l10n.t('adminCodeHint')}
            aria-describedby="new-svc-code-hint"
        /></label>
        <label
          >${this.l10n.t('adminPrefix')}
          <input name="prefix" required pattern="[A-Za-z]" maxlength="1" size="2"
        /></label>
        <div class="names">${LANGUAGES.map((l) => this.nameInput(l))}</div>
        ${this.documentPicker([], 'new')}
        <label
          >${this.l10n.t('adminTargetWait')}
          <input name="target" type="number" min="1" max="600" value="15"
        /></label>
        <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminAdd')}</button>
      </form>`;
  }

  override render() {
    const unserved = unservedServices(this.services, this.counters);
    return html`
      ${this.notes()}
      <section class="card" aria-labelledby="svc-h">
        <h2 id="svc-h">${this.l10n.t('adminTabServices')}</h2>
        ${this.services.map((s) => this.renderService(s, unserved))} ${this.renderNewService()}
      </section>
    `;
  }
}

customElements.define('counter-admin-services', AdminServices);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-services': AdminServices;
  }
}
