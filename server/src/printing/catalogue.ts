/** Ticket labels in the four kiosk languages; the printer has no other source of text literals. */
import type { Language } from '../../protocol';

/** The labels printed around the ticket number. */
export interface TicketLabels {
  /** Above the big number. */
  readonly yourTicket: string;
  /** Short word for "ticket" in the second-language line ("Талон A014: …"). */
  readonly ticket: string;
  /** Shown instead of the people-ahead and wait lines when nobody is ahead. */
  readonly youAreNext: string;
  readonly peopleAhead: (count: number) => string;
  readonly wait: (minutes: number) => string;
  /** Under the QR code. */
  readonly scanToFollow: string;
  /** A checked-in booking's time (`HH:MM`, office clock). */
  readonly appointment: (time: string) => string;
}

/** One catalogue per language: Tajik in Cyrillic with its own letters, Uzbek in Latin. */
export const ticketLabels: Readonly<Record<Language, TicketLabels>> = {
  tg: {
    yourTicket: 'Рақами навбати шумо',
    ticket: 'Навбат',
    youAreNext: 'Навбати шумо баъдӣ аст',
    peopleAhead: (count) => `Пеш аз шумо: ${count} нафар`,
    wait: (minutes) => `Интизорӣ ~${minutes} дақ.`,
    scanToFollow: 'Барои пайгирии навбат QR-кодро скан кунед',
    appointment: (time) => `Қайд барои соати ${time}`,
  },
  ru: {
    yourTicket: 'Ваш номер',
    ticket: 'Талон',
    youAreNext: 'Вы следующий',
    peopleAhead: (count) => `Перед вами: ${count} чел.`,
    wait: (minutes) => `Ожидание ~${minutes} мин`,
    scanToFollow: 'Следите за очередью по QR-коду',
    appointment: (time) => `Запись на ${time}`,
  },
  uz: {
    yourTicket: 'Sizning navbat raqamingiz',
    ticket: 'Navbat',
    youAreNext: 'Keyingi navbat sizniki',
    peopleAhead: (count) => `Sizdan oldin: ${count} kishi`,
    wait: (minutes) => `Kutish ~${minutes} daq.`,
    scanToFollow: 'Navbatni QR-kod orqali kuzatib boring',
    appointment: (time) => `Qabul vaqti: ${time}`,
  },
  en: {
    yourTicket: 'Your ticket',
    ticket: 'Ticket',
    youAreNext: 'You are next',
    peopleAhead: (count) => `People ahead: ${count}`,
    wait: (minutes) => `Wait ~${minutes} min`,
    scanToFollow: 'Scan to follow your place in the queue',
    appointment: (time) => `Appointment at ${time}`,
  },
};
