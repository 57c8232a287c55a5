/** What every admin section shares: the office and token it works with, its language, its notices. */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { AdminCounter, AdminService, Language, Names } from '../../../server/protocol';
import { ApiError } from '../../../ui/api';
import { toShownError, type ShownError } from '../../../ui/errors';
import type { MessageKey } from '../../../ui/i18n/staff';
import {
  LocalizeController,
  type MessageParams,
} from '../../../ui/controllers/localize-controller';
import { base } from '../../../ui/theme';
import { fieldLabel } from './audit-view';
import type { AdminContext } from './admin-api';
import { emit } from '../../../ui/emit';
import { sayRefusalsIn } from '../../src/validity-words';

/** Fired when the server no longer accepts the token. */
export const SESSION_ENDED = 'counter-admin-session-ended' as const;

/** Shared look of the sections: tables, forms, buttons. */
export const sectionStyles = css`
  :host {
    display: block;
  }
  h2 {
    margin: 0 0 12px;
    font-size: 22px;
  }
  .gateway-health {
    list-style: none;
    margin: 0 0 12px;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  .gateway-health .down {
    padding: 8px 12px;
    border-radius: 10px;
    background: var(--nb-danger-soft);
    color: var(--nb-danger);
    font-weight: 600;
  }
  h3 {
    margin: 20px 0 8px;
    font-size: 18px;
  }
  section.card {
    background: var(--nb-surface);
    border-radius: var(--nb-radius);
    box-shadow: var(--nb-shadow);
    padding: 18px 20px;
    margin-bottom: 18px;
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 15px;
  }
  th,
  td {
    text-align: left;
    padding: 6px 8px;
    border-bottom: 1px solid var(--nb-border);
    vertical-align: middle;
  }
  /* A free-text name (80 letters, no space) wraps in its cell rather than pushing the table wide. */
  td.free {
    min-width: 10em;
    overflow-wrap: anywhere;
  }
  th {
    font-weight: 700;
    color: var(--nb-muted);
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  form.grid {
    display: flex;
    flex-wrap: wrap;
    gap: 10px 14px;
    align-items: flex-end;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 14px;
    font-weight: 600;
  }
  /* What a field takes, under it (codes and user names are Latin: a Cyrillic one is refused). */
  .hint {
    max-width: 22em;
    font-size: 12px;
    font-weight: 400;
  }
  label.inline {
    flex-direction: row;
    align-items: center;
    gap: 6px;
  }
  /* A group of checkboxes: one row of its own, the choices side by side. */
  fieldset {
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    gap: 8px 22px;
    margin: 0;
    padding: 8px 12px 10px;
    border: 1px solid var(--nb-border, #c9d1dc);
    border-radius: 8px;
  }
  /* The priorities' fields share their row: at 1024 px its ↑ ↓ ✕ stay in sight, not off the card. */
  fieldset.priorities {
    min-inline-size: 0;
  }
  fieldset.priorities table input {
    width: 100%;
    min-width: 4em;
    box-sizing: border-box;
  }
  td.row-actions {
    white-space: nowrap;
  }
  input,
  select,
  textarea {
    min-height: 36px;
    padding: 4px 8px;
    border: 1px solid #8793a3;
    border-radius: 8px;
    background: #fff;
    font-size: 15px;
  }
  textarea {
    min-width: 420px;
    min-height: 90px;
    font-family: inherit;
  }
  button {
    min-height: 36px;
    padding: 0 14px;
    border-radius: 8px;
    border: 1px solid var(--nb-primary);
    background: var(--nb-primary);
    color: var(--nb-primary-ink);
    font-weight: 600;
  }
  button.secondary {
    background: #fff;
    color: var(--nb-primary-strong);
  }
  button.danger {
    background: var(--nb-danger);
    border-color: var(--nb-danger);
  }
  .note {
    margin: 0 0 12px;
    padding: 10px 14px;
    border-radius: 10px;
    font-weight: 600;
  }
  .note.error {
    background: var(--nb-danger-soft);
    color: var(--nb-danger);
  }
  .note.warn {
    background: #fff4d6;
    color: #6b4500;
    border-left: 4px solid #b7791f;
  }
  .note.ok {
    background: var(--nb-primary-soft);
    color: var(--nb-primary-strong);
  }
  .muted {
    color: var(--nb-muted);
  }
  .pill {
    display: inline-block;
    padding: 2px 10px;
    border-radius: 999px;
    font-size: 13px;
    font-weight: 700;
    background: var(--nb-primary-soft);
    color: var(--nb-primary-strong);
  }
  .pill.off {
    background: var(--nb-danger-soft);
    color: var(--nb-danger);
  }
`;

/** Base of a section element: `context` and `language` come from the shell. */
export class AdminTab extends LitElement {
  static override styles = [base, sectionStyles];

  static override properties = {
    context: { attribute: false },
    language: { attribute: false },
    error: { state: true },
    notice: { state: true },
    busy: { state: true },
  };

  protected readonly l10n = new LocalizeController(this, () => this.language);

