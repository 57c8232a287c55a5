/**
 * The public ticket page at `/t/<id>`, the target of the QR code on a printed ticket: the ticket
 * followed live on the holder's phone, from waiting to "go to window N".
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import './kiosk-sms-keypad';
import './kiosk-ticket-messages';
import type { Language, OfficeInfo, Service, Ticket } from '../../server/protocol';
import { Namespace } from '../../server/protocol/events';
import { ApiError, fetchOffice, fetchServices, fetchTicket } from '../../ui/api';
import { toShownError, type ShownError } from '../../ui/errors';
import { DEFAULT_TIME_ZONE } from '../../ui/format';
import { DEFAULT_LANGUAGE, translate, type MessageKey } from '../../ui/i18n';
import { keepLanguageInAddress, readPageParams } from '../../ui/page-params';
import { QueueController } from '../../ui/queue-controller';
import type { QueueState } from '../../ui/queue-store';
import '../../ui/nb-connection-mark';
import '../../ui/nb-language-switch';
import { offeredLanguages, type LanguageChangeDetail } from '../../ui/nb-language-switch';
import './kiosk-ticket-status';
import { ticketPageStyles } from './ticket-page-styles';

/** People ahead are re-read at most this often, however busy the office. */
const REFRESH_MIN_MS = 2_000;
const RETRY_MS = 5_000;
const FINAL_STATUSES: readonly string[] = ['done', 'no_show', 'cancelled', 'expired'];

/** The ticket id of a `/t/<uuid>` path, if it is one. */
export function ticketIdFromPath(pathname: string): string | undefined {
  const match = /^\/t\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(
    pathname,
  );
  return match?.[1]?.toLowerCase();
}

/** The holder's key of a `#<key>` link (the paper's QR code, the messages' links), if it is one. */
export function holderKeyFromHash(hash: string): string {
  return /^#([A-Za-z0-9_-]{12})$/.exec(hash)?.[1] ?? '';
}

/** The ticket page's root element. */
export class KioskTicketPage extends LitElement {
  static override styles = ticketPageStyles;

  static override properties = {
    language: { state: true },
    ticket: { state: true },
    services: { state: true },
    servicesFailed: { state: true },
    notFound: { state: true },
    error: { state: true },
    messagesVersion: { state: true },
    keypadVersion: { state: true },
    phoneFollows: { state: true },
    subscribedHere: { state: true },
    officeRead: { state: true },
  };

  private readonly params = readPageParams();
  private readonly ticketId = ticketIdFromPath(window.location.pathname);
  private readonly holderKey = holderKeyFromHash(window.location.hash);
  private readonly queue = new QueueController(this);

