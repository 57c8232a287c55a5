/**
 * The browser's own refusal of a form field (required, pattern, length, range), said in the page's
 * language rather than the browser's: a Russian page on an English Chromium says "Заполните это
 * поле.", and a field with a `title` (its hint, in the page's words) says that for a wrong format.
 */
import type { MessageKey } from '../../ui/i18n/staff';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type Words = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The page's sentence for why `control` is refused, or '' when the browser has no objection. */
export function validityWords(control: Control, t: Words): string {
  const v = control.validity;
  if (v.valueMissing) return t('fieldRequired');
  if (v.tooShort && 'minLength' in control) return t('fieldTooShort', { n: control.minLength });
  if (v.rangeUnderflow && 'min' in control) return t('fieldMin', { n: control.min });
  if (v.rangeOverflow && 'max' in control) return t('fieldMax', { n: control.max });
  if (v.patternMismatch || v.typeMismatch || v.badInput || v.stepMismatch) {
    return control.title || t('fieldFormat');
  }
  return '';
}

/**
 * Says every refusal of the fields under `root` in the page's words: set as each field is refused,
 * cleared as it is changed (so the browser checks it afresh). A field that keeps its own message
 * (a date field, `nb-date-field`) is left to it.
 */
export function sayRefusalsIn(root: Node, t: Words): void {
  const own = (target: EventTarget | null): Control | undefined => {
    const el = target as Element | null;
    if (!el || !('validity' in el) || el.closest('nb-date-field')) return undefined;
    return el as Control;
  };
  root.addEventListener(
    'invalid',
    (event) => {
      const control = own(event.target);
      if (!control) return;
      control.setCustomValidity('');
      control.setCustomValidity(validityWords(control, t));
    },
    true,
  );
  const clear = (event: Event) => own(event.target)?.setCustomValidity('');
  root.addEventListener('input', clear, true);
  root.addEventListener('change', clear, true);
}
