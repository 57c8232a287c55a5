/**
 * The hall display: the latest call very large, previous calls, the windows, waiting per service, the
 * office's clock and ticker; every new call flashes and is announced (chime, Tajik, Russian). Nobody
 * touches it: it follows the live queue, reconnects by itself and never needs a login.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Language, Ticket } from '../../server/protocol';
import { Namespace } from '../../server/protocol/events';
import { secondLanguage } from '../../server/protocol/second-language';
import { ClockController } from '../../ui/clock-controller';
import { DEFAULT_TIME_ZONE, formatClock, formatDate } from '../../ui/format';
import { DEFAULT_LANGUAGE, translate, type MessageKey } from '../../ui/i18n';
import { readDeviceToken } from '../../ui/device-token';
import { officeNotice, readPageParams } from '../../ui/page-params';
import { QueueController } from '../../ui/queue-controller';
import { isCurrentCall, newestFirst, nowCalling } from '../../ui/queue-store';
import { AnnouncementController } from './announcement-controller';
import { displayAppStyles } from './display-app-styles';
import { readSoundSettings } from './sound-settings';
import '../../ui/nb-connection-mark';
import './display-latest-call';
import './display-recent-calls';
import './display-ticker';
import type { WaitingPageDetail } from './display-waiting-list';
import './display-waiting-list';
import './display-windows';

const PREVIOUS_CALLS = 6;
/** Calls older than this that arrive late (after an outage) are shown but not announced any more. */
const ANNOUNCE_WITHIN_MS = 2 * 60_000;

/** A call or recall of one ticket at one window: a recall is a new call. */
function callKey(ticket: Ticket): string {
  return `${ticket.id}|${ticket.recalls}|${ticket.counter ?? ''}|${ticket.calledAt ?? ''}`;
}

/** The display page's root element. */
export class DisplayApp extends LitElement {
  static override styles = displayAppStyles;

  static override properties = { waitingPage: { state: true } };

  private readonly params = readPageParams();
  private readonly device = readDeviceToken(this.params.office);
  private readonly queue = new QueueController(
    this,
    this.params.office
      ? {
          namespace: Namespace.display,
          auth: { office: this.params.office, ...(this.device ? { device: this.device } : {}) },
        }
      : undefined,
  );
  private readonly clock = new ClockController(this);
  private readonly sound = readSoundSettings();
  private readonly announcer = new AnnouncementController(this, this.sound);

  private readonly language: Language = this.params.language ?? DEFAULT_LANGUAGE;
  /** Calls already shown when the page learnt of them, or already announced. */
  private heard = new Set<string>();
  private primed = false;
  /** The page of services on screen when they take turns ("1/2" by the heading). */
  declare private waitingPage: WaitingPageDetail;

  constructor() {
    super();
    this.waitingPage = { page: 1, pages: 1 };
  }

  private readonly onWaitingPage = (event: CustomEvent<WaitingPageDetail>): void => {
    this.waitingPage = event.detail;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this.language;
    document.title = `${this.t('appName')} — ${this.t('nowCalling')}`;
  }

  protected override willUpdate(_changed: PropertyValues): void {
    this.clock.offsetMs = this.queue.state.serverOffsetMs;
    this.announceNewCalls();
    // A call served, transferred or sent to a window that paused before its turn is not announced.
    const state = this.queue.state;
    this.announcer.dropWhere((r) => {
      const call = this.callOf(r.ticket, r.window);
      return !call || !isCurrentCall(call, state.counters);
    });
  }

  /** The listed call of `number` at `window`, as the queue reports it now. */
  private callOf(number: string, window: string): Ticket | undefined {
    return this.queue.state.recentCalls.find((t) => t.number === number && t.counter === window);
  }

  /**
   * What the hall reads: the big panel shows the call being announced (while one is), else the latest
   * call that is still true; calls waiting for their announcement are the "next" strip; the rest of
   * the day's calls are the previous ones.
   */
  private hallView(): { current?: Ticket; next: Ticket[]; previous: Ticket[] } {
    const state = this.queue.state;
    const speaking = this.announcer.current;
    const announced = speaking ? this.callOf(speaking.ticket, speaking.window) : undefined;
    const current =
      announced && isCurrentCall(announced, state.counters) ? announced : nowCalling(state);
    const next = this.announcer.queued
      .map((r) => this.callOf(r.ticket, r.window))
      .filter((t): t is Ticket => t !== undefined && t !== current);
    const previous = newestFirst(state.recentCalls).filter(
      (t) => t !== current && !next.includes(t),
    );
    return { current, next, previous };
  }

