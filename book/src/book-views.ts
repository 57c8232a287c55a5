/**
 * The booking page's larger views: the phone number form, the code from the SMS, and the booking
 * code with what to bring.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { bookText, type BookKey, type BookLanguage } from './book-i18n';
import { PHONE_PREFIX, shownPhone } from './book-api';

export interface DoneView {
  booking: { code: string };
  serviceName: string;
  /** Day and time on the office clock. */
  when: string;
  qr: TemplateResult | undefined;
  /** The documents to bring, in the reader's language; optional ones asked only if at hand. */
  documents: Array<{ name: string; required: boolean }>;
  cancelHref: string;
  t: (key: BookKey) => string;
}

export function doneView(v: DoneView): TemplateResult {
  const { t } = v;
  return html`<h2>${t('doneTitle')}</h2>
    <p>${v.serviceName}<br /><strong>${v.when}</strong></p>
    <p>${t('bookingCode')}:</p>
    <p class="code">${v.booking.code}</p>
    ${v.qr ?? nothing}
    <p>${t('showAtKiosk')}</p>
    <p>${t('checkIn')}</p>
    <h2>${t('bring')}</h2>
    ${
      documentList(
        v.documents.filter((d) => d.required),
        'bring-required',
      ) ?? html`<p>${t('nothingToBring')}</p>`
    }
    ${
      v.documents.some((d) => !d.required)
        ? html`<h3>${t('bringIfAny')}</h3>
            ${documentList(
              v.documents.filter((d) => !d.required),
              'bring-optional',
            )}`
        : nothing
    }
    <a class="secondary" href=${v.cancelHref}>${t('cancelLink')}</a>`;
}

function documentList(
  documents: Array<{ name: string }>,
  testid: string,
): TemplateResult | undefined {
  if (!documents.length) return undefined;
  return html`<ul data-testid=${testid}>
    ${documents.map((d) => html`<li>${d.name}</li>`)}
  </ul>`;
}

/**
 * A field's Enter (a phone keyboard's "Go"): runs `act` as the button beside it would. The fields
 * stand outside a form, so the browser submits nothing by itself.
 */
export function onEnter(act: () => unknown): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'Enter' || e.isComposing) return;
    e.preventDefault();
    act();
  };
}

export interface PhoneView {
  phone: string;
  busy: boolean;
  /** The submit button's words. */
  label: BookKey;
  submit: () => Promise<void>;
  onInput: (value: string) => void;
  t: (key: BookKey) => string;
}

/** The phone number after the fixed +992, and the button that sends (or cancels) with it. */
export function phoneView(v: PhoneView): TemplateResult {
  const { t } = v;
  // Booking sends a code to the number; cancelling only matches it (the step says so above it).
  const hint = v.label === 'cancel' ? 'cancelHint' : 'phoneHint';
  return html`<label for="phone">${t('phoneTitle')}</label>
    <div class="phone">
      <span aria-hidden="true">${PHONE_PREFIX}</span>
      <input
        id="phone"
        type="tel"
        inputmode="numeric"
        autocomplete="tel-national"
        maxlength="20"
        aria-describedby="phone-hint"
        .value=${v.phone}
        @input=${(e: Event) => v.onInput((e.target as HTMLInputElement).value)}
        @keydown=${onEnter(() => !v.busy && void v.submit())}
      />
    </div>
    <p id="phone-hint">${t(hint)}</p>
    <button class="primary" ?disabled=${v.busy} @click=${v.submit}>${t(v.label)}</button>`;
}

export interface CodeView {
  /** The nine digits after the fixed +992, as typed. */
  phone: string;
  otp: string;
  busy: boolean;
  onInput: (otp: string) => void;
  confirm: () => Promise<void>;
  /** Back to the number (a mistyped one never gets the code); the held time is let go. */
  changePhone: () => Promise<void>;
  t: (key: BookKey, values?: Record<string, string | number>) => string;
}

/** The six digits from the SMS, and the button that confirms the booking with them. */
export function codeView(v: CodeView): TemplateResult {
  const { t } = v;
  return html`<h2>${t('codeTitle')}</h2>
    <label for="otp">${t('codeHint', { phone: shownPhone(v.phone) })}</label>
    <input
      id="otp"
      inputmode="numeric"
      autocomplete="one-time-code"
      maxlength="6"
      .value=${v.otp}
      @input=${(e: Event) => v.onInput((e.target as HTMLInputElement).value.replace(/\D/g, ''))}
      @keydown=${onEnter(() => !v.busy && v.otp.length === 6 && void v.confirm())}
    />
    <button class="primary" ?disabled=${v.busy || v.otp.length !== 6} @click=${v.confirm}>
      ${t('confirm')}
    </button>
    <button class="secondary" ?disabled=${v.busy} @click=${v.changePhone}>
      ${t('changePhone')}
    </button>`;
}

/** The title and the language buttons, each labelled in its own language. */
export function headerView(
  title: string,
  language: BookLanguage,
  offered: readonly BookLanguage[],
  choose: (l: BookLanguage) => void,
  officeName?: string,
): TemplateResult {
  return html`<header>
    <div>
      <h1>${title}</h1>
      ${officeName ? html`<p class="office" data-testid="office-name">${officeName}</p>` : nothing}
    </div>
    ${
      offered.length < 2
        ? nothing
        : html`<nav aria-label=${bookText(language, 'languagesLabel')}>
            ${offered.map(
              (l) =>
                html`<button
                  lang=${l}
                  aria-pressed=${String(l === language)}
                  @click=${() => choose(l)}
                >
                  ${bookText(l, 'languageName')}
                </button>`,
            )}
          </nav>`
    }
  </header>`;
}

/** The booking code as a QR (one SVG path); the encoder loads only now, so the steps before stay small. */
export async function qrView(code: string, label: string): Promise<TemplateResult> {
  const { default: QRCode } = await import('qrcode');
  const qr = QRCode.create(code, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  let path = '';
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) if (qr.modules.get(x, y)) path += `M${x + 2} ${y + 2}h1v1h-1z`;
  return html`<svg class="qr" viewBox="0 0 ${n + 4} ${n + 4}" role="img" aria-label=${label}>
    ${svg`<path d=${path} fill="#000" />`}
  </svg>`;
}
