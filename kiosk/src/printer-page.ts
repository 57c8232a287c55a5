/**
 * The built-in virtual printer's paper (`printer.html?office=kulob&kiosk=K1`), for offices and
 * demos without a thermal printer: the kiosk's last tickets as printed, newest first.
 */
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Language } from '../../server/protocol';
import { fetchPaper, paperImageUrl, type PaperJob } from '../../ui/api';
import { toShownError, type ShownError } from '../../ui/errors';
import { DEFAULT_TIME_ZONE, formatClock } from '../../ui/format';
import { DEFAULT_LANGUAGE, translate, type MessageKey } from '../../ui/i18n';
import { readPageParams } from '../../ui/page-params';
import { base, tokens } from '../../ui/theme';
import '../../ui/nb-language-switch';
import type { LanguageChangeDetail } from '../../ui/nb-language-switch';

const REFRESH_MS = 3_000;
/** Lines of a sheet that name it for a screen reader. */
const ALT_LINES = 5;
/** On-screen pixels per millimetre of paper: about life size, and half the PNG's pixels. */
const PX_PER_MM = 3.8;
/** Lines that say nothing to a listener: rules, and the QR code's placeholder. */
const SILENT_LINE = /^(?:[-=_*.\s]+|\[QR .*\])$/;

/** The paper preview page's root element. */
export class KioskPrinterPage extends LitElement {
  static override styles = [
    tokens,
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
        background: var(--nb-bg);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 16px 32px;
        padding: 20px clamp(16px, 4vw, 40px);
        background: var(--nb-primary);
        color: var(--nb-primary-ink);
      }
      .brand {
        margin: 0 0 4px;
        font-size: 15px;
        font-weight: 700;
        letter-spacing: 0.16em;
        text-transform: uppercase;
      }
      h1 {
        margin: 0;
        font-size: 30px;
        line-height: 1.15;
      }
      .subtitle {
        margin: 6px 0 0;
        font-size: 17px;
      }
      nb-language-switch {
        --nb-switch-min-width: 0;
        --nb-switch-font-size: 16px;
        --nb-switch-padding: 0 16px;
        --nb-switch-min-height: 48px;
      }
      main {
        flex: 1;
        padding: 28px clamp(16px, 4vw, 40px) 40px;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        align-items: flex-start;
        gap: 32px 28px;
      }
      figure {
        margin: 0;
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 10px;
      }
      .sheet {
        border-radius: 6px;
        overflow: hidden;
        box-shadow:
          0 1px 2px rgb(15 27 45 / 12%),
          0 8px 24px rgb(15 27 45 / 14%);
      }
      .sheet img {
        display: block;
        width: 100%;
        height: auto;
      }
      li:first-child .sheet {
        outline: 3px solid var(--nb-gold);
        outline-offset: 6px;
      }
      figcaption {
        font-size: 16px;
        font-weight: 600;
        color: var(--nb-muted);
      }
      .notice {
        max-width: 640px;
        margin: 40px auto;
        padding: 28px 24px;
        border-radius: var(--nb-radius);
        background: var(--nb-surface);
        box-shadow: var(--nb-shadow);
        font-size: 20px;
        line-height: 1.4;
        text-align: center;
        color: var(--nb-muted);
      }
      .notice.error {
        color: var(--nb-danger);
        background: var(--nb-danger-soft);
      }
    `,
  ];

  static override properties = {
    language: { state: true },
    jobs: { state: true },
    error: { state: true },
  };

  private readonly params = readPageParams();

  declare private language: Language;
  declare private jobs: readonly PaperJob[] | undefined;
  declare private error: ShownError | undefined;
  private signature = '';
  private timer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.language = this.params.language ?? DEFAULT_LANGUAGE;
    this.jobs = undefined;
    this.error = undefined;
  }

  private get timeZone(): string {
    return this.params.timeZone ?? DEFAULT_TIME_ZONE;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override willUpdate(): void {
    document.documentElement.lang = this.language;
    document.title = `${this.t('printerTitle')} — ${this.t('appName')}`;
  }

  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    const { office, kiosk } = this.params;
    if (!office || !kiosk) return;
    try {
      const jobs = await fetchPaper(office, kiosk);
      // Same sheets, same page: the images are not reloaded and the page does not flicker.
      const signature = jobs.map((j) => `${j.index}@${j.at}`).join(',');
      if (signature !== this.signature || !this.jobs) {
        this.signature = signature;
        this.jobs = jobs;
      }
      this.error = undefined;
    } catch (error) {
      this.error = toShownError(error);
    }
    if (this.isConnected) this.timer = setTimeout(() => void this.refresh(), REFRESH_MS);
  }

  private readonly onLanguageChange = (event: CustomEvent<LanguageChangeDetail>): void => {
    this.language = event.detail.language;
  };

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  private renderJob(office: string, kiosk: string, job: PaperJob) {
    const text = job.lines
      .map((line) => line.trim())
      .filter((line) => line !== '' && !SILENT_LINE.test(line))
      .slice(0, ALT_LINES)
      .join(' · ');
    return html`<li>
      <figure data-testid="paper-job">
        <div class="sheet" style=${styleMap({ width: `${Math.round(job.width * PX_PER_MM)}px` })}>
          <img
            src=${paperImageUrl(office, kiosk, job)}
            alt=${this.t('paperAlt', { text })}
            loading="lazy"
            decoding="async"
          />
        </div>
        <figcaption class="num">
          ${this.t('printedAt', { time: formatClock(new Date(job.at), this.timeZone) })}
        </figcaption>
      </figure>
    </li>`;
  }

  private renderBody(office: string, kiosk: string) {
    const jobs = this.jobs;
    if (!jobs) {
      return this.error
        ? html`<p class="notice error" role="alert">${this.t(this.error.key)}</p>`
        : html`<p class="notice" role="status">${this.t('loading')}</p>`;
    }
    return html`${
      this.error
        ? html`<p class="notice error" role="alert">${this.t(this.error.key)}</p>`
        : nothing
    }
    ${
      jobs.length === 0
        ? html`<p class="notice" data-testid="paper-empty">${this.t('printerEmpty')}</p>`
        : html`<ol aria-label=${this.t('printerTitle')}>
            ${repeat(
              jobs,
              (job) => `${job.index}@${job.at}`,
              (job) => this.renderJob(office, kiosk, job),
            )}
          </ol>`
    }`;
  }

  override render() {
    const { office, kiosk } = this.params;
    return html`<header>
        <div>
          <p class="brand">${this.t('appName')}</p>
          <h1>${this.t('printerTitle')}</h1>
          ${kiosk ? html`<p class="subtitle">${this.t('printerSubtitle', { kiosk })}</p>` : nothing}
        </div>
        <nb-language-switch
          language=${this.language}
          label=${this.t('languageLabel')}
          @nb-language-change=${this.onLanguageChange}
        ></nb-language-switch>
      </header>
      <main>
        ${
          !office
            ? html`<p class="notice" role="alert">${this.t('missingOffice')}</p>`
            : !kiosk
              ? html`<p class="notice" role="alert">${this.t('missingKiosk')}</p>`
              : this.renderBody(office, kiosk)
        }
      </main>`;
  }
}

customElements.define('kiosk-printer-page', KioskPrinterPage);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-printer-page': KioskPrinterPage;
  }
}
