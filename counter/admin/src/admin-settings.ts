/** Office settings (priorities, fairness, ticker, languages, hours, kiosk idle time) and the day close. */
import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type {
  AdminOfficeSettings,
  Language,
  Names,
  OfficeSettings,
  OpeningHours,
} from '../../../server/protocol';
import { WEEKDAYS, type Weekday } from '../../../server/protocol/opening-hours';
import { LANGUAGES, isLanguage, translate } from '../../../ui/i18n';
import { fetchOffice } from '../../../ui/api';
import { closeDay, getSettings, saveSettings } from './admin-api';
import { formText, namesOf, AdminTab } from './admin-tab';
import { weekdayName } from './audit-view';

/** One weekday row of the hours editor. */
interface DayRow {
  open: boolean;
  from: string;
  to: string;
}

/** One row of the priority table; `key` keeps an input's identity while rows move. */
interface PriorityRow {
  key: number;
  code: string;
  names: Names;
}

const CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

function dayRows(hours: OpeningHours | null): Record<Weekday, DayRow> {
  const rows = {} as Record<Weekday, DayRow>;
  for (const d of WEEKDAYS) {
    const h = hours?.[d];
    rows[d] = h
      ? { open: true, from: h.open, to: h.close }
      : { open: false, from: '08:00', to: '17:00' };
  }
  return rows;
}

/** The Settings section. */
export class AdminSettings extends AdminTab {
  static override properties = {
    ...AdminTab.properties,
    settings: { state: true },
    alwaysOpen: { state: true },
    days: { state: true },
    priorities: { state: true },
    invalid: { state: true },
    link: { state: true },
  };

  declare private settings: AdminOfficeSettings | undefined;
  /** No opening hours: the kiosk issues tickets at any hour. */
  declare private alwaysOpen: boolean;
  declare private days: Record<Weekday, DayRow>;
  declare private priorities: PriorityRow[];
  /** What the form refuses before sending, in the page's language. */
  declare private invalid: string[];
  /** Where phones reach the server, and whether PUBLIC_URL set it. */
  declare private link: { url: string; configured: boolean } | undefined;
  private nextKey = 1;

  constructor() {
    super();
    this.settings = undefined;
    this.alwaysOpen = true;
    this.days = dayRows(null);
    this.priorities = [];
    this.invalid = [];
    this.link = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load();
  }

  private async load(): Promise<void> {
    await this.run(async (c) => {
      const [settings, office] = await Promise.all([getSettings(c), fetchOffice(c.office)]);
      this.show(settings);
      this.link =
        office.publicUrl === undefined
          ? undefined
          : { url: office.publicUrl, configured: office.publicUrlConfigured === true };
    });
  }

  /** Puts saved settings into the editors. */
  private show(settings: AdminOfficeSettings): void {
    this.settings = settings;
    this.alwaysOpen = settings.openingHours === null;
    this.days = dayRows(settings.openingHours);
    this.priorities = settings.priorities.map((p) => ({ ...p, key: this.nextKey++ }));
  }

  private setDay(day: Weekday, change: Partial<DayRow>): void {
    this.days = { ...this.days, [day]: { ...this.days[day], ...change } };
  }

  private setPriority(index: number, change: Partial<PriorityRow>): void {
    this.priorities = this.priorities.map((p, i) => (i === index ? { ...p, ...change } : p));
  }

  private movePriority(index: number, by: -1 | 1): void {
    const list = [...this.priorities];
    const [row] = list.splice(index, 1);
    if (!row) return;
    list.splice(index + by, 0, row);
    this.priorities = list;
  }

  private readonly onAddPriority = (): void => {
    const empty: Names = { tg: '', ru: '', uz: '', en: '' };
    this.priorities = [...this.priorities, { key: this.nextKey++, code: '', names: empty }];
    void this.updateComplete.then(() =>
      this.renderRoot
        .querySelector<HTMLInputElement>('tbody.priorities tr:last-child input[name="p-code"]')
        ?.focus(),
    );
  };

  /** The hours as the API takes them, or the sentences that say what is wrong. */
  private hours(): { value: OpeningHours | null; problems: string[] } {
    if (this.alwaysOpen) return { value: null, problems: [] };
    const value: OpeningHours = {};
    const problems: string[] = [];
    for (const d of WEEKDAYS) {
      const row = this.days[d];
      if (!row.open) continue;
      if (!row.from || !row.to || row.from >= row.to) {
        problems.push(this.l10n.t('adminHoursInvalid', { day: weekdayName(this.language, d) }));
      }
      value[d] = { open: row.from, close: row.to };
    }
    if (Object.keys(value).length === 0) problems.push(this.l10n.t('adminHoursNoDay'));
    return { value, problems };
  }

