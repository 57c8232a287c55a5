/**
 * The office's priorities as an editable table (code and a name per language, moved up and down):
 * its rows, their checks before saving, and its rendering inside the settings form.
 */
import { html, type ReactiveController, type ReactiveElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Language, Names } from '../../../server/protocol';
import { hasVisibleText } from '../../../server/protocol/visible-text';
import type { LocalizeController } from '../../../ui/controllers/localize-controller';
import { LANGUAGES, translate } from '../../../ui/i18n/staff';
import { namesOf } from './admin-tab';

/** One row of the priority table; `key` keeps an input's identity while rows move. */
interface PriorityRow {
  key: number;
  code: string;
  names: Names;
}

const CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** A priority as saved: its code and its name in each language. */
interface PriorityValue {
  code: string;
  names: Names;
}

/** The rows of the priority table and what can be done to them. */
export class PriorityTable implements ReactiveController {
  /** The rows as edited. */
  rows: PriorityRow[] = [];
  private nextKey = 1;
  private readonly host: ReactiveElement;
  private readonly l10n: LocalizeController;

  constructor(host: ReactiveElement, l10n: LocalizeController) {
    this.host = host;
    this.l10n = l10n;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Starts again from saved priorities. */
  show(priorities: readonly PriorityValue[]): void {
    this.change(priorities.map((p) => ({ ...p, key: this.nextKey++ })));
  }

  /** The priorities as the API takes them. */
  value(): PriorityValue[] {
    return this.rows.map((p) => ({
      code: p.code,
      names: namesOf((l) => p.names[l].trim()),
    }));
  }

  private change(rows: PriorityRow[]): void {
    this.rows = rows;
    this.host.requestUpdate();
  }

  private set(index: number, change: Partial<PriorityRow>): void {
    this.change(this.rows.map((p, i) => (i === index ? { ...p, ...change } : p)));
  }

  private move(index: number, by: -1 | 1): void {
    const list = [...this.rows];
    const [row] = list.splice(index, 1);
    if (!row) return;
    list.splice(index + by, 0, row);
    this.change(list);
  }

  private readonly onAdd = (): void => {
    const empty: Names = { tg: '', ru: '', uz: '', en: '' };
    this.change([...this.rows, { key: this.nextKey++, code: '', names: empty }]);
    void this.host.updateComplete.then(() =>
      this.host.renderRoot
        .querySelector<HTMLInputElement>('tbody.priorities tr:last-child input[name="p-code"]')
        ?.focus(),
    );
  };

  /** What is wrong with the rows, in the page's language; empty when they can be saved. */
  problems(): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    this.rows.forEach((p, i) => {
      const n = i + 1;
      if (!CODE_PATTERN.test(p.code) || p.code === 'none') {
        problems.push(this.l10n.t('adminPriorityCodeInvalid', { n }));
      } else if (seen.has(p.code)) {
        problems.push(this.l10n.t('adminPriorityCodeTaken', { n, code: p.code }));
      }
      seen.add(p.code);
      if (LANGUAGES.some((l) => !hasVisibleText(p.names[l]))) {
        problems.push(this.l10n.t('adminPriorityNamesMissing', { n }));
      }
    });
    return problems;
  }

  /** A row's code field. */
  private renderCode(p: PriorityRow, i: number) {
    return html`<td>
      <input
        name="p-code"
        size="12"
        aria-label=${this.l10n.t('adminPriorityCodeOf', { n: i + 1 })}
        .value=${p.code}
        @input=${(e: Event) =>
          this.set(i, {
            code: (e.target as HTMLInputElement).value.trim(),
          })}
      />
    </td>`;
  }

  /** A row's name in language `l`. */
  private renderName(p: PriorityRow, i: number, l: Language) {
    return html`<td>
      <input
        name="p-name-${l}"
        size="16"
        lang=${l}
        aria-label=${this.l10n.t('adminPriorityNameOf', {
          n: i + 1,
          lang: translate(l, 'languageName'),
        })}
        .value=${p.names[l]}
        @input=${(e: Event) =>
          this.set(i, {
            names: { ...p.names, [l]: (e.target as HTMLInputElement).value },
          })}
      />
    </td>`;
  }

  /** A row's buttons: up, down, remove. */
  private renderActions(i: number) {
    const n = i + 1;
    return html`<td class="row-actions">
      <button
        type="button"
        class="secondary"
        aria-label=${this.l10n.t('adminMoveUp', { n })}
        ?disabled=${i === 0}
        @click=${() => this.move(i, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        class="secondary"
        aria-label=${this.l10n.t('adminMoveDown', { n })}
        ?disabled=${i === this.rows.length - 1}
        @click=${() => this.move(i, 1)}
      >
        ↓
      </button>
      <button
        type="button"
        class="secondary"
        aria-label=${this.l10n.t('adminRemoveRow', { n })}
        @click=${() => this.change(this.rows.filter((_, k) => k !== i))}
      >
        ✕
      </button>
    </td>`;
  }

  private renderTable() {
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${this.l10n.t('adminPriorityCode')}</th>
          ${LANGUAGES.map((l) => html`<th scope="col">${translate(l, 'languageName')}</th>`)}
          <th scope="col"><span class="sr-only">${this.l10n.t('actions')}</span></th>
        </tr>
      </thead>
      <tbody class="priorities">
        ${repeat(
          this.rows,
          (p) => p.key,
          (p, i) =>
            html`<tr data-code=${p.code}>
              ${this.renderCode(p, i)} ${LANGUAGES.map((l) => this.renderName(p, i, l))}
              ${this.renderActions(i)}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** The table, with its add button. */
  render() {
    return html`<fieldset class="priorities">
      <legend>${this.l10n.t('adminPriorities')}</legend>
      <p class="muted" style="flex-basis:100%;margin:0">${this.l10n.t('adminPrioritiesHint')}</p>
      ${
        this.rows.length
          ? this.renderTable()
          : html`<p class="muted">${this.l10n.t('adminNoPriorities')}</p>`
      }
      <button type="button" class="secondary" @click=${this.onAdd}>
        ${this.l10n.t('adminAddPriority')}
      </button>
    </fieldset>`;
  }
}
