/** Office settings (priorities, fairness, ticker, languages, hours, kiosk idle time) and the day close. */
import { html, nothing, type PropertyValues } from 'lit';
import type {
  AdminOfficeSettings,
  Language,
  OfficeSettings,
  OpeningHours,
} from '../../../server/protocol';
import { WEEKDAYS, type Weekday } from '../../../server/protocol/opening-hours';
import { LANGUAGES, isLanguage, translate } from '../../../ui/i18n/staff';
import { fetchOffice } from '../../../ui/api';
import type { NbDateField } from '../../../ui/nb-date-field';
import '../../../ui/nb-date-field';
import { closeDay, getSettings, saveSettings } from './admin-api';
import { changedFields, changedMeanwhile, formText, AdminTab } from './admin-tab';
import { weekdayName } from './audit-view';
import { PriorityTable } from './priority-table';

/** One weekday row of the hours editor. */
interface DayRow {
  open: boolean;
  from: string;
  to: string;
}

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
    invalid: { state: true },
    link: { state: true },
  };

  declare private settings: AdminOfficeSettings | undefined;
  /** No opening hours: the kiosk issues tickets at any hour. */
  declare private alwaysOpen: boolean;
  declare private days: Record<Weekday, DayRow>;
  /** What the form refuses before sending, in the page's language. */
  declare private invalid: string[];
  /** Where phones reach the server, and whether PUBLIC_URL set it. */
  declare private link: { url: string; configured: boolean } | undefined;

  constructor() {
    super();
    this.settings = undefined;
    this.alwaysOpen = true;
    this.days = dayRows(null);
    this.invalid = [];
    this.link = undefined;
  }

  private readonly priorities = new PriorityTable(this, this.l10n);

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
    this.priorities.show(settings.priorities);
  }

  private setDay(day: Weekday, change: Partial<DayRow>): void {
    this.days = { ...this.days, [day]: { ...this.days[day], ...change } };
  }

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

  private readonly onSave = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (k: string) => formText(data, k);
    const hours = this.hours();
    this.invalid = [...hours.problems, ...this.priorities.problems()];
    if (this.invalid.length) return;
    const body: OfficeSettings = {
      ticker: text('ticker').trim() || null,
      fairnessN: Number(text('fairness')),
      kioskIdleSeconds: Number(text('idle')),
      maxRecalls: Number(text('recalls')),
      languages: data.getAll('language').map(String).filter(isLanguage),
      openingHours: hours.value,
      priorities: this.priorities.value(),
      requireDevices: data.get('requireDevices') === 'on',
      priorityByClerk: data.get('priorityByClerk') === 'on',
    };
    // Switching it on cuts off every kiosk and display not paired yet: asked first.
    if (body.requireDevices && !this.settings?.requireDevices) {
      if (!window.confirm(this.l10n.t('adminRequireDevicesConfirm'))) return;
    }
    // Only what changed here: another administrator's save of other settings meanwhile stays.
    const changed = this.settings ? changedFields(body, this.settings) : body;
    const shown = this.settings;
    void this.run(async (c) => {
      const fresh = await getSettings(c);
      if (shown && changedMeanwhile(changed, fresh, shown).length > 0) {
        this.show(fresh);
        this.notice = this.l10n.t('adminChangedMeanwhile');
        return;
      }
      this.show(Object.keys(changed).length > 0 ? await saveSettings(c, changed) : fresh);
      this.notice = this.l10n.t('adminSaved');
    });
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

  /** A weekday's row: open that day, from, to. */
  private renderDay(d: Weekday) {
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
          @change=${(e: Event) => this.setDay(d, { open: (e.target as HTMLInputElement).checked })}
        />
      </td>
      <td>
        <nb-date-field
          kind="time"
          name="day-from"
          label=${`${name}: ${this.l10n.t('adminOpensAt')}`}
          .value=${row.from}
          .language=${this.language}
          ?disabled=${!row.open}
          @change=${(e: Event) => this.setDay(d, { from: (e.target as NbDateField).value })}
        ></nb-date-field>
      </td>
      <td>
        <nb-date-field
          kind="time"
          name="day-to"
          label=${`${name}: ${this.l10n.t('adminClosesAt')}`}
          .value=${row.to}
          .language=${this.language}
          ?disabled=${!row.open}
          @change=${(e: Event) => this.setDay(d, { to: (e.target as NbDateField).value })}
        ></nb-date-field>
      </td>
    </tr>`;
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
                ${WEEKDAYS.map((d) => this.renderDay(d))}
              </tbody>
            </table>`
      }
    </fieldset>`;
  }

  /** Ticker, fairness, kiosk idle time and recalls. */
  private renderNumbers(s: AdminOfficeSettings) {
    return html`<label style="flex-basis:100%"
        >${this.l10n.t('adminTicker')}
        <input name="ticker" maxlength="1000" .value=${s.ticker ?? ''}
      /></label>
      <label
        >${this.l10n.t('adminFairness')}
        <input name="fairness" type="number" min="1" max="50" .value=${String(s.fairnessN)}
      /></label>
      <label
        >${this.l10n.t('adminIdle')}
        <input name="idle" type="number" min="5" max="3600" .value=${String(s.kioskIdleSeconds)}
      /></label>
      <label
        >${this.l10n.t('adminMaxRecalls')}
        <input name="recalls" type="number" min="0" max="20" .value=${String(s.maxRecalls)}
      /></label>`;
  }

  /** The office's languages, its hours and priorities, and the two switches. */
  private renderChoices(s: AdminOfficeSettings) {
    return html`<fieldset>
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
      ${this.renderHours()} ${this.priorities.render()}
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
      >`;
  }

  private renderForm(s: AdminOfficeSettings) {
    return html`<form class="grid" @submit=${this.onSave}>
      ${this.renderNumbers(s)} ${this.renderChoices(s)}
      ${
        this.invalid.length
          ? html`<ul class="note error" role="alert" style="flex-basis:100%">
              ${this.invalid.map((p) => html`<li>${p}</li>`)}
            </ul>`
          : nothing
      }
      <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminSave')}</button>
    </form>`;
  }

  override render() {
    return html`
      ${this.notes()}
      <section class="card" aria-labelledby="set-h">
        <h2 id="set-h">${this.l10n.t('adminTabSettings')}</h2>
        ${this.renderLink()} ${this.settings ? this.renderForm(this.settings) : nothing}
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
