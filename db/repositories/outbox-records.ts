/**
 * The rows of an outbox table (the queue's `messages`, the registry's `case_messages`) as plain
 * records: a message as stored, a new one to write, and what became of a claimed one.
 */
export type OutboxStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'expired';

export interface OutboxRecord {
  id: string;
  officeCode: string;
  ticketId: string | null;
  caseNumber: string | null;
  channel: 'sms' | 'telegram';
  gateway: string | null;
  to: string;
  template: string;
  language: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  parts: number;
  nextAttemptAt: Date;
  expiresAt: Date | null;
  providerId: string | null;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
}

export interface NewOutboxMessage {
  officeCode: string;
  ticketId?: string;
  caseNumber?: string;
  channel: 'sms' | 'telegram';
  to: string;
  template: string;
  language: string;
  text: string;
  /** One message per event and recipient: a second insert with this key is a no-op. */
  dedupeKey: string;
  nextAttemptAt: Date;
  expiresAt?: Date;
}

/** A row as the SQL hands it back. */
export interface OutboxRow {
  id: string;
  office_code: string;
  ticket_id: string | null;
  case_number: string | null;
  channel: string;
  gateway: string | null;
  to_address: string;
  template: string;
  language: string;
  text: string;
  status: string;
  attempts: number;
  parts: number;
  next_attempt_at: Date | string;
  expires_at: Date | string | null;
  provider_id: string | null;
  error: string | null;
  created_at: Date | string;
  sent_at: Date | string | null;
  delivered_at: Date | string | null;
}

/** What became of one claimed message. */
export type OutboxOutcome =
  | {
      kind: 'sent';
      id: string;
      parts: number;
      providerId: string | null;
      now: Date;
      delivered?: boolean;
    }
  | { kind: 'retry'; id: string; next: Date; error: string }
  | { kind: 'postpone'; id: string; next: Date }
  | { kind: 'failed' | 'expired'; id: string; error: string };

/** A DATETIME as the dialect hands it back (a Date from mysql2, a string from SQLite). */
function toDate(v: Date | string): Date {
  return v instanceof Date ? v : new Date(v.replace(' ', 'T').replace(' +00:00', 'Z'));
}

/** A stored row as a record. */
export function toRecord(r: OutboxRow): OutboxRecord {
  return {
    id: r.id,
    officeCode: r.office_code,
    ticketId: r.ticket_id,
    caseNumber: r.case_number,
    channel: r.channel === 'telegram' ? 'telegram' : 'sms',
    gateway: r.gateway,
    to: r.to_address,
    template: r.template,
    language: r.language,
    text: r.text,
    status: r.status as OutboxStatus,
    attempts: Number(r.attempts),
    parts: Number(r.parts),
    nextAttemptAt: toDate(r.next_attempt_at),
    expiresAt: r.expires_at === null ? null : toDate(r.expires_at),
    providerId: r.provider_id,
    error: r.error,
    createdAt: toDate(r.created_at),
    sentAt: r.sent_at === null ? null : toDate(r.sent_at),
    deliveredAt: r.delivered_at === null ? null : toDate(r.delivered_at),
  };
}

/**
 * How a failed message's error begins when the gateway may have taken it (no answer came): it is
 * not sent again, and it counts toward its number's daily cap as a sent one does.
 */
export const IN_DOUBT = 'in doubt: ';
/** How a message's error begins when its node stopped while submitting it (in doubt as well). */
export const INTERRUPTED = 'interrupted while submitting';
