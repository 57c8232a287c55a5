/** The outbox's statuses and the templates' keys as the administrator reads them (Messages tab). */
import { html } from 'lit';
import { translate, type MessageKey } from '../../../ui/i18n';
import {
  Languages,
  type Language,
  type TemplateKey,
  type TemplateProblem,
} from '../../../server/protocol';

/** The page's words (its LocalizeController). */
interface Words {
  t(key: MessageKey, params?: Record<string, string>): string;
}

/** An outbox status in the administrator's language (`sending` is a row mid-submit). */
const STATUS_NAMES: Readonly<Record<string, MessageKey>> = {
  queued: 'adminMsgQueued',
  sending: 'adminMsgSending',
  sent: 'adminMsgSent',
  delivered: 'adminMsgDelivered',
  failed: 'adminMsgFailed',
  expired: 'adminMsgExpired',
};

/** What each template says, in the administrator's language. */
const TEMPLATE_NAMES: Readonly<Record<TemplateKey, MessageKey>> = {
  ticket_issued: 'adminTplTicketIssued',
  ticket_ahead: 'adminTplTicketAhead',
  ticket_called: 'adminTplTicketCalled',
  case_submitted: 'adminTplCaseSubmitted',
  case_returned: 'adminTplCaseReturned',
  case_registered: 'adminTplCaseRegistered',
  case_ready: 'adminTplCaseReady',
  case_issued: 'adminTplCaseIssued',
  booking_code: 'adminTplBookingCode',
  booking_confirmed: 'adminTplBookingConfirmed',
  booking_reminder_day: 'adminTplBookingReminderDay',
  booking_reminder_hour: 'adminTplBookingReminderHour',
  booking_cancelled: 'adminTplBookingCancelled',
  test: 'adminTplTest',
};

/** An outbox status in the page's language (an unknown one as it came). */
export function statusName(status: string, words: Words): string {
  const key = STATUS_NAMES[status];
  return key ? words.t(key) : status;
}

/** A template's name in the page's language (an unknown key as it came). */
export function templateName(template: string, words: Words): string {
  const key = (TEMPLATE_NAMES as Readonly<Record<string, MessageKey>>)[template];
  return key ? words.t(key) : template;
}

/** What is wrong with a template's text, shown beside it in the page's language. */
export function problemView(problem: TemplateProblem, words: Words) {
  const list = (names: readonly string[]) => names.map((n) => `{${n}}`).join(' ');
  const text =
    problem.kind === 'brace'
      ? words.t('adminMessagesStrayBrace')
      : words.t('adminMessagesUnknownPlaceholders', {
          names: list(problem.names),
          allowed: list(problem.allowed),
        });
  return html`<p class="note error" role="alert" data-testid="template-problem">${text}</p>`;
}

/** A language by its own name ("Тоҷикӣ", "Русский"), as the language switches show it. */
export function languageName(code: string): string {
  return (Languages as readonly string[]).includes(code)
    ? translate(code as Language, 'languageName')
    : code;
}
