/**
 * The case beside the current ticket: the linked case (a pickup), or a new case of the type the
 * service registers. The form autosaves; submitting shows what still blocks it.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import {
  allowedTransitions,
  canCreateCase,
  canEdit,
  caseTypeSpec,
  missingForSubmit,
  personRule,
  type Case,
  type CaseStatus,
  type Language,
  type Role,
  type Service,
  type StaffTicket,
  type SubjectRole,
} from '../../server/protocol';
import type { MessageKey } from '../../ui/i18n';
import { base } from '../../ui/theme';
import { CaseController } from './case-controller';
import './counter-window-dialog';
import type { WindowAnswer, WindowQuestion } from './counter-window-dialog';
import {
  PERSON_FIELDS,
  caseTypeOfService,
  detailGroups,
  detailLabelKey,
  detailValue,
  emptyPerson,
  optionLabelKey,
  withDetail,
  type DetailField,
  type PersonForm,
} from './case-form';
import { caseStyles, caseStatusKey, renderCaseFacts } from './case-view';
import { emit } from '../../ui/emit';
import { LocalizeController } from '../../ui/controllers/localize-controller';

/** Detail of `counter-receipt`: the case whose receipt to print. */
export interface ReceiptDetail {
  case: Case;
}

const PERSON_LABELS: Record<keyof PersonForm, MessageKey> = {
  lastName: 'pLastName',
  firstName: 'pFirstName',
  middleName: 'pMiddleName',
  birthDate: 'pBirthDate',
  sex: 'pSex',
  idType: 'pIdType',
  idNumber: 'pIdNumber',
  address: 'pAddress',
  phone: 'pPhone',
};
const ID_TYPES: readonly [string, MessageKey][] = [
  ['passport', 'idPassport'],
  ['birth_certificate', 'idBirthCertificate'],
  ['foreign_passport', 'idForeignPassport'],
  ['other', 'idOther'],
];

