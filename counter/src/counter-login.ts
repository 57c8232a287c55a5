/** The staff sign-in form. */
import { LitElement, css, html, nothing } from 'lit';
import type { Language } from '../../server/protocol';
import { base } from '../../ui/theme';
import { emit } from '../../ui/emit';
import { LocalizeController } from '../../ui/controllers/localize-controller';
import { sayRefusalsIn } from './validity-words';

/** Detail of `counter-login`. */
export interface LoginDetail {
  username: string;
  password: string;
}

/** Username and password; dispatches `counter-login` on submit. */
export class CounterLogin extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: grid;
        place-items: center;
        padding: 48px 24px;
      }
      form {
        width: min(440px, 100%);
        display: flex;
        flex-direction: column;
        gap: 18px;
        padding: 36px 36px 32px;
        border-radius: 18px;
        background: var(--nb-surface);
        box-shadow: var(--nb-shadow);
        position: relative;
        overflow: hidden;
      }
      form::before {
        content: '';
        position: absolute;
        inset: 0 0 auto;
        height: 8px;
        background: var(--nb-primary);
      }
      h1 {
        margin: 0 0 6px;
        font-size: 28px;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 6px;
        font-size: 16px;
        font-weight: 600;
      }
      input {
        min-height: 48px;
        padding: 0 14px;
        border: 2px solid var(--nb-border);
        border-radius: 10px;
        font-size: 18px;
        background: #fff;
      }
      input:focus-visible {
        outline-offset: 0;
        border-color: var(--nb-focus);
      }
      button {
        min-height: 52px;
        margin-top: 6px;
        border: none;
        border-radius: 10px;
        background: var(--nb-primary);
        color: var(--nb-primary-ink);
        font-size: 18px;
        font-weight: 700;
      }
      button:disabled {
        opacity: 0.7;
      }
      .error {
        margin: 0;
        padding: 12px 14px;
        border-radius: 10px;
        background: var(--nb-danger-soft);
        color: var(--nb-danger);
        font-weight: 600;
      }
    `,
  ];

  static override properties = {
    language: {},
    busy: { type: Boolean },
    error: {},
  };

  private readonly l10n = new LocalizeController(this, () => this.language);

  /** Language of the form. */
  declare language: Language;
  /** True while the sign-in request runs. */
  declare busy: boolean;
  /** Why the last attempt failed, already in {@link language}. */
  declare error: string;

  constructor() {
    super();
    this.language = 'tg';
    this.busy = false;
    this.error = '';
  }

  protected override firstUpdated(): void {
    sayRefusalsIn(this.renderRoot, (key, params) => this.l10n.t(key, params));
    this.renderRoot.querySelector('input')?.focus();
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const username = text(data.get('username')).trim();
    const password = text(data.get('password'));
    if (!username || !password || this.busy) return;
    emit(this, 'counter-login', { username, password });
  };

  override render() {
    return html`<form
      @submit=${this.onSubmit}
      aria-labelledby="login-title"
      data-testid="login-form"
    >
      <h1 id="login-title">${this.l10n.t('loginTitle')}</h1>
      ${
        this.error
          ? html`<p class="error" role="alert" data-testid="login-error">${this.error}</p>`
          : nothing
      }
      <label>
        ${this.l10n.t('username')}
        <input name="username" autocomplete="username" required autocapitalize="none" />
      </label>
      <label>
        ${this.l10n.t('password')}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit" data-testid="login-submit" ?disabled=${this.busy}>
        ${this.l10n.t('signIn')}
      </button>
    </form>`;
  }
}

function text(value: FormDataEntryValue | null): string {
  return typeof value === 'string' ? value : '';
}

customElements.define('counter-login', CounterLogin);

declare global {
  interface HTMLElementTagNameMap {
    'counter-login': CounterLogin;
  }
  interface HTMLElementEventMap {
    'counter-login': CustomEvent<LoginDetail>;
  }
}