  private priorityProblems(): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    this.priorities.forEach((p, i) => {
      const n = i + 1;
      if (!CODE_PATTERN.test(p.code) || p.code === 'none') {
        problems.push(this.l10n.t('adminPriorityCodeInvalid', { n }));
      } else if (seen.has(p.code)) {
        problems.push(this.l10n.t('adminPriorityCodeTaken', { n, code: p.code }));
      }
      seen.add(p.code);
      if (LANGUAGES.some((l) => !p.names[l].trim())) {
        problems.push(this.l10n.t('adminPriorityNamesMissing', { n }));
      }
    });
    return problems;
  }

  private readonly onSave = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (k: string) => formText(data, k);
    const hours = this.hours();
    this.invalid = [...hours.problems, ...this.priorityProblems()];
    if (this.invalid.length) return;
    const body: OfficeSettings = {
      ticker: text('ticker').trim() || null,
      fairnessN: Number(text('fairness')),
      kioskIdleSeconds: Number(text('idle')),
      maxRecalls: Number(text('recalls')),
      languages: data.getAll('language').map(String).filter(isLanguage),
      openingHours: hours.value,
      priorities: this.priorities.map((p) => ({
        code: p.code,
        names: namesOf((l) => p.names[l].trim()),
      })),
      requireDevices: data.get('requireDevices') === 'on',
      priorityByClerk: data.get('priorityByClerk') === 'on',
    };
    // Switching it on cuts off every kiosk and display not paired yet: asked first.
    if (body.requireDevices && !this.settings?.requireDevices) {
      if (!window.confirm(this.l10n.t('adminRequireDevicesConfirm'))) return;
    }
    void this.run(async (c) => {
      this.show(await saveSettings(c, body));
    }, this.l10n.t('adminSaved'));
  };

  private readonly onCloseDay = (): void => {
    if (!window.confirm(this.l10n.t('adminCloseDayConfirm'))) return;
    void this.run(async (c) => {
      const result = await closeDay(c);
      this.notice = this.l10n.t('adminDayClosed', { n: result.expired });
    });
  };

  private renderLink() {
    const link = this.link;
    if (!link) return nothing;
    return link.configured
      ? html`<p class="note ok" data-testid="public-url">
          ${this.l10n.t('adminPublicUrl', { url: link.url })}
        </p>`
      : html`<p class="note error" role="alert" data-testid="public-url">
          ${this.l10n.t('adminPublicUrlUnset', { url: link.url })}
        </p>`;
  }

  private renderHours() {
    return html`<fieldset class="hours">
      <legend>${this.l10n.t('adminOpeningHours')}</legend>
      <label class="inline" style="flex-basis:100%"
        ><input
          type="checkbox"
          name="alwaysOpen"
          .checked=${this.alwaysOpen}
          @change=${(e: Event) => (this.alwaysOpen = (e.target as HTMLInputElement).checked)}
        />${this.l10n.t('adminAlwaysOpen')}</label
      >
      ${
        this.alwaysOpen
          ? nothing
          : html`<table class="hours">
              <thead>
                <tr>
                  <th scope="col">${this.l10n.t('adminWeekday')}</th>
                  <th scope="col">${this.l10n.t('adminDayOpen')}</th>
                  <th scope="col">${this.l10n.t('adminOpensAt')}</th>
                  <th scope="col">${this.l10n.t('adminClosesAt')}</th>
                </tr>
              </thead>
              <tbody>
                ${WEEKDAYS.map((d) => {
                  const row = this.days[d];
                  const name = weekdayName(this.language, d);
                  return html`<tr data-day=${d}>
                    <th scope="row">${name}</th>
                    <td>
                      <input
                        type="checkbox"
                        name="day-open"
                        aria-label=${this.l10n.t('adminDayOpenOn', { day: name })}
                        .checked=${row.open}
                        @change=${(e: Event) =>
                          this.setDay(d, { open: (e.target as HTMLInputElement).checked })}
                      />
                    </td>
                    <td>
                      <input
                        type="time"
                        name="day-from"
                        aria-label=${`${name}: ${this.l10n.t('adminOpensAt')}`}
                        .value=${row.from}
                        ?disabled=${!row.open}
                        @change=${(e: Event) =>
                          this.setDay(d, { from: (e.target as HTMLInputElement).value })}
                      />
                    </td>
                    <td>
                      <input
                        type="time"
                        name="day-to"
                        aria-label=${`${name}: ${this.l10n.t('adminClosesAt')}`}
                        .value=${row.to}
                        ?disabled=${!row.open}
                        @change=${(e: Event) =>
                          this.setDay(d, { to: (e.target as HTMLInputElement).value })}
                      />
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>`
      }
    </fieldset>`;
  }

  private renderPriorities() {
    const last = this.priorities.length - 1;
    return html`<fieldset class="priorities">
      <legend>${this.l10n.t('adminPriorities')}</legend>
      <p class="muted" style="flex-basis:100%;margin:0">${this.l10n.t('adminPrioritiesHint')}</p>
      ${
        this.priorities.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">${this.l10n.t('adminPriorityCode')}</th>
                  ${LANGUAGES.map(
                    (l) => html`<th scope="col">${translate(l, 'languageName')}</th>`,
                  )}
                  <th scope="col"><span class="sr-only">${this.l10n.t('actions')}</span></th>
                </tr>
              </thead>
              <tbody class="priorities">
                ${repeat(
                  this.priorities,
                  (p) => p.key,
                  (p, i) => {
                    const n = i + 1;
                    return html`<tr data-code=${p.code}>
                      <td>
                        <input
                          name="p-code"
                          size="12"
                          aria-label=${this.l10n.t('adminPriorityCodeOf', { n })}
                          .value=${p.code}
                          @input=${(e: Event) =>
                            this.setPriority(i, {
                              code: (e.target as HTMLInputElement).value.trim(),
                            })}
                        />
                      </td>
                      ${LANGUAGES.map(
                        (l) =>
                          html`<td>
                            <input
                              name="p-name-${l}"
                              size="16"
                              lang=${l}
                              aria-label=${this.l10n.t('adminPriorityNameOf', {
                                n,
                                lang: translate(l, 'languageName'),
                              })}
                              .value=${p.names[l]}
                              @input=${(e: Event) =>
                                this.setPriority(i, {
                                  names: { ...p.names, [l]: (e.target as HTMLInputElement).value },
                                })}
                            />
                          </td>`,
                      )}
                      <td class="row-actions">
                        <button
                          type="button"
                          class="secondary"
                          aria-label=${this.l10n.t('adminMoveUp', { n })}
                          ?disabled=${i === 0}
                          @click=${() => this.movePriority(i, -1)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          class="secondary"
                          aria-label=${this.l10n.t('adminMoveDown', { n })}
                          ?disabled=${i === last}
                          @click=${() => this.movePriority(i, 1)}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          class="secondary"
                          aria-label=${this.l10n.t('adminRemoveRow', { n })}
                          @click=${() =>
                            (this.priorities = this.priorities.filter((_, k) => k !== i))}
                        >
                          ✕
                        </button>
                      </td>
                    </tr>`;
                  },
                )}
              </tbody>
            </table>`
          : html`<p class="muted">${this.l10n.t('adminNoPriorities')}</p>`
      }
      <button type="button" class="secondary" @click=${this.onAddPriority}>
        ${this.l10n.t('adminAddPriority')}
      </button>
    </fieldset>`;
  }

  override render() {
    const s = this.settings;
    return html`
      ${this.notes()}
      <section class="card" aria-labelledby="set-h">
        <h2 id="set-h">${this.l10n.t('adminTabSettings')}</h2>
        ${this.renderLink()}
        ${
          s
            ? html`<form class="grid" @submit=${this.onSave}>
                <label style="flex-basis:100%"
                  >${this.l10n.t('adminTicker')} <input name="ticker" .value=${s.ticker ?? ''}
                /></label>
                <label
                  >${this.l10n.t('adminFairness')}
                  <input
                    name="fairness"
                    type="number"
                    min="1"
                    max="50"
                    .value=${String(s.fairnessN)}
                /></label>
                <label
                  >${this.l10n.t('adminIdle')}
                  <input
                    name="idle"
                    type="number"
                    min="5"
                    max="3600"
                    .value=${String(s.kioskIdleSeconds)}
                /></label>
                <label
                  >${this.l10n.t('adminMaxRecalls')}
                  <input
                    name="recalls"
                    type="number"
                    min="0"
                    max="20"
                    .value=${String(s.maxRecalls)}
                /></label>
                <fieldset>
                  <legend>${this.l10n.t('adminLanguages')}</legend>
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
                ${this.renderHours()} ${this.renderPriorities()}
                <label class="inline" style="flex-basis:100%"
                  ><input
                    type="checkbox"
                    name="requireDevices"
                    .checked=${s.requireDevices}
                  />${this.l10n.t('adminRequireDevices')}</label
                >
                <label class="inline" style="flex-basis:100%"
                  ><input
                    type="checkbox"
                    name="priorityByClerk"
                    .checked=${s.priorityByClerk}
                  />${this.l10n.t('adminPriorityByClerk')}</label
                >
                ${
                  this.invalid.length
                    ? html`<ul class="note error" role="alert" style="flex-basis:100%">
                        ${this.invalid.map((p) => html`<li>${p}</li>`)}
                      </ul>`
                    : nothing
                }
                <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminSave')}</button>
              </form>`
            : nothing
        }
      </section>
      <section class="card" aria-labelledby="day-h">
        <h2 id="day-h">${this.l10n.t('adminDay')}</h2>
        <p>${this.l10n.t('adminCloseDayHint')}</p>
        <button type="button" class="danger" ?disabled=${this.busy} @click=${this.onCloseDay}>
          ${this.l10n.t('adminCloseDay')}
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
