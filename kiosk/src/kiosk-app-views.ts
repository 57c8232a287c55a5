/**
 * Parts of the kiosk's screen as plain template functions (kiosk-app.ts keeps the state): the
 * failure banner, the closed-office notice, the footer with its entry buttons, and the overlays.
 * They render inside the app's shadow root, so kiosk-app-styles.ts styles them.
 */
import { html, nothing } from 'lit';
import type { Language, OfficeInfo, Service, ServiceLoad } from '../../server/protocol';
import { isOpenAt, nextOpening, WEEKDAYS } from '../../server/protocol/opening-hours';
import type { MessageKey } from '../../ui/i18n';
import '../../ui/nb-language-switch';
import type { LanguageChangeDetail } from '../../ui/nb-language-switch';
import { icon } from './kiosk-icons';
import type { Failure } from './kiosk-failure';
import './kiosk-home';
import type { ServiceSelectDetail } from './kiosk-service-tile';

/** A message lookup in the kiosk's current language. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The red banner of a failed request, with "try again" when it may be sent again. */
export function failureView(
  t: Translate,
  failure: Failure,
  on: { retry: () => void; dismiss: () => void },
) {
  return html`<div class="failure" role="alert" data-testid="kiosk-error">
    <div>
      ${t(failure.message, failure.params)}
      ${failure.detail ? html`<small>${t(failure.detail.key, failure.detail.params)}</small>` : nothing}
    </div>
    ${
      failure.retry
        ? html`<button type="button" data-testid="kiosk-retry" @click=${on.retry}>
            ${t('tryAgain')}
          </button>`
        : html`<button type="button" @click=${on.dismiss}>${t('dismiss')}</button>`
    }
  </div>`;
}

export interface HomeInput {
  ready: boolean;
  catalog: readonly Service[];
  loads: readonly ServiceLoad[];
  office: OfficeInfo | undefined;
  /** The office's time now (the server's clock). */
  now: Date;
  language: Language;
  disabled: boolean;
}

/** The home screen: the service tiles, or why there are none (loading, none, closed). */
export function homeView(
  t: Translate,
  input: HomeInput,
  select: (event: CustomEvent<ServiceSelectDetail>) => void,
) {
  if (!input.ready) return html`<p class="notice">${t('loading')}</p>`;
  if (input.catalog.length === 0) return html`<p class="notice">${t('noServices')}</p>`;
  const { office, now } = input;
  if (office && !isOpenAt(office.openingHours, now, office.timeZone)) {
    // The screen's main message: closed, and when it opens (large, not a grey line).
    return closedView(t, office, now);
  }
  return html`<kiosk-home
    .services=${input.catalog}
    .loads=${input.loads}
    language=${input.language}
    ?disabled=${input.disabled}
    @kiosk-service-select=${select}
  ></kiosk-home>`;
}

/** The screen's main message when the office is closed, and when it opens. */
function closedView(t: Translate, office: OfficeInfo, now: Date) {
  return html`<div class="office-closed" role="status" data-testid="kiosk-office-closed">
    <p class="closed-title">${t('kioskOfficeClosed')}</p>
    <p class="closed-opens">${opensText(t, office, now)}</p>
  </div>`;
}

function opensText(t: Translate, office: OfficeInfo, now: Date): string {
  const next = nextOpening(office.openingHours, now, office.timeZone);
  if (!next) return '';
  if (next.today) return t('kioskOpensToday', { time: next.open });
  // The catalogue lists weekdays Sunday first.
  const index = (WEEKDAYS.indexOf(next.weekday) + 1) % 7;
  const weekday = t('weekdays').split(',')[index] ?? next.weekday;
  return t('kioskOpensOn', { weekday, time: next.open });
}

export interface FooterInput {
  language: Language;
  /** The office's languages: the switch offers these. */
  languages: readonly Language[];
  lowReach: boolean;
  /** Show "I already have a case" (at home, the pickup service open). */
  haveCase: boolean;
  /** Show "I have a booking" (at home). */
  haveBooking: boolean;
  disabled: boolean;
}

