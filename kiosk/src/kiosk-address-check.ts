/**
 * What the kiosk's address names: an office the server knows (the socket's refusal says), and a
 * kiosk code (`kiosk=K1`) the office knows. A kiosk started with a code nobody added would look ready
 * and refuse every tap, so it says so on its screen instead; asked once, when the page starts.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Language } from '../../server/protocol';
import { ErrorCode } from '../../server/protocol/constants';
import { ApiError, call } from '../../ui/api';
import { translate } from '../../ui/i18n';
import { officeNotice } from '../../ui/page-params';

export class KioskAddressCheck implements ReactiveController {
  private unknown = false;
  /** The office itself is unknown (found before the socket says so: its notice, not the kiosk's). */
  private noOffice = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly page: { office?: string; kiosk?: string },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const { office, kiosk } = this.page;
    if (!office || !kiosk) return;
    void this.check(office, kiosk);
  }

  private async check(office: string, kiosk: string): Promise<void> {
    const missing = (error: unknown) =>
      error instanceof ApiError && error.code === ErrorCode.notFound;
    try {
      await call('kioskPrinter', { params: { office, code: kiosk } });
      return;
    } catch (error) {
      if (!missing(error)) return;
    }
    // Which is missing, the kiosk or its office? (The same 404 either way.)
    this.noOffice = await call('office', { params: { office } }).then(
      () => false,
      (error: unknown) => missing(error),
    );
    this.unknown = !this.noOffice;
    this.host.requestUpdate();
  }

  /** What the screen says instead of itself: no office, an unknown one, an unknown kiosk code. */
  notice(language: Language, refused: string | undefined): string | undefined {
    const office = officeNotice(
      language,
      this.page.office,
      refused ?? (this.noOffice ? ErrorCode.notFound : undefined),
    );
    if (office || !this.unknown) return office;
    return translate(language, 'unknownKiosk', { kiosk: this.page.kiosk ?? '' });
  }
}
