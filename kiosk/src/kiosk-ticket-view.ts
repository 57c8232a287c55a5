/**
 * The issued ticket, very large, with the service, people ahead, the estimated wait, the QR code of its
 * page and what the printer did, in words.
 */
import { waitText } from '../../ui/wait-text';
import { LitElement, css, html, nothing } from 'lit';
import './kiosk-sms-keypad';
import type { Language, Ticket } from '../../server/protocol';
import type { PrintStatus } from '../../ui/api';
import type { VoicePlayer } from '../../ui/voice-player';
import { translate, type MessageKey } from '../../ui/i18n';
import { base } from '../../ui/theme';
import { icon } from './kiosk-icons';
import './kiosk-qr';
import { GhostTapController } from '../../ui/controllers/ghost-tap-controller';

/** The hall display's voice pack (the office's own recordings first, see VOICE_DIR). */
const VOICE_BASE = '/display/voice/';
const PAUSE_BETWEEN_WORDS_S = 0.06;

/** Shows one issued ticket; dispatches `kiosk-done` when the citizen taps "Done". */
export class KioskTicketView extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        flex: 1;
        display: flex;
        justify-content: center;
        align-items: center;
        padding: 40px 32px;
      }
      .card {
        position: relative;
        overflow: hidden;
        width: min(900px, 100%);
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 28px;
        padding: 56px 40px 44px;
        border-radius: 28px;
        background: var(--nb-surface);
        box-shadow: var(--nb-shadow);
        text-align: center;
      }
      .card::before {
        content: '';
        position: absolute;
        inset: 0 0 auto;
        height: 16px;
        background: var(--nb-primary);
      }
      h1 {
        margin: 0;
        font-size: 40px;
        font-weight: 700;
        color: var(--nb-muted);
      }
      .number {
        margin: 0;
        font-size: clamp(160px, 22vw, 280px);
        line-height: 0.95;
        font-weight: 800;
        letter-spacing: 0.04em;
        color: var(--nb-ink);
      }
      .service {
        margin: 0;
        font-size: 36px;
        font-weight: 700;
        color: var(--nb-primary-strong);
      }
      dl {
        margin: 0;
        width: 100%;
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 18px;
      }
      .stat {
        padding: 22px 18px;
        border-radius: 18px;
        background: var(--nb-bg);
      }
      dt {
        font-size: 22px;
        color: var(--nb-muted);
        font-weight: 600;
      }
      dd {
        margin: 8px 0 0;
        font-size: 56px;
        font-weight: 800;
      }
      .message {
        margin: 0;
        font-size: 26px;
        line-height: 1.35;
      }
      .print {
        margin: 0;
        max-width: 100%;
        box-sizing: border-box;
        font-size: 28px;
        font-weight: 600;
        padding: 12px 20px;
        border-radius: 12px;
        background: var(--nb-primary-soft);
        color: var(--nb-primary-strong);
      }
      .print.failed {
        background: var(--nb-danger-soft);
        color: var(--nb-danger);
      }
      button {
        min-width: 320px;
        min-height: 88px;
        padding: 0 40px;
        border: none;
        border-radius: 999px;
        background: var(--nb-primary);
        color: var(--nb-primary-ink);
        font-size: 32px;
        font-weight: 700;
      }
      button:active {
        background: var(--nb-primary-strong);
      }
      .hint {
        margin: 0;
        font-size: 18px;
        color: var(--nb-muted);
      }
      .main,
      .side {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 24px;
        width: 100%;
      }
      .scan {
        display: flex;
        align-items: center;
        gap: 24px;
        text-align: start;
      }
      .scan p {
        margin: 0;
        max-width: 360px;
        font-size: 22px;
        line-height: 1.35;
        color: var(--nb-muted);
      }
      .priority {
        margin: -12px 0 0;
        font-size: 24px;
        font-weight: 700;
        color: var(--nb-ink);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        gap: 16px;
      }
      .actions .speak {
        min-width: 0;
        display: inline-flex;
        align-items: center;
        gap: 12px;
        background: var(--nb-surface);
        color: var(--nb-primary-strong);
        border: 2px solid var(--nb-primary);
        font-size: 26px;
      }
      @media (orientation: landscape) {
        .card {
          width: min(1500px, 100%);
          flex-direction: row;
          align-items: stretch;
          gap: 40px;
          text-align: center;
        }
        .side {
          justify-content: center;
          width: auto;
          /* A fixed column, so a long print message wraps instead of running off the card. */
          flex: 0 0 min(420px, 32%);
          min-width: 0;
        }
        .scan {
          flex-direction: column;
          text-align: center;
        }
        .scan p {
          max-width: 300px;
        }
      }
      @container (max-height: 900px) {
        :host {
          padding: 20px 32px;
        }
        .card {
          gap: 16px;
          padding: 36px 40px 28px;
        }
        h1 {
          font-size: 30px;
        }
        .number {
          font-size: 170px;
        }
        .service {
          font-size: 30px;
        }
        .stat {
          padding: 12px 18px;
        }
        dd {
          font-size: 44px;
        }
        .message {
          font-size: 22px;
        }
        .main,
        .side {
          gap: 14px;
        }
        button {
          min-height: 72px;
          font-size: 28px;
        }
      }
    `,
  ];

  static override properties = {
    ticket: { attribute: false },
    serviceName: {},
    priorityName: {},
    printStatus: {},
    printerOffline: { type: Boolean },
    ticketUrl: {},
    language: {},
    spoken: { state: true },
  };

  /** The issued ticket. */
  declare ticket: Ticket;
  /** Name of its service in {@link language}. */
  declare serviceName: string;
  /** Name of its priority category in {@link language}; empty for the regular queue. */
  declare priorityName: string;
  /** What the printer did with it. */
  declare printStatus: PrintStatus;
  /** True while the kiosk's printer is reported offline (a queued job will not come out now). */
  declare printerOffline: boolean;
  /** Address of the ticket's public page, shown as a QR code. */
  declare ticketUrl: string;
  /** Language of the texts. */
  declare language: Language;
  private readonly ghostTap = new GhostTapController(this);
  /** How the last "read aloud" went (`played`, `blocked`, `failed`), shown as `data-spoken`. */
  declare private spoken: 'played' | 'blocked' | 'failed' | undefined;
  private player?: VoicePlayer;

  constructor() {
    super();
    this.serviceName = '';
    this.priorityName = '';
    this.printStatus = 'none';
    this.printerOffline = false;
    this.ticketUrl = '';
    this.language = 'tg';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.player?.close();
    this.player = undefined;
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('[data-testid="ticket-done"]')?.focus({
      preventScroll: true,
    });
  }

  /**
   * "Read aloud": the ticket number from the hall display's voice pack (Tajik, or Russian for a
   * Russian-speaking citizen), so it works on any kiosk, with or without the system's speech voices.
   * The player is loaded at the first tap: the kiosk's first screen does not carry it.
   */
  private readonly onSpeak = (): void => {
    const language = this.language === 'ru' || this.language === 'en' ? 'ru' : 'tg';
    const number = this.ticket.number;
    void (async () => {
      const [{ VoicePlayer }, { ticketClips }] = await Promise.all([
        import('../../ui/voice-player'),
        import('../../ui/voice-words'),
      ]);
      this.player ??= new VoicePlayer(VOICE_BASE);
      const format = await this.player.format();
      const steps = ticketClips(language, number).map((name) => ({
        url: `${VOICE_BASE}${language}/${name}.${format}`,
        pauseAfter: PAUSE_BETWEEN_WORDS_S,
      }));
      this.spoken = await this.player.play(steps);
    })().catch(() => (this.spoken = 'failed'));
  };

  private readonly onDone = (): void => {
    // The second half of a double tap that issued the ticket must not close it at once.
    if (this.ghostTap.tooSoon) return;
    this.dispatchEvent(new CustomEvent('kiosk-done', { bubbles: true, composed: true }));
  };

  private renderPrint() {
    const text = (key: MessageKey) => translate(this.language, key);
    switch (this.printStatus) {
      case 'printed':
      case 'queued':
        if (!this.printerOffline) {
          return html`<p class="print" data-testid="print-status" data-status="ok">
            ${text('takeTicket')}
          </p>`;
        }
        return this.renderUnavailable('kioskPrinterUnavailable');
      case 'failed':
        return this.renderUnavailable('kioskPrinterUnavailable');
      case 'none':
        return this.renderUnavailable('kioskNoPrinter');
    }
  }

  private renderUnavailable(key: MessageKey) {
    return html`<p
      class="print failed"
      role="alert"
      data-testid="print-status"
      data-status="unavailable"
    >
      ${translate(this.language, key)}
    </p>`;
  }

  override render() {
    const lang = this.language;
    const { ticket } = this;
    return html`<section class="card" aria-labelledby="title" data-testid="ticket-view">
      <div class="main">
        <h1 id="title">${translate(lang, 'yourTicket')}</h1>
        <p class="number num" data-testid="ticket-number">${ticket.number}</p>
        <p class="service" data-testid="ticket-service">${this.serviceName}</p>
        ${
          this.priorityName
            ? html`<p class="priority" data-testid="ticket-priority">
                ${translate(lang, 'kioskPriorityOf', { name: this.priorityName })}
              </p>`
            : nothing
        }
        <dl>
          <div class="stat">
            <dt>${translate(lang, 'peopleAhead')}</dt>
            <dd class="num" data-testid="people-ahead">${ticket.peopleAhead ?? '—'}</dd>
          </div>
          <div class="stat">
            <dt>${translate(lang, 'estimatedWait')}</dt>
            <dd class="num" data-testid="estimated-wait">
              ${waitText(lang, ticket.peopleAhead, ticket.estimatedWaitMinutes)}
            </dd>
          </div>
        </dl>
        <p class="message">${translate(lang, 'pleaseWait')}</p>
      </div>
      <div class="side">
        ${this.renderPrint()}
        <kiosk-sms-keypad .ticketId=${ticket.id} language=${lang}></kiosk-sms-keypad>
        ${
          this.ticketUrl
            ? html`<div class="scan">
                <kiosk-qr
                  data-testid="ticket-qr"
                  .value=${this.ticketUrl}
                  .size=${240}
                  label=${translate(lang, 'kioskScanHint')}
                ></kiosk-qr>
                <p>${translate(lang, 'kioskScanHint')}</p>
              </div>`
            : nothing
        }
        <div class="actions">
          <button
            type="button"
            class="speak"
            data-testid="ticket-speak"
            data-spoken=${this.spoken ?? nothing}
            @click=${this.onSpeak}
          >
            ${icon('speaker', 40)} ${translate(lang, 'kioskReadAloud')}
          </button>
          <button type="button" data-testid="ticket-done" @click=${this.onDone}>
            ${translate(lang, 'done')}
          </button>
        </div>
        <p class="hint">${translate(lang, 'returnHint')}</p>
      </div>
    </section>`;
  }
}

customElements.define('kiosk-ticket-view', KioskTicketView);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-ticket-view': KioskTicketView;
  }
  interface HTMLElementEventMap {
    'kiosk-done': CustomEvent<undefined>;
  }
}
