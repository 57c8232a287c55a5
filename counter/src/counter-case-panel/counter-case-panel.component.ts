/**
 * The case beside the current ticket: the linked case (a pickup), or a new case of the type the
 * service registers. The form autosaves; submitting shows what still blocks it. The applicant's
 * phone for messages is taken here too, with their consent, at any step of the case.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import {
  allowedTransitions,
  canCreateCase,
  canEdit,
  missingForSubmit,
  type Case,
  type CaseNotify,
  type CaseStatus,
  type Language,
  type Role,
  type Service,
  type StaffTicket,
} from '../../../server/protocol';
import { LocalizeController } from '../../../ui/controllers/localize-controller';
import { emit } from '../../../ui/emit';
import type { MessageKey } from '../../../ui/i18n/staff';
import { base } from '../../../ui/theme';
import '../case-notify/case-notify';
import { CaseController } from '../case-controller';
import { caseTypeOfService } from '../case-form';
import { caseStyles, caseStatusKey, renderCaseFacts } from '../case-view';
import '../counter-window-dialog';
import type { WindowAnswer, WindowQuestion } from '../counter-window-dialog';
import { CaseFormView } from './case-form-view';
import { casePanelStyles } from './counter-case-panel.styles';

/** Detail of `counter-receipt`: the case whose receipt to print. */
export interface ReceiptDetail {
  case: Case;
}

/** The case form of the window's current ticket; dispatches `counter-receipt`. */
export class CounterCasePanel extends LitElement {
  static override styles = [base, caseStyles, casePanelStyles];

  static override properties = {
    ticket: { attribute: false },
    token: {},
    staffRole: { attribute: false },
    services: { attribute: false },
    liveCase: { attribute: false },
    language: {},
    showBlockers: { state: true },
    notified: { state: true },
    question: { state: true },
  };

  private readonly l10n = new LocalizeController(this, () => this.language);
  private readonly cases = new CaseController(this, () => this.token);
  private readonly form = new CaseFormView(this.cases, this.l10n, () => this.services);

  declare private showBlockers: boolean;
  /** The phone recorded with consent in this console, and its case. */
  declare private notified: { number: string; phone: string } | undefined;
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
    this.notified = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('liveCase') && this.liveCase) this.cases.received(this.liveCase);
    if (changed.has('ticket') && this.ticket?.id !== this.cases.ticketId) {
      this.showBlockers = false;
      void this.cases.openForTicket(this.ticket?.id, this.ticket?.caseNumber);
    }
  }

  /** The number of the case shown when it holds typing not saved (the console asks before completing). */
  async unsavedCase(): Promise<string | undefined> {
    if (!this.cases.unsaved) return undefined;
    // Typing still on its way to the server (the autosave's moment) is sent first.
    await this.cases.flush();
    return this.cases.unsaved ? this.cases.case?.number : undefined;
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

  /** Someone else saved the case first: what changed, and the way to load their version. */
  private renderConflict() {
    const elsewhere = this.cases.changedElsewhere;
    return html`<div class="banner" role="alert" data-testid="conflict">
      ${
        elsewhere
          ? this.l10n.t('caseChangedElsewhere', {
              status: this.l10n.t(caseStatusKey(elsewhere.status)),
            })
          : this.l10n.t('conflictBanner')
      }
      <button type="button" @click=${() => void this.cases.reload()}>
        ${this.l10n.t('reload')}
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
      ${this.cases.save === 'conflict' ? this.renderConflict() : nothing}
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
      ${this.renderError()} ${this.showBlockers ? this.form.renderBlockers(c) : nothing}
      ${
        returned?.note
          ? html`<div class="blockers" data-testid="returned-note">
              ${this.l10n.t('caseReturned')}: <q>${returned.note}</q>
            </div>`
          : nothing
      }
      <div class="body" tabindex="0" aria-label=${this.l10n.t('caseHeading')}>
        ${editable ? this.form.renderForm(c) : renderCaseFacts(c, this.language)}
        ${this.renderNotify(c)}
      </div>
      ${this.renderBar(c)}
      <counter-window-dialog
        .question=${this.question}
        language=${this.language}
        @counter-dialog-answer=${this.onAnswer}
        @counter-dialog-cancel=${this.onCancel}
      ></counter-window-dialog>`;
  }

  private readonly onNotify = (e: CustomEvent<CaseNotify>): void => {
    e.stopPropagation();
    const number = this.cases.case?.number;
    const { phone } = e.detail;
    void this.cases.notify(e.detail).then((done) => {
      if (done && number) this.notified = { number, phone };
    });
  };

  private renderNotify(c: Case) {
    // Just recorded here, or recorded before (a reload, another window): the server says so.
    const recorded = this.notified?.number === c.number ? this.notified.phone : c.notify?.phone;
    return html`<counter-case-notify
      caseNumber=${c.number}
      suggested=${this.cases.form?.applicant.phone ?? c.applicant?.phone ?? ''}
      .recorded=${recorded}
      ?busy=${this.cases.busy || this.cases.save === 'saving' || this.cases.save === 'conflict'}
      language=${this.language}
      @counter-case-notify=${this.onNotify}
    ></counter-case-notify>`;
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
