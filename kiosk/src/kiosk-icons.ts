/** The kiosk's pictograms as inline SVG (no image requests, sharp at any size, colour from `currentColor`). */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/** Names of the pictograms. */
export type KioskIcon =
  | 'wheelchair'
  | 'elderly'
  | 'pregnant'
  | 'person'
  | 'backspace'
  | 'speaker'
  | 'folder'
  | 'back'
  | 'calendar';

const PATHS: Readonly<Record<KioskIcon, SVGTemplateResult>> = {
  wheelchair: svg`<circle cx="11" cy="4" r="2.2" fill="currentColor" stroke="none" />
    <path d="M11 7.5v6h6l2.5 5.5" />
    <path d="M11 10.5h5" />
    <path d="M8.2 11.2a5.5 5.5 0 1 0 7.6 6.3" />`,
  elderly: svg`<circle cx="10" cy="4" r="2.2" fill="currentColor" stroke="none" />
    <path d="M10 7.5c-1.5 1.5-2 3.5-2 5.5v3" />
    <path d="M10 7.5l1 5.5-2.5 8" />
    <path d="M11 13l3 7.5" />
    <path d="M10.5 9.5l4.5 2" />
    <path d="M16.5 10.5v10.5" />
    <path d="M16.5 10.5c0-1 1-1.6 2-1" />`,
  pregnant: svg`<circle cx="11" cy="4" r="2.2" fill="currentColor" stroke="none" />
    <path d="M10.5 7.5c-1.2 1.4-1.5 3.5-1 5.5" />
    <path d="M11 7.8c2.4.6 5.2 3.3 4.8 6-.3 2-2.6 2.6-4.8 2.2" />
    <path d="M10 15.5l-.5 5.5M12.5 16l.5 5" />`,
  person: svg`<circle cx="12" cy="4.5" r="2.4" fill="currentColor" stroke="none" />
    <path d="M8 21v-7.5a4 4 0 0 1 8 0V21" />
    <path d="M12 13.5V21" />`,
  backspace: svg`<path d="M9 5h11v14H9l-6-7z" />
    <path d="M12.5 9.5l5 5M17.5 9.5l-5 5" />`,
  speaker: svg`<path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z" />
    <path d="M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11" />`,
  folder: svg`<path d="M3 6.5a1.5 1.5 0 0 1 1.5-1.5H9l2 2.5h8.5A1.5 1.5 0 0 1 21 9v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18z" />
    <path d="M8 13.5l2.5 2.5 5-5" />`,
  back: svg`<path d="M14.5 5.5L8 12l6.5 6.5" />`,
  calendar: svg`<rect x="3.5" y="5" width="17" height="15" rx="1.5" />
    <path d="M3.5 9.5h17M8 3v4M16 3v4" />
    <path d="M8.5 14.5l2.5 2.5 4.5-4.5" />`,
};

/** One pictogram, decorative (the button or text beside it carries the name). */
export function icon(name: KioskIcon, size = 48): TemplateResult {
  return html`<svg
    class="icon"
    width=${size}
    height=${size}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    stroke-width="1.8"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    ${PATHS[name]}
  </svg>`;
}
