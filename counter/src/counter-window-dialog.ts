/**
 * The console's questions in a modal dialog: where to transfer the ticket (service or window, with
 * a note), why the window pauses, and "are you sure?" before what cannot be undone (take over a
 * window, register, issue, reject). Native `<dialog>`: focus stays inside, Escape cancels.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Language, Service, Transfer } from '../../server/protocol';
import { base } from '../../ui/theme';
import { emit } from '../../ui/emit';
import { LocalizeController } from '../../ui/controllers/localize-controller';
import { targetLabelKey, targetWarning, warningKey, type TransferTarget } from './transfer-targets';

/** What the dialog asks. */
export type WindowQuestion =
  | {
      kind: 'transfer';
      ticketNumber: string;
      currentService: string;
      /** The other windows, staffed open ones first (transfer-targets.ts). */
      counters: readonly TransferTarget[];
    }
  | { kind: 'pause'; counter: string }
  | {
      kind: 'confirm';
      /** Handed back in the answer: which action was confirmed. */
      action: string;
      title: string;
      text: string;
      /** The confirm button says what it does ("Take over", "Register"). */
      confirmLabel: string;
    };

/** Detail of `counter-dialog-answer`: the transfer target or the pause reason. */
export type WindowAnswer =
  | { kind: 'transfer'; target: Transfer }
  | { kind: 'pause'; reason: string }
  | { kind: 'confirm'; action: string };

/** A modal question; dispatches `counter-dialog-answer` or `counter-dialog-cancel`. */
export class CounterWindowDialog extends LitElement {
  static override styles = [
    base,
    css`
      dialog {
        width: min(520px, 92vw);
        border: 0;
        border-radius: 18px;
        padding: 22px 24px;
        box-shadow: 0 10px 40px rgb(0 0 0 / 30%);
      }
      dialog::backdrop {
        background: rgb(15 27 45 / 45%);
      }
      h2 {
        margin: 0 0 14px;
        font-size: 22px;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 4px;
        margin-bottom: 12px;
        font-weight: 600;
      }
      label.radio {
        flex-direction: row;
        align-items: center;
        gap: 8px;
        margin-bottom: 6px;
      }
      input:not([type='radio']),
      select {
        min-height: 40px;
        padding: 4px 10px;
        border: 1px solid #8a94a3;
        border-radius: 8px;
        font-weight: 400;
      }
      .buttons {
        display: flex;
        justify-content: flex-end;
        gap: 10px;
        margin-top: 8px;
      }
      button {
        min-height: 44px;
        padding: 0 18px;
        border-radius: 10px;
        border: 2px solid var(--nb-primary);
        background: #fff;
        color: var(--nb-primary-strong);
        font-weight: 700;
      }
      button[type='submit'] {
        background: var(--nb-primary);
        color: var(--nb-primary-ink);
      }
      .warning {
        margin: 0 0 12px;
        padding: 8px 12px;
        border-radius: 10px;
        border: 2px solid #e0b04a;
        background: var(--nb-warning-soft);
        color: #5c3d00;
        font-weight: 700;
      }
    `,
  ];

  static override properties = {
    question: { attribute: false },
    services: { attribute: false },
    language: {},
    mode: { state: true },
    warned: { state: true },
    targets: { attribute: false },
    chosen: { state: true },
  };

  private readonly l10n = new LocalizeController(this, () => this.language);

  declare private mode: 'service' | 'counter';
  /** The window nobody calls at that the clerk was warned about: a second confirm sends there. */
  declare private warned: TransferTarget | undefined;
  /** The window the clerk picked in the list; undefined: the first one offered. */
  declare private chosen: string | undefined;
  /** The question; undefined closes the dialog. */
  declare question: WindowQuestion | undefined;
  /**
   * The transfer targets as they stand now (the console recomputes them as windows are taken, left
   * or paused); undefined: the question's own list, taken when it was asked.
   */
  declare targets: readonly TransferTarget[] | undefined;
  /** The office's services (transfer targets). */
  declare services: readonly Service[];
  /** Language of the texts. */
  declare language: Language;

