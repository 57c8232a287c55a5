/** One button per language, each labelled in its own language. */
import { LitElement, css, html } from 'lit';
import type { Language } from '../server/protocol';
import { LANGUAGES, translate } from './i18n';
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
  };

  /** The language now in use. */
  declare language: Language;
  /** Accessible name of the group ("Language" in the current language). */
  declare label: string;

  constructor() {
    super();
    this.language = 'tg';
    this.label = '';
  }

  private select(language: Language): void {
    if (language === this.language) return;
    emit(this, 'nb-language-change', { language });
  }

  override render() {
    return html`<div class="group" role="group" aria-label=${this.label}>
      ${LANGUAGES.map(
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

customElements.define('nb-language-switch', NbLanguageSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'nb-language-switch': NbLanguageSwitch;
  }
  interface HTMLElementEventMap {
    'nb-language-change': CustomEvent<LanguageChangeDetail>;
  }
}
