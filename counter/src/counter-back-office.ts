/**
 * The back office: the worklist of submitted cases (oldest first), search by number, name or
 * document, and one case with its history and the registrar's transitions. Live: every case change
 * of the office (`case:updated`) updates the list and the open case at once, the note being typed
 * kept; registering and rejecting ask first.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import {
  CaseStatuses,
  allowedTransitions,
  transitionNeedsNote,
  type Case,
  type CaseStatus,
  type Language,
  type Role,
  type Service,
} from '../../server/protocol';
import type { MessageKey } from '../../ui/i18n/staff';
import { base } from '../../ui/theme';
import {
  caseStatusKey,
  caseStyles,
  formatWhen,
  personLine,
  subjectView,
  renderCaseFacts,
  renderHistory,
} from './case-view';
import { getCase, listCases, transitionCase } from './console-api';
import './counter-window-dialog';
import type { WindowAnswer, WindowQuestion } from './counter-window-dialog';
import { LocalizeController } from '../../ui/controllers/localize-controller';
import { RequestController } from '../../ui/controllers/request-controller';
import { backOfficeStyles } from './counter-back-office.styles';

const REFRESH_MS = 20_000;
/** A transition's note at most (server/protocol/case.ts). */
const NOTE_MAX = 1000;

/** Each transition's button words. */
const TRANSITION_KEYS: Readonly<Record<CaseStatus, MessageKey>> = {
  registered: 'toRegistered',
  returned: 'toReturned',
  rejected: 'toRejected',
  ready: 'toReady',
  cancelled: 'toCancelled',
  submitted: 'submitCase',
  issued: 'markIssued',
  draft: 'caseDraft',
};
const transitionKey = (to: CaseStatus): MessageKey => TRANSITION_KEYS[to];

/** Worklist and case view of the registrars. */
export class CounterBackOffice extends LitElement {
  static override styles = [base, caseStyles, backOfficeStyles];

  static override properties = {
    token: {},
    staffRole: { attribute: false },
    services: { attribute: false },
    liveCase: { attribute: false },
    language: {},
    timeZone: { attribute: false },
    question: { state: true },
    status: { state: true },
    query: { state: true },
    cases: { state: true },
    selected: { state: true },
    note: { state: true },
  };

  private readonly l10n = new LocalizeController(this, () => this.language);
  /**
   * The worklist's loads and the registrar's own actions (open, move) each have their own request
   * and message: the list refreshes while a case is open, and a refresh must not wipe the refusal
   * of the action just taken ("registered already by case …") before it is read. A case clicked
   * while another opens is opened too (the actions' buttons wait while one runs).
   */
  private readonly listing = new RequestController(this, { exclusive: false });
  private readonly actions = new RequestController(this, { exclusive: false });

  declare private status: CaseStatus | '';
  declare private query: string;
  declare private cases: readonly Case[];
  declare private selected: Case | undefined;
  declare private note: string;
  /** The staff token. */
  declare token: string | undefined;
  /** The signed-in user's role. */
  declare staffRole: Role;
  /** The office's services (case type names). */
  declare services: readonly Service[];
  /** Language of the texts. */
  declare language: Language;
  /** The office's zone: times as its clocks show them. */
  declare timeZone: string | undefined;
  /** The latest case change published to staff (`case:updated`). */
  declare liveCase: Case | undefined;
  /** The "are you sure?" before registering or rejecting. */
  declare private question: WindowQuestion | undefined;

  constructor() {
    super();
    this.token = undefined;
    this.staffRole = 'back_office';
    this.services = [];
    this.language = 'tg';
    this.timeZone = undefined;
    this.status = 'submitted';
    this.query = '';
    this.cases = [];
    this.selected = undefined;
    this.note = '';
    this.liveCase = undefined;
    this.question = undefined;
  }

