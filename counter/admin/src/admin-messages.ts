/**
 * Citizen messages (admin): the outbox with filters, a test message, the templates with a live
 * preview of length and SMS parts, and totals per day and gateway.
 */
import { html, nothing, type PropertyValues } from 'lit';
import {
  Languages,
  MessageStatus,
  TEMPLATE_VALUES,
  TemplateKeys,
  renderTemplate,
  splitSms,
  templateProblem,
  type Language,
  type MessageDto,
  type TemplateKey,
} from '../../../server/protocol';
import { apiRequest, fetchOffice } from '../../../ui/api';
import type { ResponseOf } from '../../../ui/api-client';
import { DEFAULT_TIME_ZONE, formatDateTime, formatIsoDay } from '../../../ui/format';
import { officePath, type AdminContext } from './admin-api';
import { languageName, problemView, statusName, templateName } from './message-names';
import { sampleValues } from './message-words';
import { AdminTab, formText } from './admin-tab';
import { GatewayRefresh, renderGateways } from './gateway-health-view';
import './admin-message-settings';

type TemplateRow = ResponseOf<'messageTemplates'>['templates'][number];

interface TotalRow {
  day: string;
  gateway: string;
  status: string;
  count: number;
  parts: number;
}

/** The Messages section. */
export class AdminMessages extends AdminTab {
  static override properties = {
    ...AdminTab.properties,
    messages: { state: true },
    templates: { state: true },
    totals: { state: true },
    gateways: { state: true },
    editing: { state: true },
    draft: { state: true },
    publicUrl: { state: true },
  };

  declare private messages: MessageDto[];
  declare private templates: TemplateRow[];
  declare private totals: TotalRow[];
  declare private gateways: Omit<ResponseOf<'messages'>, 'messages'> | undefined;
  declare private editing: { key: TemplateKey; language: Language };
  declare private draft: string;
  /** The office's public URL (links in messages), once read. */
  declare private publicUrl: string | undefined;
  /** The office's names ({office} in a message is the name in the message's language). */
  private officeNames: Partial<Record<Language, string>> = {};
  private filter: Record<string, string> = {};
  /** Reads the gateways again while the tab is open (the line turns red when the SMSC goes). */
  protected readonly gatewayRefresh = new GatewayRefresh(
    this,
    () => this.context,
    (g) => {
      if (this.gateways) this.gateways = { ...this.gateways, gateways: g };
    },
  );
  /** The text in the editor differs from the saved template: a reload (filter, test message) keeps it. */
  private edited = false;

  constructor() {
    super();
    this.messages = [];
    this.templates = [];
    this.totals = [];
    this.gateways = undefined;
    this.editing = { key: 'ticket_issued', language: 'tg' };
    this.draft = '';
    this.publicUrl = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load();
  }

  /** Reads the outbox, templates and totals; `keepNotes`: after an action, whose words stay. */
  private async load(keepNotes = false): Promise<void> {
    await this.run((c) => this.read(c), undefined, { keepNotes });
  }

  private async read(c: AdminContext): Promise<void> {
    const query = new URLSearchParams(
      Object.entries(this.filter).filter(([, v]) => v !== ''),
    ).toString();
    const [list, templates, totals, office] = await Promise.all([
      apiRequest<ResponseOf<'messages'>>(`${officePath(c)}/messages${query ? `?${query}` : ''}`, {
        token: c.token,
      }),
      apiRequest<{ templates: TemplateRow[] }>(`${officePath(c)}/message-templates`, {
        token: c.token,
      }),
      apiRequest<{ totals: TotalRow[] }>(`${officePath(c)}/messages/totals`, { token: c.token }),
      fetchOffice(c.office),
    ]);
    this.publicUrl = office.publicUrl;
    this.officeNames = office.names;
    this.messages = list.messages;
    this.gateways = list;
    this.templates = templates.templates;
    this.totals = totals.totals;
    if (!this.edited) this.draft = this.current()?.text ?? '';
  }

  private current(): TemplateRow | undefined {
    return this.templates.find(
      (t) => t.key === this.editing.key && t.language === this.editing.language,
    );
  }

