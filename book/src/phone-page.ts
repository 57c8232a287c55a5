/**
 * What the booking page and the remote-join page share: the office named in the address, the
 * language picked from it or the phone's, and one request at a time, with the refusal it left.
 */
import { LitElement } from 'lit';
import { offeredBookLanguages, pickLanguage, type BookLanguage } from './book-i18n';
import type { PublicOffice } from './book-api';

export abstract class PhonePage extends LitElement {
  static override properties = {
    language: { state: true },
    error: { state: true },
    busy: { state: true },
    officeNames: { state: true },
    offered: { state: true },
  };

  declare protected language: BookLanguage;
  /** The last refusal, in the page's words; cleared when the next request starts. */
  declare protected error: string;
  /** True while a request runs: the page's buttons are disabled. */
  declare protected busy: boolean;
  /** The office's name in each language, once read (the header names the office). */
  declare protected officeNames: Readonly<Record<BookLanguage, string>> | undefined;
  /** The languages the header offers: the office's once read, all four before. */
  declare protected offered: readonly BookLanguage[];

  protected readonly params = new URLSearchParams(location.search);
  protected readonly office = this.params.get('office') ?? '';

  constructor() {
    super();
    this.language = pickLanguage(this.params.get('lang'), navigator.languages);
    this.error = '';
    this.busy = false;
    this.officeNames = undefined;
    this.offered = offeredBookLanguages(undefined);
  }

  /**
   * What the page shows of the office once read: its name, and only its languages (a page opened in
   * one the office does not offer turns to the first that fits the address and the phone).
   */
  protected useOffice(office: Pick<PublicOffice, 'names' | 'languages'>): void {
    this.officeNames = office.names;
    this.offered = offeredBookLanguages(office.languages);
    if (!this.offered.includes(this.language)) {
      this.setLanguage(pickLanguage(this.params.get('lang'), navigator.languages, this.offered));
    }
  }

  /** Turns the page to `language`; a refusal shown in the old one goes. */
  protected setLanguage(language: BookLanguage): void {
    this.language = language;
    document.documentElement.lang = language;
    this.error = '';
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
