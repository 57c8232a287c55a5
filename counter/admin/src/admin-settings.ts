/** Office settings (priorities, fairness, ticker, languages, hours, kiosk idle time) and the day close. */
import { html, nothing, type PropertyValues } from 'lit';
import type {
  AdminOfficeSettings,
  Language,
  Names,
  OfficeSettings,
  OpeningHours,
} from '../../../server/protocol';
import { LANGUAGES, isLanguage, translate } from '../../../ui/i18n';
import { fetchOffice } from '../../../ui/api';
import { closeDay, getSettings, saveSettings } from './admin-api';
import { formText, AdminTab } from './admin-tab';

// The same days as the protocol's `Weekdays` (not imported: it would bring zod into the page).
const Weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof Weekdays)[number];

function hoursText(hours: OpeningHours | null): string {
  if (!hours) return '';
  return Weekdays.flatMap((d) => {
    const h = hours[d];
    return h ? [`${d} ${h.open}-${h.close}`] : [];
  }).join('\n');
}

function parseHours(text: string): OpeningHours | null {
  const out: OpeningHours = {};
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(\w{3})\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(line);
    const day = m?.[1]?.toLowerCase() as Weekday | undefined;
    if (m && day && (Weekdays as readonly string[]).includes(day)) {
      out[day] = { open: m[2] ?? '', close: m[3] ?? '' };
    } else {
      // Sent as it is: the server names the line's field in its answer.
      out[line.slice(0, 3) as Weekday] = { open: line, close: line };
    }
  }
  return Object.keys(out).length ? out : null;
}

function prioritiesText(list: AdminOfficeSettings['priorities']): string {
  return list
    .map((p) => [p.code, p.names.tg, p.names.ru, p.names.uz, p.names.en].join('; '))
    .join('\n');
}

function parsePriorities(text: string): Array<{ code: string; names: Names }> {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [code = '', tg = '', ru = '', uz = '', en = ''] = line.split(';').map((s) => s.trim());
      return { code, names: { tg, ru, uz, en } };
    });
}

/** The Settings section. */
export class AdminSettings extends AdminTab {
  static override properties = {
    ...AdminTab.properties,
    settings: { state: true },
    link: { state: true },
  };

  declare private settings: AdminOfficeSettings | undefined;
  /** Where phones reach the server, and whether PUBLIC_URL set it. */
  declare private link: { url: string; configured: boolean } | undefined;

  constructor() {
    super();
    this.settings = undefined;
    this.link = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load();
  }

  private async load(): Promise<void> {
    await this.run(async (c) => {
      const [settings, office] = await Promise.all([getSettings(c), fetchOffice(c.office)]);
      this.settings = settings;
      this.link =
        office.publicUrl === undefined
          ? undefined
          : { url: office.publicUrl, configured: office.publicUrlConfigured === true };
    });
  }

  private readonly onSave = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (k: string) => formText(data, k);
    const body: OfficeSettings = {
      ticker: text('ticker').trim() || null,
      fairnessN: Number(text('fairness')),
      kioskIdleSeconds: Number(text('idle')),
      maxRecalls: Number(text('recalls')),
      languages: data.getAll('language').map(String).filter(isLanguage),
      openingHours: parseHours(text('hours')),
      priorities: parsePriorities(text('priorities')),
      requireDevices: data.get('requireDevices') === 'on',
      priorityByClerk: data.get('priorityByClerk') === 'on',
    };
    // Switching it on cuts off every kiosk and display not paired yet: asked first.
    if (body.requireDevices && !this.settings?.requireDevices) {
      if (!window.confirm(this.t('adminRequireDevicesConfirm'))) return;
    }
    void this.run(async (c) => {
      this.settings = await saveSettings(c, body);
    }, this.t('adminSaved'));
  };

  private readonly onCloseDay = (): void => {
    if (!window.confirm(this.t('adminCloseDayConfirm'))) return;
    void this.run(async (c) => {
      const result = await closeDay(c);
      this.notice = this.t('adminDayClosed', { n: result.expired });
    });
  };

  private renderLink() {
    const link = this.link;
    if (!link) return nothing;
    return link.configured
      ? html`<p class="note ok" data-testid="public-url">
          ${this.t('adminPublicUrl', { url: link.url })}
        </p>`
      : html`<p class="note error" role="alert" data-testid="public-url">
          ${this.t('adminPublicUrlUnset', { url: link.url })}
        </p>`;
  }

  override render() {
    const s = this.settings;
    return html`
      ${this.notes()}
      <section class="card" aria-labelledby="set-h">
        <h2 id="set-h">${this.t('adminTabSettings')}</h2>
        ${this.renderLink()}
        ${
          s
            ? html`<form class="grid" @submit=${this.onSave}>
                <label style="flex-basis:100%"
                  >${this.t('adminTicker')} <input name="ticker" .value=${s.ticker ?? ''}
                /></label>
                <label
                  >${this.t('adminFairness')}
                  <input
                    name="fairness"
                    type="number"
                    min="1"
                    max="50"
                    .value=${String(s.fairnessN)}
                /></label>
                <label
                  >${this.t('adminIdle')}
                  <input
                    name="idle"
                    type="number"
                    min="5"
                    max="3600"
                    .value=${String(s.kioskIdleSeconds)}
                /></label>
                <label
                  >${this.t('adminMaxRecalls')}
                  <input
                    name="recalls"
                    type="number"
                    min="0"
                    max="20"
                    .value=${String(s.maxRecalls)}
                /></label>
                <fieldset>
                  <legend>${this.t('adminLanguages')}</legend>
                  ${LANGUAGES.map(
                    (l: Language) =>
                      html`<label class="inline"
                        ><input
                          type="checkbox"
                          name="language"
                          value=${l}
                          .checked=${s.languages.includes(l)}
                        />${translate(l, 'languageName')}</label
                      >`,
                  )}
                </fieldset>
                <label
                  >${this.t('adminOpeningHours')}
                  <textarea name="hours" .value=${hoursText(s.openingHours)}></textarea>
                </label>
                <label
                  >${this.t('adminPriorities')}
                  <textarea name="priorities" .value=${prioritiesText(s.priorities)}></textarea>
                </label>
                <label class="inline" style="flex-basis:100%"
                  ><input
                    type="checkbox"
                    name="requireDevices"
                    .checked=${s.requireDevices}
                  />${this.t('adminRequireDevices')}</label
                >
                <label class="inline" style="flex-basis:100%"
                  ><input
                    type="checkbox"
                    name="priorityByClerk"
                    .checked=${s.priorityByClerk}
                  />${this.t('adminPriorityByClerk')}</label
                >
                <button type="submit" ?disabled=${this.busy}>${this.t('adminSave')}</button>
              </form>`
            : nothing
        }
      </section>
      <section class="card" aria-labelledby="day-h">
        <h2 id="day-h">${this.t('adminDay')}</h2>
        <p>${this.t('adminCloseDayHint')}</p>
        <button type="button" class="danger" ?disabled=${this.busy} @click=${this.onCloseDay}>
          ${this.t('adminCloseDay')}
        </button>
      </section>
    `;
  }
}

customElements.define('counter-admin-settings', AdminSettings);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-settings': AdminSettings;
  }
}