  private readonly onFilter = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.filter = Object.fromEntries(
      ['status', 'ticket', 'case'].map((k) => [k, formText(data, k)]),
    );
    void this.load();
  };

  private readonly onTest = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const phone = formText(new FormData(form), 'phone').replace(/[\s-]/g, '');
    void this.run(async (c) => {
      await apiRequest(`${officePath(c)}/messages/test`, {
        method: 'POST',
        token: c.token,
        body: { phone, language: this.language },
      });
      form.reset();
    }, this.l10n.t('adminMessagesTestSent')).then(() => this.load(true));
  };

  private readonly onPick = (event: Event): void => {
    const form = (event.currentTarget as HTMLElement).closest('form');
    if (!form) return;
    const data = new FormData(form);
    this.editing = {
      key: formText(data, 'key') as TemplateKey,
      language: formText(data, 'language') as Language,
    };
    this.edited = false;
    this.draft = this.current()?.text ?? '';
  };

  private readonly onSave = (event: SubmitEvent): void => {
    event.preventDefault();
    const { key, language } = this.editing;
    void this.run(async (c) => {
      const r = await apiRequest<{ templates: TemplateRow[] }>(
        `${officePath(c)}/message-templates/${key}/${language}`,
        { method: 'PUT', token: c.token, body: { text: this.draft } },
      );
      this.templates = r.templates;
      this.edited = false;
    }, this.l10n.t('adminSaved'));
  };

  private readonly onReset = (): void => {
    const { key, language } = this.editing;
    void this.run(async (c) => {
      const r = await apiRequest<{ templates: TemplateRow[] }>(
        `${officePath(c)}/message-templates/${key}/${language}`,
        { method: 'DELETE', token: c.token },
      );
      this.templates = r.templates;
      this.edited = false;
      this.draft = this.current()?.text ?? '';
    }, this.l10n.t('adminSaved'));
  };

  private renderPreview() {
    const office = this.officeNames[this.editing.language] ?? this.context?.office ?? '';
    const text = renderTemplate(
      this.draft,
      sampleValues(this.publicUrl ?? location.origin, office),
    );
    const split = splitSms(text);
    return html`<div class="preview" data-testid="template-preview">
      <p><output data-testid="preview-text">${text}</output></p>
      <p class="pill" data-testid="preview-count" data-parts=${split.parts.length}>
        ${this.l10n.t('adminMessagesPreview', {
          chars: Array.from(text).length,
          parts: split.parts.length,
          encoding: split.encoding === 'ucs2' ? 'UCS-2' : 'GSM-7',
        })}
      </p>
    </div>`;
  }

  private renderFilter() {
    return html`<form class="grid" role="search" @submit=${this.onFilter}>
      <label
        >${this.l10n.t('adminMessagesStatus')}
        <select name="status">
          <option value="">${this.l10n.t('adminMessagesAll')}</option>
          ${MessageStatus.options.map(
            (s) => html`<option value=${s}>${statusName(s, this.language)}</option>`,
          )}
        </select>
      </label>
      <label>${this.l10n.t('ticketLabel')} <input name="ticket" /></label>
      <label>${this.l10n.t('caseHeading')} <input name="case" /></label>
      <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminSearch')}</button>
    </form>`;
  }

  /** One outbox row: when, status (and the gateway's error), where to, what. */
  private renderMessage(m: MessageDto) {
    return html`<tr data-status=${m.status}>
      <td class="num">${formatDateTime(new Date(m.createdAt), DEFAULT_TIME_ZONE)}</td>
      <td>
        <span class="pill ${m.status === 'failed' || m.status === 'expired' ? 'off' : ''}"
          >${statusName(m.status, this.language)}</span
        >
        ${m.error ? html`<div class="muted">${m.error}</div>` : nothing}
      </td>
      <td>${m.gateway ?? m.channel}</td>
      <td>${m.to}</td>
      <td>${templateName(m.template, this.language)} · ${languageName(m.language)}</td>
      <td>${m.text}</td>
      <td class="num">${m.parts}</td>
      <td class="num">${m.attempts}</td>
    </tr>`;
  }

  private renderOutboxTable() {
    return html`<table data-testid="outbox">
      <thead>
        <tr>
          <th>${this.l10n.t('adminWhen')}</th>
          <th>${this.l10n.t('adminMessagesStatus')}</th>
          <th>${this.l10n.t('adminMessagesChannel')}</th>
          <th>${this.l10n.t('adminMessagesTo')}</th>
          <th>${this.l10n.t('adminMessagesTemplate')}</th>
          <th>${this.l10n.t('adminMessagesText')}</th>
          <th class="num">${this.l10n.t('adminMessagesParts')}</th>
          <th class="num">${this.l10n.t('adminMessagesAttempts')}</th>
        </tr>
      </thead>
      <tbody>
        ${
          this.messages.length === 0 && this.gateways !== undefined
            ? html`<tr data-testid="outbox-empty">
                <td colspan="8" class="muted">${this.l10n.t('adminMessagesNone')}</td>
              </tr>`
            : this.messages.map((m) => this.renderMessage(m))
        }
      </tbody>
    </table>`;
  }

  private renderTestForm() {
    return html`<h3>${this.l10n.t('adminMessagesTest')}</h3>
      <form class="grid" @submit=${this.onTest}>
        <label
          >${this.l10n.t('adminMessagesPhone')}
          <input name="phone" required pattern="\\+[1-9][0-9 \\-]{7,18}" value="+992"
        /></label>
        <button type="submit" data-testid="send-test" ?disabled=${this.busy}>
          ${this.l10n.t('adminMessagesTest')}
        </button>
      </form>`;
  }

  private renderOutbox() {
    return html`<section class="card" aria-labelledby="outbox-h">
      <h2 id="outbox-h">${this.l10n.t('adminMessagesOutbox')}</h2>
      ${
        this.gateways
          ? renderGateways(this.gateways, (key, params) => this.l10n.t(key, params))
          : nothing
      }
      ${this.renderFilter()} ${this.renderOutboxTable()} ${this.renderTestForm()}
    </section>`;
  }

  /** The template and language being edited. */
  private renderPicker() {
    return html`<label
        >${this.l10n.t('adminMessagesTemplate')}
        <select name="key" @change=${this.onPick}>
          ${TemplateKeys.map(
            (k) =>
              html`<option value=${k} ?selected=${k === this.editing.key}>
                ${templateName(k, this.language)}
              </option>`,
          )}
        </select>
      </label>
      <label
        >${this.l10n.t('languageLabel')}
        <select name="language" @change=${this.onPick}>
          ${Languages.map(
            (l) =>
              html`<option value=${l} ?selected=${l === this.editing.language}>
                ${languageName(l)}
              </option>`,
          )}
        </select>
      </label>`;
  }

  private renderTemplates() {
    // Checked as the administrator types, as the server checks it: nothing unknown reaches citizens.
    const problem = templateProblem(this.editing.key, this.draft);
    return html`<section class="card" aria-labelledby="templates-h">
      <h2 id="templates-h">${this.l10n.t('adminMessagesTemplates')}</h2>
      <form class="grid" @submit=${this.onSave} data-testid="template-form">
        ${this.renderPicker()}
        <label style="flex-basis: 100%"
          >${this.l10n.t('adminMessagesText')}
          <textarea
            name="text"
            maxlength="480"
            data-testid="template-text"
            .value=${this.draft}
            @input=${(e: Event) => {
              this.edited = true;
              this.draft = (e.target as HTMLTextAreaElement).value;
            }}
          ></textarea>
        </label>
        <p class="muted">
          ${this.l10n.t('adminMessagesPlaceholders', {
            list: TEMPLATE_VALUES[this.editing.key].map((p) => `{${p}}`).join(' '),
          })}
        </p>
        ${problem ? problemView(problem, this.language) : nothing} ${this.renderPreview()}
        <button type="submit" ?disabled=${this.busy || this.draft.trim() === '' || !!problem}>
          ${this.l10n.t('adminSave')}
        </button>
        <button type="button" class="secondary" @click=${this.onReset} ?disabled=${this.busy}>
          ${this.l10n.t('adminMessagesReset')}
        </button>
      </form>
    </section>`;
  }

  private renderTotals() {
    return html`<section class="card" aria-labelledby="totals-h">
      <h2 id="totals-h">${this.l10n.t('adminMessagesTotals')}</h2>
      <table data-testid="totals">
        <thead>
          <tr>
            <th>${this.l10n.t('adminWhen')}</th>
            <th>${this.l10n.t('adminMessagesChannel')}</th>
            <th>${this.l10n.t('adminMessagesStatus')}</th>
            <th class="num">${this.l10n.t('adminMessagesCount')}</th>
            <th class="num">${this.l10n.t('adminMessagesParts')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.totals.map(
            (r) =>
              html`<tr>
                <td>${formatIsoDay(r.day)}</td>
                <td>${r.gateway}</td>
                <td>${statusName(r.status, this.language)}</td>
                <td class="num">${r.count}</td>
                <td class="num">${r.parts}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  override render() {
    return html`
      ${this.notes()} ${this.renderOutbox()} ${this.renderTemplates()}
      <counter-admin-message-settings
        .context=${this.context}
        .language=${this.language}
      ></counter-admin-message-settings>
      ${this.renderTotals()}
    `;
  }
}

customElements.define('counter-admin-messages', AdminMessages);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-messages': AdminMessages;
  }
}
