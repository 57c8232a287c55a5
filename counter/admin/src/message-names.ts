/** The outbox's statuses and the templates' keys as the administrator reads them (Messages tab). */
import { html } from 'lit';
import { translate } from '../../../ui/i18n/staff';
import {
  Languages,
  type Language,
  type TemplateKey,
  type TemplateProblem,
} from '../../../server/protocol';
import { MESSAGE_WORDS } from './message-words';

/** An outbox status in the page's language (an unknown one as it came). */
export function statusName(status: string, language: Language): string {
  const words: Readonly<Record<string, string>> = MESSAGE_WORDS[language].status;
  return words[status] ?? status;
}

/** A template's name in the page's language (an unknown key as it came). */
export function templateName(template: string, language: Language): string {
  const words: Readonly<Record<string, string>> = MESSAGE_WORDS[language].template;
  return words[template as TemplateKey] ?? template;
}

/** A language by its own name ("Тоҷикӣ", "Русский"), as the language switches show it. */
export function languageName(code: string): string {
  return (Languages as readonly string[]).includes(code)
    ? translate(code as Language, 'languageName')
    : code;
}

/** What is wrong with a template's text, shown beside it in the page's language. */
export function problemView(problem: TemplateProblem, language: Language) {
  const words = MESSAGE_WORDS[language];
  const list = (names: readonly string[]) => names.map((n) => `{${n}}`).join(' ');
  const text =
    problem.kind === 'brace'
      ? words.brace
      : words.unknown
          .replace('{names}', () => list(problem.names))
          .replace('{allowed}', () => list(problem.allowed));
  return html`<p class="note error" role="alert" data-testid="template-problem">${text}</p>`;
}
