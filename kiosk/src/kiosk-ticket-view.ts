/**
 * The issued ticket, very large, with the service, people ahead, the estimated wait, the QR code of its
 * page and what the printer did, in words.
 */
import { waitText } from '../../ui/wait-text';
import { LitElement, html, nothing } from 'lit';
import './kiosk-sms-keypad';
import type { Language, Ticket } from '../../server/protocol';
import type { PrintStatus } from '../../ui/api';
import type { VoicePlayer } from '../../ui/voice-player';
import { translate, type MessageKey } from '../../ui/i18n';
import { icon } from './kiosk-icons';
import './kiosk-qr';
import { GhostTapController } from '../../ui/controllers/ghost-tap-controller';
import { ticketViewStyles } from './kiosk-ticket-view-styles';

/** The hall display's voice pack (the office's own recordings first, see VOICE_DIR). */
const VOICE_BASE = '/display/voice/';
const PAUSE_BETWEEN_WORDS_S = 0.06;

/** Shows one issued ticket; dispatches `kiosk-done` when the citizen taps "Done". */
export class KioskTicketView extends LitElement {
  static override styles = ticketViewStyles;

  static override properties = {
    ticket: { attribute: false },
    serviceName: {},
    priorityName: {},
    printStatus: {},
    printerOffline: { type: Boolean },
    ticketUrl: {},
    holderKey: {},
    appointmentTime: {},
    late: { type: Boolean },
    language: {},
    spoken: { state: true },
    typing: { state: true },
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
  /** The ticket's holder key (the issue's answer): the SMS keypad sends it. */
  declare holderKey: string;
  /** A checked-in booking's time (`HH:MM` on the office clock); empty for a walk-in. */
  declare appointmentTime: string;
  /** True when a booking checked in too late and got an ordinary ticket (the card says so). */
  declare late: boolean;
  /** Language of the texts. */
  declare language: Language;
  private readonly ghostTap = new GhostTapController(this);
  /** How the last "read aloud" went (`played`, `blocked`, `failed`), shown as `data-spoken`. */
  declare private spoken: 'played' | 'blocked' | 'failed' | undefined;
  private player?: VoicePlayer;

  /** The SMS keypad is open: the QR, the figures and the hints fold away so it fits the screen. */
  declare private typing: boolean;

  constructor() {
    super();
    this.typing = false;
    this.serviceName = '';
    this.priorityName = '';
    this.printStatus = 'none';
    this.printerOffline = false;
    this.ticketUrl = '';
    this.holderKey = '';
    this.appointmentTime = '';
    this.late = false;
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

  private renderPriority(name: string) {
    return html`<p class="priority" data-testid="ticket-priority">
      ${translate(this.language, 'kioskPriorityOf', { name })}
    </p>`;
  }

  /** The time booked, on a ticket a booking was checked in for. */
  private renderAppointment(time: string) {
    return html`<p class="appointment" data-testid="ticket-appointment">
      ${translate(this.language, 'kioskAppointmentAt', { time })}
    </p>`;
  }

  /** The QR code of the ticket's own page, to follow the queue on a phone. */
  private renderScan(url: string) {
    return html`<div class="scan">
      <kiosk-qr
        data-testid="ticket-qr"
        .value=${url}
        .size=${240}
        label=${translate(this.language, 'kioskScanHint')}
      ></kiosk-qr>
      <p>${translate(this.language, 'kioskScanHint')}</p>
    </div>`;
  }

  /** The SMS keypad (folded until asked for), "read aloud" and "done": low on the screen in either orientation. */
  private renderKeys() {
    const lang = this.language;
    return html`<kiosk-sms-keypad
        .ticketId=${this.ticket.id}
        .holderKey=${this.holderKey}
        language=${lang}
        @kiosk-sms-keypad=${(e: CustomEvent<boolean>) => (this.typing = e.detail)}
      ></kiosk-sms-keypad>
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
      </div>`;
  }

  override render() {
    const lang = this.language;
    const { ticket } = this;
    // Nobody serves the line yet: no wait to tell, and the message says why.
    const noWindow = ticket.servingWindows === 0;
    return html`<section
      class="card ${this.typing ? 'typing' : ''}"
      aria-labelledby="title"
      data-testid="ticket-view"
    >
      <div class="main">
        <h1 id="title">${translate(lang, 'yourTicket')}</h1>
        <p class="number num" data-testid="ticket-number">${ticket.number}</p>
        <p class="service" data-testid="ticket-service">${this.serviceName}</p>
        ${this.priorityName ? this.renderPriority(this.priorityName) : nothing}
        ${this.appointmentTime ? this.renderAppointment(this.appointmentTime) : nothing}
        ${
          this.late
            ? html`<p class="late" role="status" data-testid="ticket-late">
                ${translate(lang, 'kioskBookingLate')}
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
              ${noWindow ? '—' : waitText(lang, ticket.peopleAhead, ticket.estimatedWaitMinutes)}
            </dd>
          </div>
        </dl>
        <p class="message" data-testid="wait-message">
          ${translate(lang, noWindow ? 'noWindowYet' : 'pleaseWait')}
        </p>
      </div>
      <div class="side">
        ${this.renderPrint()} ${this.ticketUrl ? this.renderScan(this.ticketUrl) : nothing}
        <!-- With the other buttons, below the QR: low on the screen in either orientation. -->
        ${this.renderKeys()}
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
