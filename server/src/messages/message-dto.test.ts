/**
 * What the admin's outbox shows of a text: a real gateway's messages without the holder's key or a
 * confirmation code (they reached a citizen); the log gateway's whole (nothing left the server, and
 * the outbox is where the demo's codes are read).
 */
import type { OutboxRecord } from '../../../db/repositories/outbox-records';
import { toDto } from './message-dto';

const row = (gateway: string | null, template: string, text: string): OutboxRecord => ({
  id: 'm1',
  officeCode: 'kulob',
  ticketId: null,
  caseNumber: null,
  channel: 'sms',
  gateway,
  to: '+992901234567',
  template,
  language: 'ru',
  text,
  status: 'sent',
  attempts: 1,
  parts: 1,
  nextAttemptAt: new Date('2026-12-05T10:00:00Z'),
  expiresAt: null,
  providerId: null,
  error: null,
  createdAt: new Date('2026-12-05T10:00:00Z'),
  sentAt: new Date('2026-12-05T10:00:01Z'),
  deliveredAt: null,
});

const CODE = 'Код подтверждения: 482913. Никому его не сообщайте.';
const LINK = 'A014: https://navbat.example.tj/t/3f0c2a9e-1b7d-4c55-9a42-6d1e0f3b8c21#k3Yq_9x';

describe('the admin outbox text', () => {
  it.each(['smpp', 'http', null])('hides a code and a holder key sent by %s', (gateway) => {
    expect(toDto(row(gateway, 'booking_code', CODE)).text).toBe(
      'Код подтверждения: ••••••. Никому его не сообщайте.',
    );
    expect(toDto(row(gateway, 'ticket_issued', LINK)).text).toBe(
      'A014: https://navbat.example.tj/t/3f0c2a9e-1b7d-4c55-9a42-6d1e0f3b8c21#…',
    );
  });

  it('shows the log gateway’s texts whole: nothing left the server', () => {
    expect(toDto(row('log', 'booking_code', CODE)).text).toBe(CODE);
    expect(toDto(row('log', 'ticket_issued', LINK)).text).toBe(LINK);
  });
});

describe('a gateway’s error as the admin reads it', () => {
  it('masks a number the gateway echoed, as the list masks numbers, and nothing else', () => {
    const failed = {
      ...row('http', 'ticket_issued', 'A014'),
      status: 'failed' as const,
      error:
        'the SMS gateway answered 400 {"error":"invalid destination +992901234567 (992901234567)"}',
    };
    expect(toDto(failed).error).toBe(
      'the SMS gateway answered 400 {"error":"invalid destination +•••••••••567 (•••••••••567)"}',
    );
    const status = { ...failed, error: 'the SMSC refused it (0x0000000B) at 127.0.0.1:2775' };
    expect(toDto(status).error).toBe(status.error);
  });
});
