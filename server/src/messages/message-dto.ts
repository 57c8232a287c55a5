/** The admin's view of an outbox row (GET …/messages): the number masked but for its last 3 digits. */
import { maskPhone, type Language } from '../../protocol';
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
    text: m.text,
    status: m.status,
    attempts: m.attempts,
    parts: m.parts,
    createdAt: m.createdAt.toISOString(),
  };
  if (m.gateway) dto.gateway = m.gateway;
  if (m.sentAt) dto.sentAt = m.sentAt.toISOString();
  if (m.deliveredAt) dto.deliveredAt = m.deliveredAt.toISOString();
  if (m.error) dto.error = m.error;
  if (m.ticketId) dto.ticket = m.ticketId;
  if (m.caseNumber) dto.case = m.caseNumber;
  return dto;
}
