/**
 * The kiosk's steps after the home screen, as one template function (kiosk-app.ts keeps the state and
 * hands in what each step shows): priority, case number, booking code, the issued ticket.
 */
import { html } from 'lit';
import type { Language, PriorityCategory } from '../../server/protocol';
import type { PrioritySelectDetail } from './kiosk-priority-step';
import type { CaseSubmitDetail } from './kiosk-case-keypad';
import type { BookingProblem, BookingSubmitDetail } from './kiosk-booking-keypad';
import { appointmentTime, type KioskTicket } from './kiosk-issuing';
import type { Translate } from './kiosk-app-views';
import './kiosk-booking-keypad';
import './kiosk-case-keypad';
import './kiosk-priority-step';
import './kiosk-ticket-view';

/** Where the citizen is, past the home screen. */
export type InnerStep =
  | { kind: 'priority'; service?: string }
  | { kind: 'case'; priority: string }
  | { kind: 'booking' }
  | { kind: 'ticket'; issued: KioskTicket };

export interface StepInput {
  t: Translate;
  language: Language;
  priorities: readonly PriorityCategory[];
  busy: boolean;
  caseNotFound: string | undefined;
  bookingProblem: BookingProblem | undefined;
  printerOffline: boolean;
  timeZone: string | undefined;
  casePrefix: string;
  caseYears: number[];
  serviceName: (code: string) => string;
  /** The ticket's public page (its QR). */
  /** The ticket page's address with the holder's key, for the QR code. */
  ticketUrl: (id: string, holderKey: string) => string;
}

export interface StepHandlers {
  prioritySelect: (event: CustomEvent<PrioritySelectDetail>) => void;
  caseSubmit: (event: CustomEvent<CaseSubmitDetail>) => void;
  bookingSubmit: (event: CustomEvent<BookingSubmitDetail>) => void;
  back: () => void;
  done: () => void;
}

/** One step's screen. */
export function stepView(step: InnerStep, input: StepInput, on: StepHandlers) {
  const { t, language } = input;
  switch (step.kind) {
    case 'priority':
      return html`<kiosk-priority-step
        .priorities=${input.priorities}
        serviceName=${step.service ? input.serviceName(step.service) : t('kioskHaveCase')}
        language=${language}
        @kiosk-priority-select=${on.prioritySelect}
        @kiosk-back=${on.back}
      ></kiosk-priority-step>`;
    case 'case':
      return html`<kiosk-case-keypad
        prefix=${input.casePrefix}
        .years=${input.caseYears}
        language=${language}
        .notFound=${input.caseNotFound}
        ?busy=${input.busy}
        @kiosk-case-submit=${on.caseSubmit}
        @kiosk-back=${on.back}
      ></kiosk-case-keypad>`;
    case 'booking':
      return html`<kiosk-booking-keypad
        language=${language}
        .problem=${input.bookingProblem}
        ?busy=${input.busy}
        @kiosk-booking-submit=${on.bookingSubmit}
        @kiosk-back=${on.back}
      ></kiosk-booking-keypad>`;
    case 'ticket': {
      const { ticket, print, late, holderKey } = step.issued;
      const priority = input.priorities.find((p) => p.code === ticket.priority);
      return html`<kiosk-ticket-view
        .ticket=${ticket}
        serviceName=${input.serviceName(ticket.service)}
        priorityName=${priority ? priority.names[language] : ''}
        printStatus=${print.status}
        ?printerOffline=${input.printerOffline}
        ticketUrl=${input.ticketUrl(ticket.id, holderKey)}
        holderKey=${holderKey}
        appointmentTime=${appointmentTime(ticket, input.timeZone)}
        ?late=${late === true}
        language=${language}
        @kiosk-done=${on.done}
      ></kiosk-ticket-view>`;
    }
  }
}
