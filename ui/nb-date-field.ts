/**
 * A date field typed `dd.mm.yyyy` and a time field typed `HH:MM` (24 h) whatever the browser's
 * locale: a native `<input type="date">` or `type="time"` draws itself the browser's way, so an
 * American browser showed a Tajik office 12/03/2026 and 04:30 PM. The form and the listeners still
 * get what the native input gave them: the value `yyyy-mm-dd` or `HH:MM` ('' while the text is no
 * day or time), under the field's name, with `input` and `change` events from the field itself.
 */
import { LitElement, html, nothing } from 'lit';
import type { Language } from '../server/protocol';
import { formatIsoDay, parseClock, parseDay } from './format';
import { translate } from './i18n';

/** What a field takes: a calendar day or a time of day. */
export type DateFieldKind = 'date' | 'time';

/**
 * The message under the box, inline (the page's tree, no shadow root): as wide as the box's column
 * (`width: 0; min-width: 100%`), so a long sentence wraps instead of widening the field — but never
 * narrower than 16em: under a narrow time box it would stand one word a line.
 */
const MESSAGE_STYLE =
  'display:block;width:0;min-width:max(100%,16em);color:var(--nb-danger, #a4001d);font-size:13px;font-weight:600';

/** Numbers the fields of a page, so each one's message has an id of its own. */
let fieldCount = 0;

/** A text input for a day or a time the office's way, holding the ISO value a form sends. */
export class NbDateField extends LitElement {
  static override properties = {
    text: { state: true },
    left: { state: true },
    kind: {},
    name: {},
    language: { attribute: false },
    label: {},
    required: { type: Boolean },
    disabled: { type: Boolean },
    invalid: { type: Boolean },
  };

  /** What is in the box, as typed. */
  declare private text: string;
  /** Whether the box was left (or the form tried to send it): only then is a mistake pointed out. */
  declare private left: boolean;
  private readonly messageId = `nb-date-field-${++fieldCount}`;

  /** `date` (`dd.mm.yyyy`) or `time` (`HH:MM`). */
  declare kind: DateFieldKind;
  /** The form field the ISO value is sent as. */
  declare name: string;
  /** The language of the placeholder and the message. */
  declare language: Language;
  /** Accessible name, where no `<label>` around the field gives one (a table cell). */
  declare label: string;
  /** Whether the form needs a value. */
  declare required: boolean;
  /** Whether the field is off (and not sent). */
  declare disabled: boolean;
  /** The form's own verdict on the value (a server refusal), shown like a typing mistake. */
  declare invalid: boolean;

  constructor() {
    super();
    this.text = '';
    this.left = false;
    this.kind = 'date';
    this.name = '';
    this.language = 'tg';
    this.label = '';
    this.required = false;
    this.disabled = false;
    this.invalid = false;
  }

  /** The value as the native input had it: `yyyy-mm-dd` or `HH:MM`, '' while the text is none. */
  get value(): string {
    return this.parse(this.text) ?? '';
  }

  set value(value: string) {
    // The value the typing already means leaves the typing alone: a half-typed day is '' meanwhile,
    // and a host re-rendering that '' must not wipe it.
    if ((value ?? '') === this.value) return;
    this.text = formatIsoDay(value ?? '');
  }

  /**
   * Renders into the page's own tree, not a shadow root: the `<label>` around the field names its
   * box, the section's styles dress the box like its neighbours, and the form sees the hidden input.
   */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The box lays out as if it stood in the host's place (a column label stretches it).
    this.style.display = 'contents';
  }

  override updated(): void {
    // The browser refuses to send the form while the box holds no day, with the page's words.
    this.querySelector<HTMLInputElement>('input[inputmode]')?.setCustomValidity(this.problem());
  }

  private parse(text: string): string | undefined {
    if (text.trim() === '') return undefined;
    return this.kind === 'date' ? parseDay(text) : parseClock(text);
  }

  /** The message when the text is no day or time (or none where one is required), else ''. */
  private problem(): string {
    const empty = this.text.trim() === '';
    if (empty ? !this.required : this.parse(this.text) !== undefined) return '';
    if (this.kind !== 'date') return translate(this.language, 'timeFieldInvalid');
    // Typed the right way but no such day (31.02): saying "enter it as dd.mm.yyyy" misled.
    const shaped = /^\s*\d{1,2}\.\d{1,2}\.\d{4}\s*$/.test(this.text);
    return translate(this.language, shaped ? 'dateFieldNoSuchDay' : 'dateFieldInvalid');
  }

  // The box's own events stop here; the field sends its own, so a listener reads the ISO value.
  private readonly onInput = (event: Event): void => {
    event.stopPropagation();
    this.text = (event.target as HTMLInputElement).value;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  };

  private readonly onChange = (event: Event): void => {
    event.stopPropagation();
    this.left = true;
    // Written back the office's way once left: `2.3.1994` shows as `02.03.1994`.
    const value = this.value;
    if (value) this.text = formatIsoDay(value);
    this.dispatchEvent(new Event('change', { bubbles: true }));
  };

  private readonly onInvalid = (): void => {
    this.left = true;
  };

  override render() {
    const date = this.kind === 'date';
    const problem = this.problem();
    const shown = this.left && problem !== '';
    const placeholder = translate(
      this.language,
      date ? 'dateFieldPlaceholder' : 'timeFieldPlaceholder',
    );
    return html`<input
        type="text"
        inputmode="numeric"
        autocomplete="off"
        size=${date ? 10 : 5}
        placeholder=${placeholder}
        aria-label=${this.label || nothing}
        aria-invalid=${shown || this.invalid ? 'true' : 'false'}
        aria-describedby=${shown ? this.messageId : nothing}
        ?required=${this.required}
        ?disabled=${this.disabled}
        .value=${this.text}
        @input=${this.onInput}
        @change=${this.onChange}
        @invalid=${this.onInvalid}
      /><input type="hidden" name=${this.name} .value=${this.value} ?disabled=${this.disabled} />${
        shown
          ? html`<span id=${this.messageId} aria-hidden="true" style=${MESSAGE_STYLE}
              >${problem}</span
            >`
          : nothing
      }`;
  }
}

customElements.define('nb-date-field', NbDateField);

declare global {
  interface HTMLElementTagNameMap {
    'nb-date-field': NbDateField;
  }
}