  /** Office and token of the signed-in administrator. */
  declare context: AdminContext | undefined;
  /** Language of the page. */
  declare language: Language;
  /** A refusal in the page's language (the server's own English words are not shown). */
  declare protected error: ShownError | undefined;
  declare protected notice: string;
  declare protected busy: boolean;

  constructor() {
    super();
    this.language = 'tg';
    this.error = undefined;
    this.notice = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A form the browser refuses (a field's own check) is a new attempt: the last refusal or
    // "Saved", about something else, goes (`invalid` does not leave the shadow root, so it is heard
    // there).
    this.renderRoot.addEventListener('invalid', this.onInvalid, true);
    if (!this.refusalsSaid)
      sayRefusalsIn(this.renderRoot, (key, params) => this.l10n.t(key, params));
    this.refusalsSaid = true;
  }

  /** Whether the fields' refusals are said in the page's words already (once per element). */
  private refusalsSaid = false;

  private readonly onInvalid = (): void => {
    this.error = undefined;
    this.notice = '';
  };

  /** The page's words for sections not moved to `l10n` yet (the Reports section). */
  protected t(key: MessageKey, params?: MessageParams): string {
    return this.l10n.t(key, params);
  }

  /**
   * Runs a call, showing its refusal (or `done`) above the section. `keepNotes`: a reload after an
   * action, which leaves the action's refusal or "done" in place (a reload of its own refusal
   * replaces it).
   */
  protected async run(
    work: (c: AdminContext) => Promise<void>,
    done?: string,
    { keepNotes = false }: { keepNotes?: boolean } = {},
  ): Promise<void> {
    const context = this.context;
    if (!context || this.busy) return;
    this.busy = true;
    if (!keepNotes) {
      this.error = undefined;
      this.notice = '';
    }
    try {
      await work(context);
      if (done) this.notice = done;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        emit(this, SESSION_ENDED);
      }
      this.error = this.shownError(error);
    } finally {
      this.busy = false;
    }
  }

  /** What the section says of a refusal (a section may know a refusal's details better). */
  protected shownError(error: unknown): ShownError {
    return toShownError(error);
  }

  /** A refusal's words: a refused field named as the form labels it. */
  private shownParams(error: ShownError): ShownError['params'] {
    const field = error.params?.field;
    return typeof field === 'string'
      ? { ...error.params, field: this.fieldWords(field) }
      : error.params;
  }

  /** A field the server names (`names.tg`), as this section's form labels it. */
  protected fieldWords(field: string): string {
    return fieldLabel(field, this.language);
  }

  protected notes(): TemplateResult {
    return html`<div aria-live="polite">
      ${
        this.error
          ? html`<p class="note error" role="alert" ${ref(showAlert)}>
              ${this.l10n.t(this.error.key, this.shownParams(this.error))}
            </p>`
          : nothing
      }
      ${this.notice ? html`<p class="note ok">${this.notice}</p>` : nothing}
    </div>`;
  }
}

/**
 * Brings a new refusal into view: the notes sit at the top of a section, and the form that was
 * refused may be a screen or more below (a new service at the end of a long list).
 */
function showAlert(element: Element | undefined): void {
  // Lit hands the element over before its part of the page is attached: scroll once it is.
  if (element) queueMicrotask(() => element.scrollIntoView({ block: 'nearest' }));
}

/** Seconds as `m:ss` (or `h:mm:ss`). */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A text field of a submitted form ('' when missing). */
export function formText(data: FormData, key: string): string {
  const value = data.get(key);
  return typeof value === 'string' ? value : '';
}

/** A name in every language from `read`. */
export function namesOf(read: (language: Language) => string): Names {
  return { tg: read('tg'), ru: read('ru'), uz: read('uz'), en: read('en') };
}

/**
 * The fields of a form's `body` that differ from what the page showed (`shown`): a save sends only
 * what this administrator changed, so another's change to other fields meanwhile is kept (the page
 * sent every field, and put back what it had loaded).
 */
export function changedFields<T extends object>(body: T, shown: object): Partial<T> {
  const before = shown as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(body).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])),
  ) as Partial<T>;
}

/**
 * The fields of `changed` that another administrator saved meanwhile: what the server has now
 * (`fresh`) is no longer what the page showed (`shown`). Saving them would undo that change (a
 * list saved whole put back a priority another had removed).
 */
export function changedMeanwhile(changed: object, fresh: object, shown: object): string[] {
  const now = fresh as Record<string, unknown>;
  const before = shown as Record<string, unknown>;
  return Object.keys(changed).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(before[k]));
}

/** Open services that no window calls: the kiosk would hand out tickets nobody calls. */
export function unservedServices(
  services: readonly AdminService[],
  counters: readonly AdminCounter[],
): AdminService[] {
  return services.filter((s) => s.open && !counters.some((c) => c.services.includes(s.code)));
}

declare global {
  interface HTMLElementEventMap {
    'counter-admin-session-ended': CustomEvent<void>;
  }
}

/**
 * `text` in lines of about `width` characters, broken between words: a chart's axis label (one
 * long line was cut and drawn over its neighbour at 1024 px).
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}
