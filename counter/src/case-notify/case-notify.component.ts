/**
 * The applicant's phone for messages about the case, taken only with their consent: the clerk ticks
 * the consent box, and the phone and the consent are recorded together (the case PATCH's `notify`).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { CaseNotify, Language } from '../../../server/protocol';
import { LocalizeController } from '../../../ui/controllers/localize-controller';
import { emit } from '../../../ui/emit';
import { LANGUAGES, translate } from '../../../ui/i18n/staff';
import { base } from '../../../ui/theme';
import { caseNotifyStyles } from './case-notify.styles';
import { COUNTRY_CODE, normalizePhone } from './phone';

/** The consent block of a case; dispatches `counter-case-notify`. */
export class CounterCaseNotify extends LitElement {
  static override styles = [base, caseNotifyStyles];

  static override properties = {
    caseNumber: {},
    suggested: {},
    recorded: {},
    busy: { type: Boolean },
    language: {},
    phone: { state: true },
    consent: { state: true },
    messageLanguage: { state: true },
    tried: { state: true },
  };

  private readonly l10n = new LocalizeController(this, () => this.language);

  declare private phone: string;
  declare private consent: boolean;
  declare private messageLanguage: Language;
  /** The clerk pressed the button once: a bad phone is marked from then on. */
  declare private tried: boolean;
  /** The case the consent is for. */
  declare caseNumber: string;
  /** A phone to start from (the applicant's, as typed in the form). */
  declare suggested: string;
  /** The phone already recorded for this case in this console, if any. */
  declare recorded: string | undefined;
  /** True while the case is saving or moving: the button waits. */
  declare busy: boolean;
  /** Language of the console. */
  declare language: Language;

  constructor() {
    super();
    this.caseNumber = '';
    this.suggested = '';
    this.recorded = undefined;
    this.busy = false;
    this.language = 'tg';
    this.phone = '';
    this.consent = false;
    this.messageLanguage = 'tg';
    this.tried = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('caseNumber')) {
      this.phone = '';
      this.consent = false;
      this.tried = false;
    }
  }

  /** What the phone field shows: what the clerk typed, else the applicant's phone, else +992. */
  private get shownPhone(): string {
    return this.phone || this.suggested || COUNTRY_CODE;
  }

  private readonly onPhone = (e: Event): void => {
    this.phone = (e.target as HTMLInputElement).value;
  };

  private readonly onConsent = (e: Event): void => {
    this.consent = (e.target as HTMLInputElement).checked;
  };

  private readonly onLanguage = (e: Event): void => {
    const value = (e.target as HTMLSelectElement).value;
    this.messageLanguage = LANGUAGES.find((l) => l === value) ?? 'tg';
  };

  private readonly onRecord = (): void => {
    this.tried = true;
    const phone = normalizePhone(this.shownPhone);
    if (!phone || !this.consent) return;
    const detail: CaseNotify = { phone, consent: true, language: this.messageLanguage };
    emit(this, 'counter-case-notify', detail);
  };

  override render() {
    const t = this.l10n.t.bind(this.l10n);
    const bad = this.tried && normalizePhone(this.shownPhone) === undefined;
    return html`<fieldset data-testid="notify">
      <legend>${t('notifyHeading')}</legend>
      <label class="check"
        ><input
          type="checkbox"
          name="notify.consent"
          .checked=${this.consent}
          @change=${this.onConsent}
        />${t('notifyConsent')}</label
      >
      <div class="row">
        <label class="field ${bad ? 'bad' : ''}"
          >${t('notifyPhone')}
          <input
            name="notify.phone"
            type="tel"
            autocomplete="off"
            .value=${this.shownPhone}
            aria-invalid=${bad ? 'true' : 'false'}
            @input=${this.onPhone}
          />
        </label>
        <label class="field"
          >${t('notifyLanguage')}
          <select name="notify.language" @change=${this.onLanguage}>
            ${LANGUAGES.map(
              (l) =>
                html`<option value=${l} ?selected=${l === this.messageLanguage}>
                  ${translate(l, 'languageName')}
                </option>`,
            )}
          </select>
        </label>
        <button
          type="button"
          data-testid="notify-save"
          ?disabled=${this.busy || !this.consent}
          @click=${this.onRecord}
        >
          ${t('notifySave')}
        </button>
      </div>
      ${bad ? html`<p class="issue" role="alert">${t('notifyPhoneInvalid')}</p>` : nothing}
      ${
        this.recorded
          ? html`<p class="recorded" role="status" data-testid="notify-recorded">
              ${t('notifyRecorded', { number: this.caseNumber, phone: this.recorded })}
            </p>`
          : nothing
      }
    </fieldset>`;
  }
}