  constructor() {
    super();
    this.question = undefined;
    this.services = [];
    this.language = 'tg';
    this.mode = 'service';
    this.warned = undefined;
    this.targets = undefined;
    this.chosen = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('question') && this.question) this.mode = 'service';
    if (changed.has('question')) {
      this.warned = undefined;
      this.chosen = undefined;
    }
  }

  /** The windows the open transfer question offers, as they stand now. */
  private offered(q: Extract<WindowQuestion, { kind: 'transfer' }>): readonly TransferTarget[] {
    return this.targets ?? q.counters;
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (this.question && !dialog.open) {
      dialog.showModal();
    } else if (!this.question && dialog.open) {
      dialog.close();
    }
  }

  private setMode(mode: 'service' | 'counter'): void {
    this.mode = mode;
    this.warned = undefined;
    this.chosen = undefined;
  }

  private cancel(): void {
    emit(this, 'counter-dialog-cancel');
  }

  private readonly onSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const q = this.question;
    if (!q) return;
    const data = new FormData(e.target as HTMLFormElement);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    let detail: WindowAnswer;
    if (q.kind === 'confirm') {
      detail = { kind: 'confirm', action: q.action };
    } else if (q.kind === 'pause') {
      const reason = text('reason');
      if (!reason) return;
      detail = { kind: 'pause', reason };
    } else {
      const note = text('note');
      const extra = note ? { note } : {};
      if (this.mode === 'service') {
        detail = { kind: 'transfer', target: { service: text('service'), ...extra } };
      } else {
        const counter = text('counter');
        if (this.needsWarning(q, counter)) return;
        detail = { kind: 'transfer', target: { counter, ...extra } };
      }
    }
    emit(this, 'counter-dialog-answer', detail);
  };

  /**
   * Whether sending to `counter` waits for a second confirm: nobody calls there (nobody holds it, or
   * it is paused or closed) and the clerk has not been warned about it yet — or was warned of
   * something else that has changed since (its clerk left, say). Warns them if so.
   */
  private needsWarning(q: Extract<WindowQuestion, { kind: 'transfer' }>, counter: string): boolean {
    const target = this.offered(q).find((c) => c.number === counter);
    const warning = target && targetWarning(target);
    if (!target || warning === undefined) return false;
    const warned = this.warned;
    if (warned?.number === target.number && targetWarning(warned) === warning) return false;
    this.warned = target;
    return true;
  }

  private renderCounterChoice(q: Extract<WindowQuestion, { kind: 'transfer' }>) {
    const offered = this.offered(q);
    // A warning stands while its window is as it was when given (a clerk may sit down there since).
    const now = this.warned && offered.find((c) => c.number === this.warned?.number);
    const warning =
      this.warned && now && targetWarning(now) === targetWarning(this.warned)
        ? targetWarning(now)
        : undefined;
    // The list follows the windows live and may reorder: the clerk's pick stays picked by number.
    const chosen = offered.some((c) => c.number === this.chosen) ? this.chosen : offered[0]?.number;
    return html`<label
        >${this.l10n.t('windowLabel')}
        <select
          name="counter"
          data-testid="transfer-counter"
          @change=${(e: Event) => {
            this.chosen = (e.target as HTMLSelectElement).value;
            this.warned = undefined;
          }}
        >
          ${offered.map(
            (c) =>
              html`<option
                value=${c.number}
                data-warning=${targetWarning(c) ?? 'none'}
                .selected=${c.number === chosen}
              >
                ${this.l10n.t(targetLabelKey(c), { n: c.number, name: c.clerk ?? '' })}
              </option>`,
          )}
        </select></label
      >
      ${
        this.warned && warning !== undefined
          ? html`<p class="warning" role="alert" data-testid="transfer-warning">
              ${this.l10n.t(warningKey(warning), { n: this.warned.number })}
            </p>`
          : nothing
      }`;
  }

  private renderTransfer(q: Extract<WindowQuestion, { kind: 'transfer' }>) {
    const lang = this.language;
    return html`<h2 id="dialog-title">
        ${this.l10n.t('transferTitle', { number: q.ticketNumber })}
      </h2>
      <fieldset style="border:0;padding:0;margin:0 0 8px">
        <legend class="sr-only">${this.l10n.t('transfer')}</legend>
        <label class="radio"
          ><input
            type="radio"
            name="mode"
            value="service"
            .checked=${this.mode === 'service'}
            @change=${() => this.setMode('service')}
          />${this.l10n.t('transferToService')}</label
        >
        <label class="radio"
          ><input
            type="radio"
            name="mode"
            value="counter"
            .checked=${this.mode === 'counter'}
            @change=${() => this.setMode('counter')}
          />${this.l10n.t('transferToWindow')}</label
        >
      </fieldset>
      ${
        this.mode === 'service'
          ? html`<label
              >${this.l10n.t('service')}
              <select name="service" data-testid="transfer-service">
                ${this.services
                  .filter((s) => s.code !== q.currentService)
                  .map((s) => html`<option value=${s.code}>${s.names[lang]}</option>`)}
              </select></label
            >`
          : this.renderCounterChoice(q)
      }
      <label
        >${this.l10n.t('note')} <input name="note" maxlength="500" data-testid="transfer-note"
      /></label>`;
  }

  private renderPause(q: Extract<WindowQuestion, { kind: 'pause' }>) {
    const reasons = this.l10n.t('pauseReasons').split(',');
    return html`<h2 id="dialog-title">${this.l10n.t('pauseTitle', { n: q.counter })}</h2>
      <label
        >${this.l10n.t('pauseReason')}
        <input
          name="reason"
          list="pause-reasons"
          required
          maxlength="200"
          data-testid="pause-reason"
          .value=${reasons[0] ?? ''}
          @focus=${selectAll}
        />
        <datalist id="pause-reasons">
          ${reasons.map((r) => html`<option value=${r}></option>`)}
        </datalist></label
      >`;
  }

  override render() {
    const q = this.question;
    return html`<dialog
      aria-labelledby="dialog-title"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.cancel();
      }}
    >
      ${
        q
          ? html`<form @submit=${this.onSubmit}>
              ${
                q.kind === 'transfer'
                  ? this.renderTransfer(q)
                  : q.kind === 'pause'
                    ? this.renderPause(q)
                    : html`<h2 id="dialog-title">${q.title}</h2>
                        <p data-testid="dialog-text">${q.text}</p>`
              }
              <div class="buttons">
                <button type="button" data-testid="dialog-cancel" @click=${() => this.cancel()}>
                  ${this.l10n.t('cancel')}
                </button>
                <button type="submit" data-testid="dialog-confirm">
                  ${
                    q.kind === 'confirm'
                      ? q.confirmLabel
                      : this.l10n.t(this.warned ? 'transferAnyway' : 'confirm')
                  }
                </button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }
}

/**
 * The suggested reason, selected when the field takes focus: Enter keeps it, typing replaces it
 * (typed after it, "Танаффус" + "Танаффуси нисфирӯзӣ" was saved as one word).
 */
function selectAll(event: FocusEvent): void {
  (event.target as HTMLInputElement).select();
}

customElements.define('counter-window-dialog', CounterWindowDialog);

declare global {
  interface HTMLElementTagNameMap {
    'counter-window-dialog': CounterWindowDialog;
  }
  interface HTMLElementEventMap {
    'counter-dialog-answer': CustomEvent<WindowAnswer>;
    'counter-dialog-cancel': CustomEvent<void>;
  }
}
