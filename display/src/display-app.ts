/** The hall display: latest call very large, previous calls, waiting per service, the office clock. */
import { LitElement, css, html, type PropertyValues } from 'lit';
import type { Language, Service } from '../../server/protocol';
import { Namespace } from '../../server/protocol/events';
import { fetchServices } from '../../ui/api';
import { ClockController } from '../../ui/clock-controller';
import { DEFAULT_TIME_ZONE, formatClock, formatDate } from '../../ui/format';
import { DEFAULT_LANGUAGE, translate, type MessageKey } from '../../ui/i18n';
import { readPageParams } from '../../ui/page-params';
import { QueueController } from '../../ui/queue-controller';
import { base, tokens } from '../../ui/theme';
import '../../ui/nb-connection-mark';
import './display-latest-call';
import './display-recent-calls';
import './display-waiting-list';

const SERVICES_REFRESH_MS = 60_000;
const SERVICES_RETRY_MS = 10_000;
const PREVIOUS_CALLS = 6;

/** The display page's root element. */
export class DisplayApp extends LitElement {
  static override styles = [
    tokens,
    base,
    css`
      :host {
        display: grid;
        grid-template-rows: auto 1fr;
        height: 100vh;
        overflow: hidden;
        background: #0b1422;
        color: #fff;
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        padding: 1.6vh 4vh;
        background: var(--nb-primary);
      }
      .brand {
        margin: 0;
        font-size: 4.4vh;
        font-weight: 800;
        letter-spacing: 0.14em;
        text-transform: uppercase;
      }
      .time {
        display: flex;
        align-items: baseline;
        gap: 3vh;
      }
      .date {
        font-size: 3vh;
        font-weight: 500;
        opacity: 0.95;
      }
      .clock {
        font-size: 6.4vh;
        font-weight: 800;
      }
      main {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 0.52fr);
        gap: 4vh;
        padding: 3vh 4vh 4vh;
        min-height: 0;
      }
      section,
      aside {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      h1,
      h2 {
        margin: 0 0 1.6vh;
        font-size: 3.4vh;
        font-weight: 700;
        color: #c9d6e8;
        text-transform: uppercase;
        letter-spacing: 0.08em;
      }
      h2.previous {
        margin-top: 3vh;
      }
      .latest {
        flex: 0 0 42vh;
      }
      display-latest-call {
        height: 100%;
      }
      display-recent-calls {
        flex: 1;
        min-height: 0;
      }
      display-waiting-list {
        flex: 1;
        min-height: 0;
        overflow: hidden;
      }
      .notice {
        font-size: 5vh;
        padding: 10vh;
        text-align: center;
      }
    `,
  ];

  static override properties = {
    services: { state: true },
  };

  private readonly params = readPageParams();
  private readonly queue = new QueueController(
    this,
    this.params.office
      ? { namespace: Namespace.display, auth: { office: this.params.office } }
      : undefined,
  );
  private readonly clock = new ClockController(this);

  declare private services: Service[];
  private readonly language: Language = this.params.language ?? DEFAULT_LANGUAGE;
  private readonly timeZone = this.params.timeZone ?? DEFAULT_TIME_ZONE;
  private refreshTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.services = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this.language;
    document.title = `${this.t('appName')} — ${this.t('nowCalling')}`;
    void this.loadServices();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.refreshTimer);
  }

  protected override willUpdate(_changed: PropertyValues): void {
    this.clock.offsetMs = this.queue.state.serverOffsetMs;
  }

  private async loadServices(): Promise<void> {
    clearTimeout(this.refreshTimer);
    const office = this.params.office;
    if (!office) return;
    let delay = SERVICES_REFRESH_MS;
    try {
      this.services = await fetchServices(office);
    } catch {
      // The hall screen keeps what it had and tries again; there is nobody to read an error.
      delay = SERVICES_RETRY_MS;
    }
    this.refreshTimer = setTimeout(() => void this.loadServices(), delay);
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  override render() {
    if (!this.params.office) {
      return html`<main><p class="notice" role="alert">${this.t('missingOffice')}</p></main>`;
    }
    const state = this.queue.state;
    const now = this.clock.now;
    const [latest, ...previous] = state.recentCalls;
    return html`<header>
        <p class="brand">${this.t('appName')}</p>
        <p class="time">
          <span class="date">${formatDate(now, this.timeZone, this.language)}</span>
          <time class="clock num" data-testid="clock">${formatClock(now, this.timeZone)}</time>
        </p>
      </header>
      <main>
        <section aria-labelledby="now-calling">
          <h1 id="now-calling">${this.t('nowCalling')}</h1>
          <div class="latest" aria-live="polite">
            <display-latest-call
              .ticket=${latest}
              .flashKey=${state.lastCall?.seq ?? 0}
              language=${this.language}
            ></display-latest-call>
          </div>
          <h2 class="previous">${this.t('previousCalls')}</h2>
          <display-recent-calls
            .tickets=${previous}
            .slots=${PREVIOUS_CALLS}
            language=${this.language}
          ></display-recent-calls>
        </section>
        <aside aria-labelledby="waiting">
          <h2 id="waiting">${this.t('waitingHeading')}</h2>
          <display-waiting-list
            .services=${this.services}
            .loads=${state.services}
            language=${this.language}
          ></display-waiting-list>
        </aside>
      </main>
      <nb-connection-mark
        ?connected=${state.connected}
        label=${this.t('connectionLost')}
      ></nb-connection-mark>`;
  }
}

customElements.define('display-app', DisplayApp);

declare global {
  interface HTMLElementTagNameMap {
    'display-app': DisplayApp;
  }
}