  /**
   * Announces every call the page has not heard of yet, oldest first — several may arrive in one
   * update (a resync after a gap); the calls known at the first snapshot are history, not news.
   */
  private announceNewCalls(): void {
    const state = this.queue.state;
    if (!state.ready) return;
    const calls = new Map(state.recentCalls.map((t) => [callKey(t), t]));
    if (this.primed) {
      const now = Date.now() + state.serverOffsetMs;
      const fresh = [...calls]
        .filter(([key]) => !this.heard.has(key))
        .map(([, ticket]) => ticket)
        .filter((t) => t.counter && t.calledAt && now - Date.parse(t.calledAt) < ANNOUNCE_WITHIN_MS)
        .sort((a, b) => (a.calledAt ?? '').localeCompare(b.calledAt ?? ''));
      for (const t of fresh) this.announcer.announce(t.number, t.counter ?? '');
    }
    this.primed = true;
    // Only what is still listed is remembered: the set stays as small as the list.
    this.heard = new Set(calls.keys());
  }

  /** "1/2" and a dot per page while the services take turns; nothing when they fit at once. */
  private pageMark() {
    const { page, pages } = this.waitingPage;
    if (pages <= 1) return nothing;
    const label = this.t('displayServicesPage', { page, pages });
    return html`<span class="page-mark"
      ><span class="sr-only">${label}</span
      ><span class="page-dots" aria-hidden="true"
        >${Array.from(
          { length: pages },
          (_, i) => html`<span class=${i + 1 === page ? 'dot on' : 'dot'}></span>`,
        )}</span
      ><span class="num" data-testid="waiting-page" aria-hidden="true">${page}/${pages}</span></span
    >`;
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  /** The office's name, and its date and clock (with a word when the sound is off). */
  private renderHeader(timeZone: string) {
    const office = this.queue.state.office;
    const now = this.clock.now;
    return html`<header>
      <p class="brand">
        <span class="app-name">${this.t('appName')}</span>
        ${office ? html`<span class="office">${office.names[this.language]}</span>` : nothing}
      </p>
      <p class="time">
        <nb-connection-mark
          ?connected=${this.queue.state.connected}
          label=${this.t(
            this.queue.state.refused === 'unauthorized' ? 'displayNotPaired' : 'connectionLost',
          )}
        ></nb-connection-mark>
        ${this.sound.enabled ? nothing : html`<span class="muted">${this.t('displaySoundOff')}</span>`}
        <span class="date" data-testid="date">${formatDate(now, timeZone, this.language)}</span>
        <time class="clock num" data-testid="clock">${formatClock(now, timeZone)}</time>
      </p>
    </header>`;
  }

  /** A call still waiting for its announcement: read out whole, shown as `A-012 → 3`. */
  private renderNextCall(t: Ticket) {
    return html`<span class="next-call num"
      ><span class="sr-only"
        >${this.t('goToWindow', { ticket: t.number, window: t.counter ?? '' })}</span
      ><span aria-hidden="true">${t.number} → ${t.counter ?? ''}</span></span
    >`;
  }

  private renderTicker(text: string) {
    return html`<display-ticker text=${text} label=${this.t('displayTicker')}></display-ticker>`;
  }

  override render() {
    const notice = officeNotice(this.language, this.params.office, this.queue.state.refused);
    if (notice) return html`<p class="notice" role="alert" data-testid="page-notice">${notice}</p>`;
    const state = this.queue.state;
    const office = state.office;
    const timeZone = this.params.timeZone ?? office?.timeZone ?? DEFAULT_TIME_ZONE;
    const { current, next, previous } = this.hallView();
    const flashKey = this.sound.enabled ? this.announcer.started : (state.lastCall?.seq ?? 0);
    return html`${this.renderHeader(timeZone)}
      <main class=${state.catalog.length > 12 ? 'many' : ''}>
        <section aria-labelledby="now-calling">
          <h1 id="now-calling">${this.t('nowCalling')}</h1>
          <div class="latest" aria-live="polite">
            <display-latest-call
              .ticket=${current}
              .anyCalls=${state.recentCalls.length > 0}
              .flashKey=${flashKey}
              language=${this.language}
              secondLanguage=${secondLanguage(this.language)}
            ></display-latest-call>
          </div>
          <p class="next" data-testid="next-calls" ?hidden=${next.length === 0}>
            <span class="next-label">${this.t('displayNextCalls')}</span>
            ${next.map((t) => this.renderNextCall(t))}
          </p>
          <h2 class="below">${this.t('previousCalls')}</h2>
          <display-recent-calls
            .tickets=${previous}
            .slots=${PREVIOUS_CALLS}
            language=${this.language}
          ></display-recent-calls>
        </section>
        <aside aria-labelledby="waiting">
          <h2 id="waiting" class="waiting-heading">
            <span>${this.t('waitingHeading')}</span>${this.pageMark()}
          </h2>
          <display-waiting-list
            @display-waiting-page=${this.onWaitingPage}
            .services=${state.catalog}
            .loads=${state.services}
            language=${this.language}
          ></display-waiting-list>
        </aside>
      </main>
      <section class="windows" aria-labelledby="windows">
        <h2 id="windows">${this.t('displayWindows')}</h2>
        <display-windows .counters=${state.counters} language=${this.language}></display-windows>
      </section>
      ${office?.ticker ? this.renderTicker(office.ticker) : nothing}`;
  }
}

customElements.define('display-app', DisplayApp);

declare global {
  interface HTMLElementTagNameMap {
    'display-app': DisplayApp;
  }
}
