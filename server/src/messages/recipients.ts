/** Who a citizen message goes to: a recipient's addresses, its language, a ticket's recipient key. */
import { Language } from '../../protocol';
import type { TicketRecord } from '../../../db/records';
import type { TicketRecipient } from '../../../db/repositories/message-repository';

/** A stored language, or Tajik when it is none we write in. */
export function languageOf(value: string | null | undefined): Language {
  const parsed = Language.safeParse(value);
  return parsed.success ? parsed.data : 'tg';
}

/** The fields that tie a recipient to its ticket. */
export function recipientOf(
  ticket: TicketRecord,
): Pick<TicketRecipient, 'ticketId' | 'officeCode' | 'day'> {
  return { ticketId: ticket.id, officeCode: ticket.officeCode, day: ticket.day };
}

/** Each channel a recipient can be reached on, with its address there. */
export function addresses(r: {
  phone: string | null;
  telegramChat: string | null;
}): Array<['sms' | 'telegram', string]> {
  const out: Array<['sms' | 'telegram', string]> = [];
  if (r.phone) out.push(['sms', r.phone]);
  if (r.telegramChat) out.push(['telegram', r.telegramChat]);
  return out;
}