  private timer?: ReturnType<typeof setInterval>;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('liveCase') && this.liveCase) this.apply(this.liveCase);
  }

  /** A case changed somewhere: the list and the open case show it now (the typed note stays). */
  private apply(c: Case): void {
    const known = this.cases.find((x) => x.number === c.number);
    if (known && known.version >= c.version) return;
    const fits = (this.status === '' || c.status === this.status) && this.query.trim() === '';
    if (known) {
      this.cases = this.cases
        .map((x) => (x.number === c.number ? c : x))
        .filter((x) => x.number !== c.number || fits || this.query.trim() !== '');
    } else if (fits) {
      this.cases = [...this.cases, c].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    }
    if (this.selected?.number === c.number && this.selected.version < c.version) {
      this.selected = c;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
    // Cases have no live event yet: the worklist is fetched again every little while.
    this.timer = setInterval(() => {
      if (!this.listing.busy && !this.actions.busy) void this.refresh();
    }, REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private async run(
    requests: RequestController,
    work: (token: string) => Promise<void>,
  ): Promise<boolean> {
    const token = this.token;
    if (!token) return false;
    return requests.run(() => work(token));
  }

  /** Loads the list again with the current filter. */
  async refresh(): Promise<void> {
    await this.run(this.listing, async (token) => {
      this.cases = await listCases(
        { ...(this.status ? { status: this.status } : {}), q: this.query.trim() || undefined },
        token,
      );
    });
  }

  private async open(number: string): Promise<void> {
    await this.run(this.actions, async (token) => {
      this.selected = await getCase(number, token);
      this.note = '';
    });
  }

  /** Registering and rejecting cannot be taken back: they ask first. */
  private ask(to: CaseStatus): void {
    const c = this.selected;
    if (!c) return;
    if (to !== 'registered' && to !== 'rejected') {
      void this.move(to);
      return;
    }
    const register = to === 'registered';
    this.question = {
      kind: 'confirm',
      action: to,
      title: this.l10n.t(register ? 'confirmRegisterTitle' : 'confirmRejectTitle', {
        number: c.number,
      }),
      text: this.l10n.t(register ? 'confirmRegisterText' : 'confirmRejectText', {
        number: c.number,
      }),
      confirmLabel: this.l10n.t(register ? 'toRegistered' : 'toRejected'),
    };
  }

  private readonly onAnswer = (e: CustomEvent<WindowAnswer>): void => {
    this.question = undefined;
    if (e.detail.kind === 'confirm') void this.move(e.detail.action as CaseStatus);
  };

  private readonly onCancel = (): void => {
    this.question = undefined;
  };

  private async move(to: CaseStatus): Promise<void> {
    const c = this.selected;
    if (!c) return;
    const moved = await this.run(this.actions, async (token) => {
      this.selected = await transitionCase(c.number, to, c.version, token, this.note.trim());
      this.note = '';
    });
    // Refused (registered already, or changed by someone else meanwhile): the message stays, and
    // the case shows what it is now, read again outside the action's request.
    if (!moved) await this.reread(c.number);
    await this.refresh();
  }

  /** The case as it is now, when it is still the one shown; a failure leaves it as it was. */
  private async reread(number: string): Promise<void> {
    const token = this.token;
    if (!token) return;
    const now = await getCase(number, token).catch(() => undefined);
    if (now && this.selected?.number === number) this.selected = now;
  }

  private readonly onSearch = (e: Event): void => {
    e.preventDefault();
    void this.refresh();
  };

  private serviceName(code: string): string {
    return this.services.find((s) => s.code === code)?.names[this.language] ?? code;
  }

  private renderList() {
    return html`<section aria-labelledby="worklist-title">
      <div class="top">
        <h2 id="worklist-title">${this.l10n.t('worklist')}</h2>
        <form role="search" @submit=${this.onSearch}>
          <label class="sr-only" for="q">${this.l10n.t('searchLabel')}</label>
          <input
            id="q"
            type="search"
            data-testid="case-search"
            placeholder=${this.l10n.t('searchLabel')}
            .value=${this.query}
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
          />
          <label class="sr-only" for="status">${this.l10n.t('status')}</label>
          <select
            id="status"
            data-testid="case-status-filter"
            @change=${(e: Event) => {
              this.status = (e.target as HTMLSelectElement).value as CaseStatus | '';
              void this.refresh();
            }}
          >
            <option value="" ?selected=${this.status === ''}>${this.l10n.t('allStatuses')}</option>
            ${CaseStatuses.map(
              (s) =>
                html`<option value=${s} ?selected=${this.status === s}>
                  ${this.l10n.t(caseStatusKey(s))}
                </option>`,
            )}
          </select>
          <button type="submit">${this.l10n.t('searchButton')}</button>
        </form>
      </div>
      ${
        this.listing.error
          ? html`<div class="error" role="alert" data-testid="bo-list-error">
              ${this.l10n.t(this.listing.error.key, this.listing.error.params)}
            </div>`
          : nothing
      }
      ${this.renderItems()}
    </section>`;
  }

  private renderItems() {
    return this.cases.length === 0
      ? html`<p class="empty">${this.l10n.t('noCases')}</p>`
      : html`<ul class="list" data-testid="worklist">
          ${this.cases.map(
            (c) =>
              html`<li>
                <button
                  type="button"
                  aria-current=${this.selected?.number === c.number ? 'true' : 'false'}
                  data-case=${c.number}
                  @click=${() => void this.open(c.number)}
                >
                  <b class="num">${c.number}</b>
                  <span class="badge ${c.status}">${this.l10n.t(caseStatusKey(c.status))}</span>
                  <span>${this.serviceName(c.type)} · ${personLine(c.applicant)}</span>
                  ${subjectView(c, this.language)}
                  <span class="muted num">${formatWhen(c.createdAt, this.timeZone)}</span>
                </button>
              </li>`,
          )}
        </ul>`;
  }

  private renderCase() {
    const c = this.selected;
    if (!c) {
      return html`<section aria-label=${this.l10n.t('caseHeading')}>
        <p class="empty" data-testid="bo-no-case">
          ${this.l10n.t(this.cases.length ? 'chooseCase' : 'noCases')}
        </p>
      </section>`;
    }
    const transitions = allowedTransitions(c.status, this.staffRole);
    return html`<section aria-labelledby="case-title" data-testid="bo-case">
      <div class="top">
        <h2 id="case-title">
          ${this.serviceName(c.type)} · <span class="num">${c.number}</span>
          <span class="badge ${c.status}" data-testid="bo-status"
            >${this.l10n.t(caseStatusKey(c.status))}</span
          >
        </h2>
      </div>
      ${
        this.actions.error
          ? html`<div class="error" role="alert" data-testid="bo-error">
              ${this.l10n.t(this.actions.error.key, this.fieldWords(this.actions.error.params))}
            </div>`
          : nothing
      }
      <div class="body" tabindex="0" aria-label=${this.l10n.t('caseHeading')} data-testid="bo-body">
        ${renderCaseFacts(c, this.language)} ${renderHistory(c, this.language, this.timeZone)}
      </div>
      ${transitions.length ? this.renderActions(c, transitions) : nothing}
    </section>`;
  }

  /** A refusal's field as this page labels it (the server names it by its code, `note`). */
  private fieldWords(params: Record<string, string | number> | undefined) {
    return params?.field === 'note' ? { ...params, field: this.l10n.t('note') } : params;
  }

  /** The transitions open to this role, and the note the ones that need it wait for. */
  private renderActions(c: Case, transitions: readonly CaseStatus[]) {
    const needsNote = transitions.some((to) => transitionNeedsNote(c.status, to));
    return html`<div class="actions">
      ${
        needsNote
          ? html`<label
              >${this.l10n.t('noteRequired')}
              <textarea
                rows="2"
                maxlength=${NOTE_MAX}
                data-testid="bo-note"
                .value=${this.note}
                @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}
              ></textarea>
            </label>`
          : nothing
      }
      ${transitions.map((to) => {
        const blocked = transitionNeedsNote(c.status, to) && this.note.trim() === '';
        return html`<button
          type="button"
          class=${to === 'registered' || to === 'ready' ? 'go' : ''}
          data-testid=${`bo-to-${to}`}
          ?disabled=${this.actions.busy || blocked}
          @click=${() => this.ask(to)}
        >
          ${this.l10n.t(transitionKey(to))}
        </button>`;
      })}
    </div>`;
  }

  override render() {
    return html`${this.renderList()} ${this.renderCase()}
      <counter-window-dialog
        .question=${this.question}
        language=${this.language}
        @counter-dialog-answer=${this.onAnswer}
        @counter-dialog-cancel=${this.onCancel}
      ></counter-window-dialog>`;
  }
}

customElements.define('counter-back-office', CounterBackOffice);

declare global {
  interface HTMLElementTagNameMap {
    'counter-back-office': CounterBackOffice;
  }
}
