/**
 * The ticket page's say over its messages, beside the SMS keypad: where they go and a "stop
 * messages" button once a phone follows the ticket (the opt-out link, for those who will not
 * reply STOP), and a Telegram deep link when the server has a bot. The one-time link is made only
 * when asked for: every code is a row, and the public endpoint is rate-limited per address.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Language, TicketNotifyStatus } from '../../server/protocol';
import { call, holderHeaders } from '../../ui/api';
import { emit } from '../../ui/emit';
import { translate, type MessageKey } from '../../ui/i18n';
import { base } from '../../ui/theme';

/** Where a ticket's messages go, with a stop button and the Telegram offer; dispatches `kiosk-messages-stopped`. */
export class KioskTicketMessages extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: grid;
        gap: 12px;
        margin-top: 12px;
      }
      p {
        margin: 0;
        font-size: 18px;
        line-height: 1.4;
      }
      /* The live region waits, empty, out of the layout: filled later, it is announced. */
      p.empty {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
      button,
      a.telegram {
        display: grid;
        place-items: center;
        width: 100%;
        min-height: 56px;
        border-radius: var(--nb-radius);
        border: 2px solid var(--nb-primary);
        background: var(--nb-surface);
        color: var(--nb-primary-strong);
        font: inherit;
        font-size: 20px;
        font-weight: 700;
        text-align: center;
        text-decoration: none;
        touch-action: manipulation;
      }
      button.stop {
        border-color: var(--nb-border);
        color: var(--nb-ink);
      }
      a.telegram {
        background: var(--nb-primary);
        color: var(--nb-primary-ink);
      }
      .failed {
        color: var(--nb-danger);
      }
    `,
  ];

  static override properties = {
    ticketId: {},
    holderKey: {},
    language: {},
    version: { type: Number },
    phoneShown: { type: Boolean },
    status: { state: true },
    stopped: { state: true },
    telegramLink: { state: true },
    failed: { state: true },
  };

  /** The ticket the messages are about. */
  declare ticketId: string;
  /** The holder's key (the `#…` of the page's link): stopping and Telegram send it. */
  declare holderKey: string;
  /** Language of the texts (and of the Telegram messages). */
  declare language: Language;
  /** Bumped by the page when the holder subscribed a phone: the status is read again. */
  declare version: number;
  /**
   * The phone was just given on this page, whose keypad says where messages go in full: the panel
   * does not say it a second time (masked), and offers only to stop them.
   */
  declare phoneShown: boolean;
  declare private status: TicketNotifyStatus | undefined;
  declare private stopped: boolean;
  declare private telegramLink: string | undefined;
  declare private failed: MessageKey | undefined;

  constructor() {
    super();
    this.ticketId = '';
    this.holderKey = '';
    this.language = 'tg';
    this.version = 0;
    this.phoneShown = false;
    this.status = undefined;
    this.stopped = false;
    this.telegramLink = undefined;
    this.failed = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    if ((changed.has('ticketId') || changed.has('version')) && this.ticketId) void this.load();
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  private async load(): Promise<void> {
    try {
      const { notify } = await call('ticketNotifyStatus', {
        params: { id: this.ticketId },
        headers: holderHeaders(this.holderKey),
      });
      this.status = notify;
      if (notify.phone) this.stopped = false;
      emit(this, 'kiosk-messages-status', notify.phone !== null);
    } catch {
      // Nothing to offer until the server answers; the keypad still works.
      this.status = undefined;
    }
  }

  private readonly onStop = async (): Promise<void> => {
    try {
      await call('stopNotify', {
        params: { id: this.ticketId },
        headers: holderHeaders(this.holderKey),
      });
      this.stopped = true;
      this.failed = undefined;
      this.status = this.status && { ...this.status, phone: null, telegram: false };
      emit(this, 'kiosk-messages-stopped');
      // The pressed button is gone: focus goes to what it did (the live region says it too).
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[role="status"]')?.focus();
    } catch {
      this.failed = 'ticketMessagesStopFailed';
    }
  };

  private readonly onTelegram = async (): Promise<void> => {
    try {
      const { link } = await call('ticketTelegram', {
        params: { id: this.ticketId },
        headers: holderHeaders(this.holderKey),
        body: { language: this.language },
      });
      this.telegramLink = link;
      this.failed = undefined;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-testid="telegram-link"]')?.focus();
    } catch {
      this.failed = 'tryAgain';
    }
  };

  private renderTelegram(status: TicketNotifyStatus) {
    if (status.telegram)
      return html`<p data-testid="telegram-linked">${this.t('ticketTelegramLinked')}</p>`;
    if (!status.telegramBot) return nothing;
    if (this.telegramLink)
      return html`<a
        class="telegram"
        data-testid="telegram-link"
        href=${this.telegramLink}
        target="_blank"
        rel="noopener"
        >${this.t('ticketTelegramOpen')}</a
      >`;
    return html`<button type="button" data-testid="telegram-offer" @click=${this.onTelegram}>
      ${this.t('ticketTelegramOffer')}
    </button>`;
  }

  override render() {
    const status = this.status;
    if (!status) return nothing;
    // Followed already: only the holder's link (with its key) may stop or add to the messages.
    // (A link's key that is not the ticket's: the server says so, and no button promises a stop.)
    const mayChange = status.holder || (!status.phone && !status.telegram);
    return html`${
        status.phone
          ? html`${
              this.phoneShown
                ? nothing
                : html`<p data-testid="messages-to">
                    ${this.t('ticketMessagesTo', { phone: status.phone })}
                  </p>`
            }
            ${
              mayChange
                ? html`<button
                    type="button"
                    class="stop"
                    data-testid="messages-stop"
                    @click=${this.onStop}
                  >
                    ${this.t('ticketMessagesStop')}
                  </button>`
                : nothing
            }`
          : nothing
      }
      <p
        role="status"
        class=${this.stopped ? '' : 'empty'}
        tabindex="-1"
        data-testid=${this.stopped ? 'messages-stopped' : 'messages-status'}
      >
        ${this.stopped ? this.t('ticketMessagesStopped') : ''}
      </p>
      ${mayChange ? this.renderTelegram(status) : nothing}
      ${this.failed ? html`<p class="failed" role="alert">${this.t(this.failed)}</p>` : nothing}`;
  }
}

customElements.define('kiosk-ticket-messages', KioskTicketMessages);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-ticket-messages': KioskTicketMessages;
  }
  interface HTMLElementEventMap {
    'kiosk-messages-stopped': CustomEvent<void>;
    /** Whether a phone follows the ticket, each time the panel has read it. */
    'kiosk-messages-status': CustomEvent<boolean>;
  }
}