/** The case form of the window's current ticket; dispatches `counter-receipt`. */
export class CounterCasePanel extends LitElement {
  static override styles = [
    base,
    caseStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        border-radius: 18px;
        background: var(--nb-surface);
        box-shadow: var(--nb-shadow);
        overflow: hidden;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 12px 18px;
        border-bottom: 1px solid var(--nb-border);
        flex-wrap: wrap;
      }
      h2 {
        margin: 0;
        font-size: 19px;
      }
      .save {
        margin-inline-start: auto;
        font-size: 14px;
        color: var(--nb-muted);
      }
      .save.invalid {
        color: var(--nb-danger);
        font-weight: 600;
      }
      .body {
        flex: 1;
        overflow-y: auto;
        padding: 12px 18px 18px;
      }
      .empty {
        margin: 0;
        padding: 18px;
        font-size: 17px;
        color: var(--nb-muted);
      }
      fieldset {
        margin: 0 0 12px;
        padding: 8px 12px 12px;
        border: 1px solid var(--nb-border);
        border-radius: 12px;
      }
      legend {
        padding: 0 6px;
        font-weight: 700;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: 8px 12px;
      }
      label.field {
        display: flex;
        flex-direction: column;
        gap: 2px;
        font-size: 13px;
        font-weight: 600;
        color: var(--nb-muted);
      }
      label.field input,
      label.field select {
        min-height: 34px;
        padding: 4px 8px;
        border: 1px solid #8a94a3;
        border-radius: 8px;
        background: #fff;
        color: var(--nb-ink);
        font-size: 15px;
        font-weight: 400;
      }
      label.field.bad input,
      label.field.bad select {
        border: 2px solid var(--nb-danger);
      }
      .issue {
        color: var(--nb-danger);
        font-weight: 600;
      }
      label.check {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 3px 0;
        font-size: 15px;
      }
      label.check input {
        width: 20px;
        height: 20px;
      }
      .req {
        font-size: 12px;
        color: var(--nb-danger);
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 10px;
        padding: 10px 18px;
        border-top: 1px solid var(--nb-border);
      }
      .bar button,
      .new button,
      .banner button {
        min-height: 44px;
        padding: 0 16px;
        border-radius: 10px;
        border: 2px solid var(--nb-primary);
        background: var(--nb-surface);
        color: var(--nb-primary-strong);
        font-weight: 700;
      }
      .bar button.go,
      .new button {
        background: var(--nb-primary);
        color: var(--nb-primary-ink);
      }
      .bar button:disabled {
        opacity: 0.6;
      }
      .new {
        padding: 18px;
      }
      .banner {
        margin: 10px 18px 0;
        padding: 10px 14px;
        border-radius: 10px;
        display: flex;
        align-items: center;
        gap: 12px;
        background: var(--nb-danger-soft);
        color: var(--nb-danger);
        border: 2px solid var(--nb-danger);
        font-weight: 600;
      }
      .blockers {
        margin: 10px 18px 0;
        padding: 10px 14px;
        border-radius: 10px;
        background: var(--nb-warning-soft);
        color: #5c3d00;
        font-size: 14px;
      }
      .blockers ul {
        margin: 4px 0 0;
        padding-inline-start: 20px;
      }
    `,
  ];

  static override properties = {
    ticket: { attribute: false },
    token: {},
    staffRole: { attribute: false },
    services: { attribute: false },
    liveCase: { attribute: false },
    language: {},
    showBlockers: { state: true },
    question: { state: true },
  };

  private readonly l10n = new LocalizeController(this, () => this.language);

  private readonly cases = new CaseController(this, () => this.token);

  declare private showBlockers: boolean;
  /** The window's current ticket, if any. */
  declare ticket: StaffTicket | undefined;
  /** The staff token for the case requests. */
  declare token: string | undefined;
  /** The signed-in user's role (which transitions to offer). */
  declare staffRole: Role;
  /** The office's services (names of case types). */
  declare services: readonly Service[];
  /** Language of the texts and the document names. */
  declare language: Language;
  /** The latest case change published to staff (`case:updated`). */
  declare liveCase: Case | undefined;
  /** The "are you sure?" before marking the certificate issued. */
  declare private question: WindowQuestion | undefined;

  constructor() {
    super();
    this.ticket = undefined;
    this.token = undefined;
    this.staffRole = 'clerk';
    this.services = [];
    this.language = 'tg';
    this.showBlockers = false;
    this.liveCase = undefined;
    this.question = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('liveCase') && this.liveCase) this.cases.received(this.liveCase);
    if (changed.has('ticket') && this.ticket?.id !== this.cases.ticketId) {
      this.showBlockers = false;
      void this.cases.openForTicket(this.ticket?.id, this.ticket?.caseNumber);
    }
  }

  /**
   * The console's "case" key: opens the case of the ticket at the window, creating it first when the
   * ticket has none yet (one key from the citizen to the form), and moves focus into the form.
   */
  async openOrCreate(): Promise<void> {
    const ticket = this.ticket;
    const type = ticket ? caseTypeOfService(ticket.service) : undefined;
    if (!this.cases.case && !this.cases.busy && type && canCreateCase(this.staffRole)) {
      await this.cases.create(type);
      await this.updateComplete;
    }
    this.focus();
  }

  /**
   * Moves keyboard focus into the form: its first field, or the case heading when nothing is
   * editable (never onto a button, where the next Enter would press it).
   */
  override focus(): void {
    const target =
      this.renderRoot.querySelector<HTMLElement>('input, select, textarea') ??
      this.renderRoot.querySelector<HTMLElement>('[data-testid="case-number"]');
    if (target && !target.matches('input, select, textarea')) target.tabIndex = -1;
    target?.focus();
  }

  private serviceName(code: string): string {
    return this.services.find((s) => s.code === code)?.names[this.language] ?? code;
  }

  private async runTransition(to: CaseStatus): Promise<void> {
    const c = this.cases.case;
    if (!c) return;
    if (to === 'submitted') {
      const form = this.cases.form;
      await this.cases.flush();
      const blockers = missingForSubmit(this.cases.case ?? c, new Date());
      this.showBlockers = blockers.length > 0 || Object.keys(this.cases.issues).length > 0;
      if (this.showBlockers || !form) return;
    }
    await this.cases.transition(to);
  }

  /** Handing over the certificate cannot be taken back: it asks first. */
  private ask(to: CaseStatus): void {
    const c = this.cases.case;
    if (!c) return;
    if (to !== 'issued') {
      void this.runTransition(to);
      return;
    }
    this.question = {
      kind: 'confirm',
      action: to,
      title: this.l10n.t('confirmIssueTitle'),
      text: this.l10n.t('confirmIssueText', { number: c.number }),
      confirmLabel: this.l10n.t('markIssued'),
    };
  }

  private readonly onAnswer = (e: CustomEvent<WindowAnswer>): void => {
    e.stopPropagation();
    this.question = undefined;
    if (e.detail.kind === 'confirm') void this.runTransition(e.detail.action as CaseStatus);
  };

  private readonly onCancel = (e: Event): void => {
    e.stopPropagation();
    this.question = undefined;
  };

  private printReceipt(c: Case): void {
    emit(this, 'counter-receipt', { case: c });
  }

  private renderIssue(key: string) {
    const issue = this.cases.issues[key];
    return issue ? html`<span class="issue">${issue}</span>` : nothing;
  }

  private renderPerson(
    section: 'applicant' | SubjectRole,
    legend: string,
    person: PersonForm,
    required: boolean,
  ) {
    const update = (field: keyof PersonForm, value: string) => {
      if (section === 'applicant') {
        this.cases.edit('applicant', (f) => ({
          ...f,
          applicant: { ...f.applicant, [field]: value },
        }));
      } else {
        this.cases.edit('subjects', (f) => ({
          ...f,
          subjects: {
            ...f.subjects,
            [section]: { ...(f.subjects[section] ?? emptyPerson()), [field]: value },
          },
        }));
        if (this.cases.case?.type === 'birth' && section === 'child' && field === 'birthDate') {
          this.cases.edit('details', (f) => ({
            ...f,
            details: withDetail(f.details, ['birthDate'], value || undefined),
          }));
        }
      }
    };
    const onInput = (field: keyof PersonForm) => (e: Event) =>
      update(field, (e.target as HTMLInputElement | HTMLSelectElement).value);
    return html`<fieldset data-testid=${`person-${section}`}>
      <legend>
        ${legend}
        ${required ? html`<span class="req">${this.l10n.t('requiredMark')}</span>` : nothing}
      </legend>
      <div class="grid">
        ${PERSON_FIELDS.filter((field) => this.asks(section, field)).map((field) => {
          const key = `${section}.${field}`;
          const bad = this.cases.issues[key] !== undefined;
          const label = this.l10n.t(PERSON_LABELS[field]);
          let input;
          if (field === 'sex') {
            input = html`<select name=${key} @change=${onInput(field)}>
              <option value="" ?selected=${person.sex === ''}>${this.l10n.t('notGiven')}</option>
              <option value="m" ?selected=${person.sex === 'm'}>${this.l10n.t('sexM')}</option>
              <option value="f" ?selected=${person.sex === 'f'}>${this.l10n.t('sexF')}</option>
            </select>`;
          } else if (field === 'idType') {
            input = html`<select name=${key} @change=${onInput(field)}>
              <option value="" ?selected=${person.idType === ''}>${this.l10n.t('notGiven')}</option>
              ${ID_TYPES.map(
                ([v, k]) =>
                  html`<option value=${v} ?selected=${person.idType === v}>
                    ${this.l10n.t(k)}
                  </option>`,
              )}
            </select>`;
          } else {
            input = html`<input
              name=${key}
              type=${field === 'birthDate' ? 'date' : field === 'phone' ? 'tel' : 'text'}
              .value=${person[field]}
              autocomplete="off"
              aria-invalid=${bad ? 'true' : 'false'}
              @input=${onInput(field)}
            />`;
          }
          return html`<label class="field ${bad ? 'bad' : ''}"
            >${label} ${input} ${this.renderIssue(key)}</label
          >`;
        })}
      </div>
    </fieldset>`;
  }

  /** Whether the form asks this field of this person (a newborn has no passport or phone). */
  private asks(section: 'applicant' | SubjectRole, field: keyof PersonForm): boolean {
    const type = this.cases.case?.type;
    if (!type) return true;
    const name = field === 'idType' || field === 'idNumber' ? 'idDocument' : field;
    return personRule(type, section).asks.includes(name);
  }

  private renderDetailField(field: DetailField) {
    const form = this.cases.form;
    if (!form) return nothing;
    // The birth date of a birth is the child's: entered once, in the child's row.
    if (this.cases.case?.type === 'birth' && field.path.join('.') === 'birthDate') return nothing;
    const name = field.path[field.path.length - 1] ?? '';
    const key = `details.${field.path.join('.')}`;
    const labelKey = detailLabelKey(name);
    const label = labelKey ? this.l10n.t(labelKey) : name;
    const value = detailValue(form.details, field.path);
    const set = (v: unknown) =>
      this.cases.edit('details', (f) => ({ ...f, details: withDetail(f.details, field.path, v) }));
    const bad = this.cases.issues[key] !== undefined;
    if (field.kind === 'boolean') {
      return html`<label class="check"
        ><input
          type="checkbox"
          name=${key}
          .checked=${value === true}
          @change=${(e: Event) => set((e.target as HTMLInputElement).checked)}
        />${label} ${this.renderIssue(key)}</label
      >`;
    }
    let input;
    if (field.kind === 'enum') {
      input = html`<select
        name=${key}
        @change=${(e: Event) => set((e.target as HTMLSelectElement).value || undefined)}
      >
        <option value="" ?selected=${value === undefined}>${this.l10n.t('notGiven')}</option>
        ${(field.options ?? []).map(
          (o) => html`<option value=${o} ?selected=${value === o}>${this.optionLabel(o)}</option>`,
        )}
      </select>`;
    } else {
      const text =
        typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
      input = html`<input
        name=${key}
        type=${field.kind === 'date' ? 'date' : field.kind === 'number' ? 'number' : 'text'}
        .value=${text}
        aria-invalid=${bad ? 'true' : 'false'}
        @input=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          if (raw.trim() === '') set(undefined);
          else set(field.kind === 'number' ? Number(raw) : raw);
        }}
      />`;
    }
    return html`<label class="field ${bad ? 'bad' : ''}"
      >${label} ${input} ${this.renderIssue(key)}</label
    >`;
  }

  private renderForm(c: Case) {
    const form = this.cases.form;
    if (!form) return nothing;
    const spec = caseTypeSpec(c.type);
    const lang = this.language;
    return html`${this.renderPerson('applicant', this.l10n.t('applicant'), form.applicant, true)}
      ${spec.roles.map((r) =>
        this.renderPerson(
          r.role,
          r.names[lang],
          form.subjects[r.role] ?? emptyPerson(),
          r.required,
        ),
      )}
      <fieldset data-testid="documents">
        <legend>${this.l10n.t('documentsReceived')}</legend>
        ${c.documents.map(
          (d) =>
            html`<label class="check"
              ><input
                type="checkbox"
                name=${`doc.${d.code}`}
                .checked=${form.documents[d.code] ?? false}
                @change=${(e: Event) => {
                  const received = (e.target as HTMLInputElement).checked;
                  this.cases.edit('documents', (f) => ({
                    ...f,
                    documents: { ...f.documents, [d.code]: received },
                  }));
                }}
              />${d.name[lang]}
              ${d.required ? html`<span class="req">${this.l10n.t('requiredMark')}</span>` : nothing}</label
            >`,
        )}
      </fieldset>
      <fieldset data-testid="details">
        <legend>${this.l10n.t('details')}</legend>
        ${detailGroups(c.type).map((g) =>
          g.group
            ? html`<fieldset>
                <legend>${this.labelOf(g.group)}</legend>
                <div class="grid">${g.fields.map((f) => this.renderDetailField(f))}</div>
              </fieldset>`
            : html`<div class="grid">${g.fields.map((f) => this.renderDetailField(f))}</div>`,
        )}
      </fieldset>
      ${
        spec.feeRequired || c.fee
          ? html`<fieldset data-testid="fee">
              <legend>${this.l10n.t('fee')}</legend>
              <div class="grid">
                <label class="check"
                  ><input
                    type="checkbox"
                    name="fee.paid"
                    .checked=${form.fee.paid}
                    @change=${(e: Event) => {
                      const paid = (e.target as HTMLInputElement).checked;
                      this.cases.edit('fee', (f) => ({ ...f, fee: { ...f.fee, paid } }));
                    }}
                  />${this.l10n.t('feePaid')}</label
                >
                <label class="field"
                  >${this.l10n.t('feeReceipt')}
                  <input
                    name="fee.receipt"
                    .value=${form.fee.receipt}
                    @input=${(e: Event) => {
                      const receipt = (e.target as HTMLInputElement).value;
                      this.cases.edit('fee', (f) => ({ ...f, fee: { ...f.fee, receipt } }));
                    }}
                  />
                  ${this.renderIssue('fee.receipt')}</label
                >
              </div>
            </fieldset>`
          : nothing
      }`;
  }

  private optionLabel(value: string): string {
    const key = optionLabelKey(value);
    return key ? this.l10n.t(key) : this.serviceName(value);
  }

  private labelOf(name: string): string {
    const key = detailLabelKey(name);
    return key ? this.l10n.t(key) : name;
  }

  private renderBlockers(c: Case) {
    if (!this.showBlockers) return nothing;
    const lang = this.language;
    const spec = caseTypeSpec(c.type);
    const items = missingForSubmit(c, new Date()).map((b) => {
      switch (b.kind) {
        case 'applicant':
          return this.l10n.t('blockerApplicant');
        case 'subject':
          return this.l10n.t('blockerSubject', {
            role: spec.roles.find((r) => r.role === b.role)?.names[lang] ?? b.role,
          });
        case 'document':
          return this.l10n.t('blockerDocument', {
            name: c.documents.find((d) => d.code === b.code)?.name[lang] ?? b.code,
          });
        case 'fee':
          return this.l10n.t('blockerFee');
        case 'details': {
          const name = b.path.split('.').pop() ?? b.path;
          return this.l10n.t('blockerDetails', { field: this.labelOf(name) });
        }
        case 'person':
          return this.l10n.t('blockerPerson', {
            who:
              b.who === 'applicant'
                ? this.l10n.t('applicant')
                : (spec.roles.find((r) => r.role === b.who)?.names[lang] ?? b.who),
            field: this.l10n.t(
              b.fact === 'idDocument' ? 'pIdType' : b.fact === 'sex' ? 'pSex' : 'pBirthDate',
            ),
          });
      }
    });
    if (items.length === 0 && Object.keys(this.cases.issues).length === 0) return nothing;
    return html`<div class="blockers" role="alert" data-testid="blockers">
      ${this.l10n.t('blockersTitle')}
      <ul>
        ${items.map((i) => html`<li>${i}</li>`)}
      </ul>
    </div>`;
  }

  private renderSave() {
    const save = this.cases.save;
    const key: MessageKey | undefined =
      save === 'saving'
        ? 'saveSaving'
        : save === 'saved'
          ? 'saveSaved'
          : save === 'pending'
            ? 'savePending'
            : save === 'invalid'
              ? 'saveInvalid'
              : undefined;
    return key
      ? html`<span class="save ${save}" role="status" data-testid="save-state"
          >${this.l10n.t(key)}</span
        >`
      : html`<span class="save" role="status"></span>`;
  }

  private renderBar(c: Case) {
    const transitions = allowedTransitions(c.status, this.staffRole).filter(
      (s) => s === 'submitted' || s === 'issued',
    );
    const busy = this.cases.busy || this.cases.save === 'conflict';
    return html`<div class="bar">
      ${transitions.map(
        (to) =>
          html`<button
            type="button"
            class="go"
            data-testid=${`case-to-${to}`}
            ?disabled=${busy}
            @click=${() => this.ask(to)}
          >
            ${this.l10n.t(to === 'submitted' ? 'submitCase' : 'markIssued')}
          </button>`,
      )}
      <button type="button" data-testid="print-receipt" @click=${() => this.printReceipt(c)}>
        ${this.l10n.t('printReceipt')}
      </button>
    </div>`;
  }

  private renderCase(c: Case) {
    const editable = canEdit(c.status, this.staffRole);
    const returned =
      c.status === 'returned' ? c.history.findLast((h) => h.to === 'returned') : undefined;
    return html`<div class="head">
        <h2 data-testid="case-number">
          ${this.serviceName(c.type)} · <span class="num">${c.number}</span>
        </h2>
        <span class="badge ${c.status}" data-testid="case-status"
          >${this.l10n.t(caseStatusKey(c.status))}</span
        >
        ${editable ? this.renderSave() : nothing}
      </div>
      ${
        this.cases.save === 'conflict'
          ? html`<div class="banner" role="alert" data-testid="conflict">
              ${
                this.cases.changedElsewhere
                  ? this.l10n.t('caseChangedElsewhere', {
                      status: this.l10n.t(caseStatusKey(this.cases.changedElsewhere.status)),
                    })
                  : this.l10n.t('conflictBanner')
              }
              <button type="button" @click=${() => void this.cases.reload()}>
                ${this.l10n.t('reload')}
              </button>
            </div>`
          : nothing
      }
      ${
        c.identityCheck
          ? html`<div class="banner" role="alert" data-testid="identity-check">
              ${this.l10n.t('caseIdentityCheck', { ticket: c.identityCheck.ticket })}
              <button
                type="button"
                data-testid="identity-confirm"
                @click=${() => void this.cases.confirmIdentity()}
              >
                ${this.l10n.t('caseIdentityConfirm')}
              </button>
            </div>`
          : nothing
      }
      ${this.renderError()} ${this.renderBlockers(c)}
      ${
        returned?.note
          ? html`<div class="blockers" data-testid="returned-note">
              ${this.l10n.t('caseReturned')}: <q>${returned.note}</q>
            </div>`
          : nothing
      }
      <div class="body" tabindex="0" aria-label=${this.l10n.t('caseHeading')}>
        ${editable ? this.renderForm(c) : renderCaseFacts(c, this.language)}
      </div>
      ${this.renderBar(c)}
      <counter-window-dialog
        .question=${this.question}
        language=${this.language}
        @counter-dialog-answer=${this.onAnswer}
        @counter-dialog-cancel=${this.onCancel}
      ></counter-window-dialog>`;
  }

  private renderError() {
    const error = this.cases.error;
    return error
      ? html`<div class="banner" role="alert" data-testid="case-error">
          ${this.l10n.t(error.key, error.params)}
        </div>`
      : nothing;
  }

  override render() {
    const ticket = this.ticket;
    const c = this.cases.case;
    if (c) return this.renderCase(c);
    const heading = html`<div class="head"><h2>${this.l10n.t('caseHeading')}</h2></div>`;
    if (!ticket)
      return html`${heading}
        <p class="empty">${this.l10n.t('caseNone')}</p>`;
    if (this.cases.busy)
      return html`${heading}
        <p class="empty">${this.l10n.t('loading')}</p>`;
    const type = caseTypeOfService(ticket.service);
    if (!type || !canCreateCase(this.staffRole)) {
      return html`${heading}${this.renderError()}
        <p class="empty">${this.l10n.t('caseNotRegistry')}</p>`;
    }
    return html`${heading}${this.renderError()}
      <div class="new">
        <button type="button" data-testid="new-case" @click=${() => void this.cases.create(type)}>
          ${this.l10n.t('newCase', { type: this.serviceName(type) })}
        </button>
      </div>`;
  }
}

customElements.define('counter-case-panel', CounterCasePanel);

declare global {
  interface HTMLElementTagNameMap {
    'counter-case-panel': CounterCasePanel;
  }
  interface HTMLElementEventMap {
    'counter-receipt': CustomEvent<ReceiptDetail>;
  }
}
