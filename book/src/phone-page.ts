/**
 * What the booking page and the remote-join page share: the office named in the address, the
 * language picked from it or the phone's, and one request at a time, with the refusal it left.
 */
import { LitElement } from 'lit';
import { pickLanguage, type BookLanguage } from './book-i18n';

export abstract class PhonePage extends LitElement {
  static override properties = {
    language: { state: true },
    error: { state: true },
    busy: { state: true },
    officeNames: { state: true },
  };

  declare protected language: BookLanguage;
  /** The last refusal, in the page's words; cleared when the next request starts. */
  declare protected error: string;
  /** True while a request runs: the page's buttons are disabled. */
  declare protected busy: boolean;
  /** The office's name in each language, once read (the header names the office). */
  declare protected officeNames: Readonly<Record<BookLanguage, string>> | undefined;

  protected readonly params = new URLSearchParams(location.search);
  protected readonly office = this.params.get('office') ?? '';

  constructor() {
    super();
    this.language = pickLanguage(this.params.get('lang'), navigator.languages);
    this.error = '';
    this.busy = false;
    this.officeNames = undefined;
  }

  /** The office's name in the page's language (empty until read). */
  protected officeName(): string {
    return this.officeNames?.[this.language] ?? '';
  }

  /** Runs `work` unless a request is running already; a refusal goes to {@link fail}. */
  protected async run(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await work();
    } catch (err) {
      this.fail(err);
    } finally {
      this.busy = false;
    }
  }

  /** Shows a refusal (and moves the page back a step where the refusal asks for it). */
  protected abstract fail(err: unknown): void;
}
