/**
 * The admin's view of an outbox row (GET …/messages): the number masked but for its last 3 digits,
 * and the text without what only its recipient may hold (the ticket holder's key in a link, a
 * confirmation code) unless nothing was sent (the log gateway keeps it for the admin to read).
 */
import { maskPhone, maskPhonesIn, type Language } from '../../protocol';
import type { MessageDto, TemplateKey } from '../../protocol/messages';
import type { OutboxRecord } from '../../../db/repositories/outbox-records';

/** The admin's view of a row: the number masked but for its last 3 digits. */
export function toDto(m: OutboxRecord): MessageDto {
  const dto: MessageDto = {
    id: m.id,
    channel: m.channel,
    to: m.to.startsWith('tg:') ? `tg:${maskPhone(m.to.slice(3))}` : maskPhone(m.to),
    template: m.template as TemplateKey,
    language: m.language as Language,
    // The log gateway (SMS_URL=log, the demo's) sends nothing: the outbox is the only place its
    // texts are read, so they are shown whole; a real gateway's are not.
    text: m.gateway === 'log' ? m.text : withoutSecrets(m.template, m.text),
    status: m.status,
    attempts: m.attempts,
    parts: m.parts,
    createdAt: m.createdAt.toISOString(),
  };
  if (m.gateway) dto.gateway = m.gateway;
  if (m.sentAt) dto.sentAt = m.sentAt.toISOString();
  if (m.deliveredAt) dto.deliveredAt = m.deliveredAt.toISOString();
  if (m.error) dto.error = maskPhonesIn(m.error);
  if (m.ticketId) dto.ticket = m.ticketId;
  if (m.caseNumber) dto.case = m.caseNumber;
  return dto;
}

/**
 * A text as the admin may read it. The holder's key (the fragment of a `/t/<id>#<key>` link) lets
 * its bearer stop or redirect the citizen's messages, and a confirmation code proves the phone: the
 * outbox shows that they were sent, not what they were.
 */
export function withoutSecrets(template: string, text: string): string {
  const linked = text.replace(/(\/t\/[0-9a-f-]{36})#[A-Za-z0-9_-]+/gi, '$1#…');
  return template === 'booking_code' ? linked.replace(/\d/g, '•') : linked;
}