export interface FooterHandlers {
  haveCase: () => void;
  haveBooking: () => void;
  language: (event: CustomEvent<LanguageChangeDetail>) => void;
  lowReach: () => void;
}

/** The footer: the entries besides the services, the language switch and the low-reach toggle. */
export function footerView(t: Translate, input: FooterInput, on: FooterHandlers) {
  const entries = (input.haveCase ? 1 : 0) + (input.haveBooking ? 1 : 0);
  return html`<footer class=${['none', '', 'two'][entries]!}>
    ${
      input.haveCase
        ? html`<button
            type="button"
            class="case"
            data-testid="have-case"
            ?disabled=${input.disabled}
            @click=${on.haveCase}
          >
            ${icon('folder', 52)}
            <span>${t('kioskHaveCase')}<small>${t('kioskHaveCaseHint')}</small></span>
          </button>`
        : nothing
    }
    ${
      input.haveBooking
        ? html`<button
            type="button"
            class=${input.haveCase ? 'case booking' : 'case'}
            data-testid="have-booking"
            ?disabled=${input.disabled}
            @click=${on.haveBooking}
          >
            ${icon('calendar', 52)}
            <span>${t('kioskHaveBooking')}<small>${t('kioskHaveBookingHint')}</small></span>
          </button>`
        : nothing
    }
    <nb-language-switch
      language=${input.language}
      .languages=${input.languages}
      label=${t('languageLabel')}
      @nb-language-change=${on.language}
    ></nb-language-switch>
    <button
      type="button"
      class="reach"
      data-testid="low-reach"
      aria-pressed=${input.lowReach ? 'true' : 'false'}
      @click=${on.lowReach}
    >
      ${icon('wheelchair', 44)}<span>${t('kioskLowReach')}</span>
    </button>
  </footer>`;
}

/** The kiosk's title, with the office's name (and the hint at home). */
export function headerView(t: Translate, officeName: string | undefined, home: boolean) {
  return html`<header>
    <p class="brand">${t('appName')}${officeName ? html` · ${officeName}` : nothing}</p>
    <h1>${t('kioskTitle')}</h1>
    ${home ? html`<p class="hint">${t('kioskHint')}</p>` : nothing}
  </header>`;
}

/** Said above every step but the ticket while the kiosk's printer is offline. */
export function printerOfflineView(t: Translate) {
  return html`<p class="printer" role="status" data-testid="printer-offline">
    ${t('kioskPrinterOffline')}
  </p>`;
}

/** "Issuing…" over everything while a request is out. */
export function busyOverlay(t: Translate) {
  return html`<div class="overlay" role="status" data-testid="kiosk-busy">
    <p>${t('issuing')}</p>
  </div>`;
}

/** "Please wait" while the kiosk has no connection (and why, when it is not paired). */
export function offlineOverlay(t: Translate, unpairedKiosk: string | undefined) {
  return html`<div class="overlay calm" role="status" data-testid="kiosk-offline">
    <p>
      <strong>${t('kioskOfflineTitle')}</strong>
      <span>${t('kioskOfflineHint')}</span>
      ${
        unpairedKiosk !== undefined
          ? html`<small data-testid="device-unpaired"
              >${t('deviceNotPaired', { device: unpairedKiosk })}</small
            >`
          : nothing
      }
    </p>
  </div>`;
}

/** This year in the office's zone, and the one before (a case opened in December). */
export function caseYears(now: Date, timeZone: string | undefined): number[] {
  const year = Number(
    new Intl.DateTimeFormat('en', {
      year: 'numeric',
      ...(timeZone ? { timeZone } : {}),
    }).format(now),
  );
  return [year, year - 1];
}

/** The whole screen's one message (no office in the address, an unknown one), in its layout. */
export function noticeView(t: Translate, text: string) {
  return html`<div class="screen">
    ${headerView(t, undefined, false)}
    <div class="controls">
      <main><p class="notice" role="alert" data-testid="page-notice">${text}</p></main>
    </div>
  </div>`;
}
