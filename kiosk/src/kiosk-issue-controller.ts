/**
 * Sends the kiosk's requests for a ticket: one intent at a time, with its idempotency key kept by
 * every retry (so a retry is never a second ticket), and `issuing` for the screen's "please wait".
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { IssueTicket } from '../../server/protocol';
import type { CheckInBooking } from '../../server/protocol/bookings';
import { newIdempotencyKey } from '../../ui/api';
import type { KioskTicket } from './kiosk-issuing';
import { ISSUE_RETRIES, sendIntent, withRetries, type Intent } from './kiosk-send';

export interface IssueHandlers {
  /** A ticket came back. */
  issued(ticket: KioskTicket): void;
  /** The request failed; answer true to keep the intent for a "try again". */
  refused(intent: Intent, error: unknown): boolean;
}

export class KioskIssueController implements ReactiveController {
  /** True while a request is out. */
  issuing = false;
  private intent?: Intent;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: { office: string | undefined; device: string | undefined },
    private readonly handlers: IssueHandlers,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to start: requests begin with a tap.
  }

  /** A new intent: one idempotency key for this tap. */
  start(body: IssueTicket | CheckInBooking): void {
    this.intent = { body, key: newIdempotencyKey() };
    void this.send();
  }

  /** Sends the kept intent again, with its key. */
  retry(): void {
    void this.send();
  }

  /** Drops the kept intent (the citizen went back home). */
  forget(): void {
    if (!this.issuing) this.intent = undefined;
  }

  private async send(): Promise<void> {
    const { office, device } = this.target;
    const intent = this.intent;
    if (this.issuing || !office || !intent) return;
    this.issuing = true;
    this.host.requestUpdate();
    try {
      const issued = await withRetries(() => sendIntent(office, intent, device), ISSUE_RETRIES);
      this.intent = undefined;
      this.handlers.issued(issued);
    } catch (error) {
      if (!this.handlers.refused(intent, error)) this.intent = undefined;
    } finally {
      this.issuing = false;
      this.host.requestUpdate();
    }
  }
}
