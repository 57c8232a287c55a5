/**
 * The office's message settings (admin → Messages): when the "few ahead" message goes, the quiet
 * hours, the daily caps, how long phone numbers are kept, and the pickup window "ready" names.
 */
import { html, nothing, type PropertyValues } from 'lit';
import type { AdminCounter, MessageSettings } from '../../../server/protocol';
import { apiRequest } from '../../../ui/api';
import '../../../ui/nb-date-field';
import { listCounters, type AdminContext } from './admin-api';
import { AdminTab, formText } from './admin-tab';

const settingsPath = (c: AdminContext) =>
  `/api/offices/${encodeURIComponent(c.office)}/message-settings`;

/** The number fields: form name, words, and the bounds the API keeps (protocol/messages.ts). */
const NUMBERS = [
  { name: 'aheadThreshold', key: 'adminAheadThreshold', min: 0, max: 50 },
  { name: 'dailyCapOffice', key: 'adminCapOffice', min: 1, max: 1_000_000 },
  { name: 'dailyCapPhone', key: 'adminCapPhone', min: 1, max: 100 },
  { name: 'retentionDays', key: 'adminRetentionDays', min: 1, max: 3650 },
] as const;

/** The settings form of the Messages section. */
export class AdminMessageSettings extends AdminTab {
  static override properties = {
    ...AdminTab.properties,
    settings: { state: true },
    windows: { state: true },
    typedQuiet: { state: true },
  };

  declare private settings: MessageSettings | undefined;
  /** The office's windows: the pickup window is one of them. */
  declare private windows: AdminCounter[];
  /** The quiet hours as typed (`from`, `until`), until saved: the "no quiet hours" note follows them. */
  declare private typedQuiet: { from: string; until: string } | undefined;

  constructor() {
    super();
    this.settings = undefined;
    this.windows = [];
    this.typedQuiet = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load();
  }

  private async load(): Promise<void> {
    await this.run(async (c) => {
      const [r, windows] = await Promise.all([
        apiRequest<{ settings: MessageSettings }>(settingsPath(c), { token: c.token }),
        listCounters(c),
      ]);
      this.windows = windows;
      this.settings = r.settings;
      this.typedQuiet = undefined;
    });
  }

  private readonly onSave = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const number = (name: string) => Number(formText(data, name));
    const body: MessageSettings = {
      aheadThreshold: number('aheadThreshold'),
      quietFrom: formText(data, 'quietFrom'),
      quietUntil: formText(data, 'quietUntil'),
      dailyCapOffice: number('dailyCapOffice'),
      dailyCapPhone: number('dailyCapPhone'),
      retentionDays: number('retentionDays'),
      pickupWindow: formText(data, 'pickupWindow').trim(),
    };
    void this.run(async (c) => {
      const r = await apiRequest<{ settings: MessageSettings }>(settingsPath(c), {
        method: 'PUT',
        token: c.token,
        body,
      });
      this.settings = r.settings;
      this.typedQuiet = undefined;
    }, this.savedText(body));
  };

  /** "Saved.", and when the quiet hours start and end at once, that there are none. */
  private savedText(s: MessageSettings): string {
    const saved = this.l10n.t('adminSaved');
    return s.quietFrom === s.quietUntil ? `${saved} ${this.l10n.t('adminNoQuietHours')}` : saved;
  }

  private renderNumber(s: MessageSettings, f: (typeof NUMBERS)[number]) {
    return html`<label
      >${this.l10n.t(f.key)}
      <input
        name=${f.name}
        type="number"
        required
        min=${f.min}
        max=${f.max}
        .value=${String(s[f.name])}
    /></label>`;
  }

  /** Reads the two time fields again as they are typed. */
  private readonly onQuietTyped = (event: Event): void => {
    const fields = (event.currentTarget as HTMLElement).querySelectorAll<
      HTMLElement & { value: string }
    >('nb-date-field');
    const [from, until] = [...fields].map((f) => f.value);
    this.typedQuiet = { from: from ?? '', until: until ?? '' };
  };

  private renderQuiet(s: MessageSettings) {
    const quiet = this.typedQuiet ?? { from: s.quietFrom, until: s.quietUntil };
    // A time half typed is none yet: no note about it.
    const none = quiet.from !== '' && quiet.from === quiet.until;
    return html`<fieldset style="flex-basis:100%" @input=${this.onQuietTyped}>
      <legend>${this.l10n.t('adminQuietHours')}</legend>
      ${(['quietFrom', 'quietUntil'] as const).map(
        (name) =>
          html`<label
            >${this.l10n.t(name === 'quietFrom' ? 'adminQuietFrom' : 'adminQuietUntil')}
            <nb-date-field
              kind="time"
              name=${name}
              required
              .value=${s[name]}
              .language=${this.language}
            ></nb-date-field
          ></label>`,
      )}
      <p class="muted" style="flex-basis:100%">${this.l10n.t('adminQuietHint')}</p>
      ${
        none
          ? html`<p class="note" style="flex-basis:100%" data-testid="no-quiet-hours">
              ${this.l10n.t('adminNoQuietHours')}
            </p>`
          : nothing
      }
    </fieldset>`;
  }

  private renderForm(s: MessageSettings) {
    const [ahead, ...rest] = NUMBERS;
    return html`<form class="grid" data-testid="message-settings" @submit=${this.onSave}>
      ${this.renderNumber(s, ahead)} ${this.renderQuiet(s)}
      ${rest.map((f) => this.renderNumber(s, f))}
      <label
        >${this.l10n.t('adminPickupWindow')}
        <select name="pickupWindow" required>
          ${this.windows.map(
            (w) =>
              html`<option value=${w.number} ?selected=${w.number === s.pickupWindow}>
                ${this.l10n.t('windowN', { n: w.number })}${w.name ? ` · ${w.name}` : ''}
              </option>`,
          )}
        </select></label
      >
      <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminSave')}</button>
    </form>`;
  }

  override render() {
    return html`${this.notes()}
      <section class="card" aria-labelledby="msg-set-h">
        <h2 id="msg-set-h">${this.l10n.t('adminMessageSettings')}</h2>
        ${this.settings ? this.renderForm(this.settings) : nothing}
      </section>`;
  }
}

customElements.define('counter-admin-message-settings', AdminMessageSettings);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-message-settings': AdminMessageSettings;
  }
}
