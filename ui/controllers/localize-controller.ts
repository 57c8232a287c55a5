/** The page's words for a component: `t(key, params)` in the language its host shows. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Language } from '../../server/protocol';
import { translate, type MessageKey } from '../i18n';

/** Values filled into a message's `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/**
 * Translates through the catalogue in the host's current language (read at each call, so a changed
 * `language` property needs nothing more than the re-render it already causes).
 */
export class LocalizeController implements ReactiveController {
  private readonly language: () => Language;

  constructor(host: ReactiveControllerHost, language: () => Language) {
    this.language = language;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The host's language now. */
  get lang(): Language {
    return this.language();
  }

  /** The message `key` in the host's language, with `params` filled in. */
  t(key: MessageKey, params?: MessageParams): string {
    return translate(this.language(), key, params);
  }

  /** A name given in every language (a service's, a priority's), in the host's one. */
  name(names: Readonly<Record<Language, string>> | undefined, fallback: string): string {
    return names?.[this.language()] ?? fallback;
  }
}
