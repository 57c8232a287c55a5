/**
 * Telegram deep links: a one-time `t.me/<bot>?start=<code>` for a ticket's holder or a case's
 * applicant, and its use (`/start <code>` from a chat), which makes that chat a recipient.
 */
import { randomBytes } from 'node:crypto';
import type { Language } from '../../protocol';
import type { Database } from '../../../db/database';
import type { QueueRepository } from '../../../db/repositories/queue-repository';
import type { CaseRecipientRepository } from '../../../db/repositories/case-recipient-repository';
import type { MessageRepository } from '../../../db/repositories/message-repository';
import { notFound } from '../errors';
import { languageOf, recipientOf } from './recipients';
import type { TelegramChannel } from './telegram-channel';

export interface TelegramLinkDeps {
  db: Database;
  repo: MessageRepository;
  caseRecipients: CaseRecipientRepository;
  queue: QueueRepository;
  now: () => Date;
  /** The bot, when this node has one. */
  telegram: () => TelegramChannel | undefined;
}

export class TelegramLinks {
  constructor(private readonly d: TelegramLinkDeps) {}

  /** The ticket page's Telegram link (undefined: no bot configured). */
  async forTicket(ticketId: string, language?: Language): Promise<string | undefined> {
    const ticket = await this.d.queue.findTicket(ticketId);
    if (!ticket) throw notFound(`ticket ${ticketId}`);
    return this.create({
      officeCode: ticket.officeCode,
      ticketId,
      language: language ?? languageOf(ticket.language),
    });
  }

  /** The case receipt's Telegram link: only for a case whose applicant consented. */
  async forCase(caseNumber: string, staffOffice: string | null): Promise<string | undefined> {
    const r = await this.d.caseRecipients.find(caseNumber);
    if (!r || (staffOffice !== null && staffOffice !== r.officeCode)) return undefined;
    return this.create({ officeCode: r.officeCode, caseNumber, language: r.language });
  }

  /** A one-time `t.me/<bot>?start=<code>` link for a ticket or a case (undefined: no Telegram). */
  async create(link: {
    officeCode: string;
    ticketId?: string;
    caseNumber?: string;
    language: string;
  }): Promise<string | undefined> {
    const telegram = this.d.telegram();
    if (!telegram) return undefined;
    const bot = await telegram.botName();
    const code = randomBytes(12).toString('base64url');
    await this.d.repo.createTelegramLink(link, code, this.d.now());
    return `https://t.me/${bot}?start=${code}`;
  }

  /** `/start <code>` from `chat`: the link's ticket or case now also reaches that chat. */
  async use(code: string, chat: string): Promise<void> {
    const link = await this.d.repo.useTelegramLink(code, chat, this.d.now());
    if (!link) return;
    if (link.ticketId) {
      const ticket = await this.d.queue.findTicket(link.ticketId);
      if (!ticket) return;
      await this.d.db.transaction((t) =>
        this.d.repo.upsertTicketRecipient(
          { ...recipientOf(ticket), phone: null, telegramChat: chat, language: link.language },
          this.d.now(),
          t,
        ),
      );
    } else if (link.caseNumber) {
      await this.d.caseRecipients.setTelegramChat(link.caseNumber, chat);
    }
  }
}