  declare private language: Language;
  declare private ticket: Ticket | undefined;
  declare private services: Service[] | undefined;
  declare private servicesFailed: boolean;
  declare private notFound: boolean;
  declare private error: ShownError | undefined;
  /** Bumped when a phone is subscribed or stopped here: the messages panel reads its status again. */
  declare private messagesVersion: number;
  /** Bumped when the messages are stopped: the keypad offers the SMS afresh. */
  declare private keypadVersion: number;
  /** A phone already follows the ticket (the kiosk took it): no "send me an SMS" beside it. */
  declare private phoneFollows: boolean;
  /** The holder subscribed on this page: the keypad keeps saying where the SMS will go. */
  declare private subscribedHere: boolean;
  /** The office as read once (a finished ticket's page has no live store to tell it). */
  declare private officeRead: OfficeInfo | undefined;
  /** The holder's own choice (or the link's `?lang=`), which wins over the ticket's language. */
  private chosenLanguage? = this.params.language;
  private seenQueue?: QueueState;
  private seenSeq = -1;
  /** Bumped whenever the socket changes the ticket, so an older REST answer cannot undo it. */
  private liveVersion = 0;
  private lastFetchAt = 0;
  private fetchTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.language = this.params.language ?? DEFAULT_LANGUAGE;
    this.ticket = undefined;
    this.services = undefined;
    this.servicesFailed = false;
    this.notFound = this.ticketId === undefined;
    this.error = undefined;
    this.messagesVersion = this.keypadVersion = 0;
    this.phoneFollows = false;
    this.subscribedHere = false;
    this.officeRead = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.ticketId) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.fetchTimer);
    this.fetchTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const live = this.queue.state;
    if (live !== this.seenQueue) {
      this.seenQueue = live;
      this.follow(live);
    }
    // Only the office's languages: the address's, then the ticket's, then the office's first.
    const offered = offeredLanguages(this.office?.languages);
    if (!offered.includes(this.language)) {
      const fits = [this.chosenLanguage, this.ticket?.language].find(
        (l) => l && offered.includes(l),
      );
      this.language = fits ?? offered[0] ?? DEFAULT_LANGUAGE;
    }
    if (changed.has('language') || changed.has('ticket') || changed.has('notFound')) {
      document.documentElement.lang = this.language;
      document.title = this.ticket
        ? `${this.t('ticketPageTitle', { number: this.ticket.number })} — ${this.t('appName')}`
        : `${this.t(this.notFound ? 'ticketNotFound' : 'yourTicket')} — ${this.t('appName')}`;
    }
  }

  /** Takes this ticket's changes straight from the socket; anything else may move it up the queue. */
  private follow(live: QueueState): void {
    const ticket = this.ticket;
    if (!ticket || !live.ready || live.seq === this.seenSeq) return;
    this.seenSeq = live.seq;
    const pushed =
      live.tickets.find((t) => t.id === ticket.id) ??
      live.recentCalls.find((t) => t.id === ticket.id);
    if (pushed && changedOnTheWire(ticket, pushed)) {
      this.liveVersion++;
      this.ticket = { ...ticket, ...pushed };
    }
    this.scheduleFetch();
  }

  private async load(): Promise<void> {
    await this.fetch();
    const ticket = this.ticket;
    if (!ticket) return;
    // The ticket id lets the phone in where the office admits only paired kiosks.
    this.queue.connect({
      namespace: Namespace.kiosk,
      auth: { office: ticket.office, ticket: ticket.id },
    });
    void fetchOffice(ticket.office).then(
      (office) => (this.officeRead = office),
      () => undefined, // the live store tells it too, while the ticket is open
    );
    try {
      this.services = await fetchServices(ticket.office);
    } catch {
      // The service code stands in for its name.
      this.servicesFailed = true;
    }
  }

  private scheduleFetch(): void {
    if (this.fetchTimer !== undefined) return;
    const wait = Math.max(0, this.lastFetchAt + REFRESH_MIN_MS - Date.now());
    this.fetchTimer = setTimeout(() => {
      this.fetchTimer = undefined;
      void this.fetch();
    }, wait);
  }

  private async fetch(): Promise<void> {
    const id = this.ticketId;
    if (!id) return;
    this.lastFetchAt = Date.now();
    const version = this.liveVersion;
    try {
      const ticket = await fetchTicket(id);
      if (version !== this.liveVersion) return;
      this.ticket = ticket;
      this.error = undefined;
      if (!this.chosenLanguage && ticket.language) this.language = ticket.language;
      // A finished ticket has nothing more to hear.
      if (FINAL_STATUSES.includes(ticket.status)) this.queue.disconnect();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        this.notFound = true;
        this.ticket = undefined;
        this.queue.disconnect();
        return;
      }
      this.error = toShownError(error);
      clearTimeout(this.fetchTimer);
      this.fetchTimer = setTimeout(() => {
        this.fetchTimer = undefined;
        void (this.ticket ? this.fetch() : this.load());
      }, RETRY_MS);
    }
  }

  private readonly onLanguageChange = (event: CustomEvent<LanguageChangeDetail>): void => {
    this.language = this.chosenLanguage = event.detail.language;
    keepLanguageInAddress(this.language, true); // the address carries it over a reload
  };

  private readonly onSubscribed = (): void => {
    this.subscribedHere = true;
    this.messagesVersion++;
  };

  private readonly onMessagesStopped = (): void => {
    this.subscribedHere = false;
    this.phoneFollows = false;
    this.messagesVersion++;
    this.keypadVersion++;
  };

  private readonly onMessagesStatus = (event: CustomEvent<boolean>): void => {
    this.phoneFollows = event.detail;
  };

  /** The office: live while the ticket is, else as read once. */
  private get office(): OfficeInfo | undefined {
    return this.queue.state.office ?? this.officeRead;
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  private renderBody() {
    if (this.notFound) {
      return html`<section class="notice" role="alert" data-testid="ticket-not-found">
        <div class="mark" aria-hidden="true">?</div>
        <h1>${this.t('ticketNotFound')}</h1>
        <p>${this.t('ticketNotFoundHint')}</p>
      </section>`;
    }
    const ticket = this.ticket;
    if (!ticket) {
      return this.error
        ? html`<section class="notice" role="alert">
            <h1>${this.t(this.error.key)}</h1>
            <p>${this.t('tryAgain')}</p>
          </section>`
        : html`<section class="notice" role="status"><p>${this.t('loading')}</p></section>`;
    }
    const catalog = this.queue.state.catalog;
    const services = this.services ?? (catalog.length > 0 ? catalog : undefined);
    const service = services?.find((s) => s.code === ticket.service);
    // Until the names arrive the line stays empty (no code flashing by); if they never do, the code.
    const serviceName = service
      ? service.names[this.language]
      : services || this.servicesFailed
        ? ticket.service
        : '';
    return html`<kiosk-ticket-status
        .ticket=${ticket}
        .serviceName=${serviceName}
        language=${this.language}
        .timeZone=${this.params.timeZone ?? DEFAULT_TIME_ZONE}
      ></kiosk-ticket-status>
      ${
        FINAL_STATUSES.includes(ticket.status)
          ? nothing
          : html`${
                this.phoneFollows && !this.subscribedHere
                  ? nothing
                  : keyed(
                      this.keypadVersion,
                      html`<kiosk-sms-keypad
                        compact
                        .ticketId=${ticket.id}
                        .holderKey=${this.holderKey}
                        language=${this.language}
                        @kiosk-sms-subscribed=${this.onSubscribed}
                      ></kiosk-sms-keypad>`,
                    )
              }
              <kiosk-ticket-messages
                .ticketId=${ticket.id}
                .holderKey=${this.holderKey}
                .version=${this.messagesVersion}
                .phoneShown=${this.subscribedHere}
                language=${this.language}
                @kiosk-messages-stopped=${this.onMessagesStopped}
                @kiosk-messages-status=${this.onMessagesStatus}
              ></kiosk-ticket-messages>`
      }`;
  }

  override render() {
    const following = this.ticket !== undefined && !FINAL_STATUSES.includes(this.ticket.status);
    const office = this.office?.names[this.language]; // as the kiosk's header
    return html`<header>
        <p class="brand" data-testid="ticket-brand">
          ${this.t('appName')}${office ? ` · ${office}` : ''}
        </p>
      </header>
      <main>${this.renderBody()}</main>
      <footer>
        <nb-language-switch
          language=${this.language}
          .languages=${offeredLanguages(this.office?.languages)}
          label=${this.t('languageLabel')}
          @nb-language-change=${this.onLanguageChange}
        ></nb-language-switch>
      </footer>
      ${
        following
          ? html`<nb-connection-mark
              ?connected=${this.queue.state.connected}
              label=${this.t('connectionLost')}
            ></nb-connection-mark>`
          : nothing
      }`;
  }
}

/** Whether the socket's copy of a ticket says something the page does not show yet. */
function changedOnTheWire(shown: Ticket, pushed: Ticket): boolean {
  return (
    shown.status !== pushed.status ||
    shown.counter !== pushed.counter ||
    shown.calledAt !== pushed.calledAt ||
    shown.recalls !== pushed.recalls
  );
}

customElements.define('kiosk-ticket-page', KioskTicketPage);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-ticket-page': KioskTicketPage;
  }
}
