/**
 * One button per language the office offers, each labelled in its own language, in the catalogue's
 * order (Tajik first). Nothing to choose from one language: no buttons at all.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Language } from '../server/protocol';
import { DEFAULT_LANGUAGE, LANGUAGES, translate } from './i18n';
import { base } from './theme';
import { emit } from './emit';

/** Detail of `nb-language-change`. */
export interface LanguageChangeDetail {
  language: Language;
}

/** Language picker; dispatches `nb-language-change` when a button is pressed. */
export class NbLanguageSwitch extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .group {
        display: flex;
        flex-wrap: wrap;
        justify-content: var(--nb-switch-justify, flex-start);
        gap: var(--nb-switch-gap, 10px);
      }
      button {
        min-width: var(--nb-switch-min-width, 120px);
        min-height: var(--nb-switch-min-height, 64px);
        padding: var(--nb-switch-padding, 0 22px);
        border-radius: 999px;
        border: 2px solid var(--nb-switch-border, rgb(255 255 255 / 55%));
        background: transparent;
        color: var(--nb-switch-ink, #fff);
        font-size: var(--nb-switch-font-size, 22px);
        font-weight: 600;
      }
      button[aria-pressed='true'] {
        background: var(--nb-switch-active-bg, #fff);
        color: var(--nb-switch-active-ink, var(--nb-primary, #0a5c36));
        border-color: var(--nb-switch-active-bg, #fff);
      }
    `,
  ];

  static override properties = {
    language: {},
    label: {},
    languages: { attribute: false },
  };

  /** The language now in use. */
  declare language: Language;
  /** Accessible name of the group ("Language" in the current language). */
  declare label: string;
  /** The office's languages (its settings); all four until they are known. */
  declare languages: readonly Language[];

  constructor() {
    super();
    this.language = 'tg';
    this.label = '';
    this.languages = LANGUAGES;
  }

  private select(language: Language): void {
    if (language === this.language) return;
    emit(this, 'nb-language-change', { language });
  }

  override render() {
    const offered = offeredLanguages(this.languages);
    if (offered.length < 2) return nothing;
    return html`<div class="group" role="group" aria-label=${this.label}>
      ${offered.map(
        (language) =>
          html`<button
            type="button"
            lang=${language}
            aria-pressed=${language === this.language ? 'true' : 'false'}
            data-testid=${`lang-${language}`}
            @click=${() => this.select(language)}
          >
            ${translate(language, 'languageName')}
          </button>`,
      )}
    </div>`;
  }
}

/**
 * The languages a public page offers: the office's, in the catalogue's order, only those it has
 * messages for; all four when the office names none it knows (its settings not read yet).
 */
export function offeredLanguages(office: readonly string[] | undefined): Language[] {
  const offered = LANGUAGES.filter((l) => office?.includes(l));
  return offered.length > 0 ? offered : [...LANGUAGES];
}

/** The language a public page starts in: `wanted` (the address's) when offered, else the first. */
export function startLanguage(offered: readonly Language[], wanted?: Language): Language {
  const start = wanted ?? DEFAULT_LANGUAGE;
  return offered.includes(start) ? start : (offered[0] ?? DEFAULT_LANGUAGE);
}

customElements.define('nb-language-switch', NbLanguageSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'nb-language-switch': NbLanguageSwitch;
  }
  interface HTMLElementEventMap {
    'nb-language-change': CustomEvent<LanguageChangeDetail>;
  }
}
