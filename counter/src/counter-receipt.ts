/** A printable receipt of the documents received for a case (the browser's print, any printer). */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { caseTypeSpec, type Case, type Language, type Service } from '../../server/protocol';
import { translate } from '../../ui/i18n/staff';
import { base } from '../../ui/theme';
import { formatWhen, personLine } from './case-view';
import { emit } from '../../ui/emit';
import { caseTelegramLink } from './console-api';

/**
 * The receipt page, with the case's Telegram link when the applicant consented to messages and the
 * server has a bot; dispatches `counter-receipt-close`.
 */
export class CounterReceipt extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        min-height: 100vh;
        padding: 24px;
        background: #fff;
      }
      article {
        max-width: 720px;
        margin: 0 auto;
        font-size: 16px;
      }
      h1 {
        font-size: 22px;
        margin: 0 0 4px;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        margin: 12px 0;
      }
      td,
      th {
        border: 1px solid #555;
        padding: 4px 8px;
        text-align: start;
      }
      .tools {
        display: flex;
        gap: 12px;
        margin-bottom: 16px;
      }
      .tools button {
        min-height: 44px;
        padding: 0 18px;
        border-radius: 10px;
        border: 2px solid var(--nb-primary);
        background: var(--nb-primary);
        color: #fff;
        font-weight: 700;
      }
      .tools button + button {
        background: #fff;
        color: var(--nb-primary-strong);
      }
      .sign {
        margin-top: 36px;
        display: flex;
        justify-content: space-between;
      }
      .office {
        margin: 0;
        font-weight: 700;
      }
      .next {
        margin-top: 14px;
        padding: 8px 12px;
        border: 1px solid currentColor;
        border-radius: 8px;
        font-weight: 600;
      }
      .telegram {
        margin-top: 10px;
        overflow-wrap: anywhere;
      }
      @media print {
        .tools {
          display: none;
        }
        :host {
          padding: 0;
        }
      }
    `,
  ];

  static override properties = {
    case: { attribute: false },
    services: { attribute: false },
    clerk: {},
    officeName: {},
    timeZone: { attribute: false },
    language: {},
    token: {},
    telegramLink: { state: true },
  };

  /** The case the receipt is for. */
  declare case: Case | undefined;
  /** The office's services (the case type's name). */
  declare services: readonly Service[];
  /** Who accepted the documents. */
  declare clerk: string;
  /** The office, in the receipt's language (the citizen knows where to come back). */
  declare officeName: string;
  /** The office's zone: the receipt's time as the office's clocks show it. */
  declare timeZone: string | undefined;
  /** Language of the receipt. */
  declare language: Language;
  /** The clerk's session (the Telegram link is asked for with it). */
  declare token: string | undefined;
  declare private telegramLink: string | undefined;

  constructor() {
    super();
    this.case = undefined;
    this.services = [];
    this.clerk = '';
    this.officeName = '';
    this.timeZone = undefined;
    this.language = 'tg';
    this.token = undefined;
    this.telegramLink = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('case')) {
      this.telegramLink = undefined;
      const c = this.case;
      if (c?.notify && this.token) void this.loadTelegramLink(c.number, this.token);
    }
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button')?.focus();
  }

  /** Asked only with consent on record; no bot, or any failure, leaves the receipt without it. */
  private async loadTelegramLink(number: string, token: string): Promise<void> {
    const link = await caseTelegramLink(number, token).catch(() => undefined);
    if (this.case?.number === number) this.telegramLink = link;
  }

  private close(): void {
    emit(this, 'counter-receipt-close');
  }

  private renderTools() {
    return html`<div class="tools">
      <button type="button" @click=${() => window.print()}>
        ${translate(this.language, 'print')}
      </button>
      <button type="button" data-testid="receipt-close" @click=${() => this.close()}>
        ${translate(this.language, 'dismiss')}
      </button>
    </div>`;
  }

  private renderTelegram() {
    if (!this.telegramLink) return nothing;
    return html`<p class="telegram" data-testid="receipt-telegram">
      ${translate(this.language, 'receiptTelegram')}
      <a href=${this.telegramLink} class="num">${this.telegramLink}</a>
    </p>`;
  }

  override render() {
    const c = this.case;
    if (!c) return html``;
    const lang = this.language;
    const t = (k: Parameters<typeof translate>[1], p?: Record<string, string>) =>
      translate(lang, k, p);
    const roles = caseTypeSpec(c.type).roles;
    const type = this.services.find((s) => s.code === c.type)?.names[lang] ?? c.type;
    return html`<article data-testid="receipt">
      ${this.renderTools()}
      ${this.officeName ? html`<p class="office" data-testid="receipt-office">${this.officeName}</p>` : ''}
      <h1>${t('receiptTitle')}</h1>
      <p><b class="num">${c.number}</b> · ${type} · ${formatWhen(new Date(), this.timeZone)}</p>
      ${
        c.pickupCode
          ? html`<p data-testid="receipt-pickup-code">
              <b class="num">${t('receiptPickupCode', { code: c.pickupCode })}</b>
            </p>`
          : nothing
      }
      <p>${t('applicant')}: ${personLine(c.applicant)}</p>
      ${c.subjects.map(
        (s) =>
          html`<p>
            ${roles.find((r) => r.role === s.role)?.names[lang] ?? s.role}: ${personLine(s.person)}
          </p>`,
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">${t('documentsReceived')}</th>
            <th scope="col">✓</th>
          </tr>
        </thead>
        <tbody>
          ${c.documents
            .filter((d) => d.received)
            .map(
              (d) =>
                html`<tr>
                  <td>${d.name[lang]}</td>
                  <td>✓</td>
                </tr>`,
            )}
        </tbody>
      </table>
      <p class="next" data-testid="receipt-next">
        ${t(nextStepKey(c.status), { number: c.number })}
      </p>
      ${this.renderTelegram()}
      <div class="sign">
        <span>${t('receiptAcceptedBy', { name: this.clerk })}</span>
        <span>${t('receiptSignature')}: ____________</span>
      </div>
    </article>`;
  }
}

/** What the citizen does next, by the case's status. */
function nextStepKey(
  status: Case['status'],
):
  | 'receiptNext'
  | 'receiptNextDraft'
  | 'receiptNextReturned'
  | 'receiptNextReady'
  | 'receiptNextDone' {
  switch (status) {
    case 'draft':
      return 'receiptNextDraft';
    case 'returned':
      return 'receiptNextReturned';
    case 'ready':
      return 'receiptNextReady';
    case 'issued':
    case 'rejected':
    case 'cancelled':
      return 'receiptNextDone';
    case 'submitted':
    case 'registered':
      return 'receiptNext';
  }
}

customElements.define('counter-receipt', CounterReceipt);

declare global {
  interface HTMLElementTagNameMap {
    'counter-receipt': CounterReceipt;
  }
  interface HTMLElementEventMap {
    'counter-receipt-close': CustomEvent<void>;
  }
}
