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
  /** Instead of the wait while no open window with a clerk serves the service. */
  readonly noWindowYet: string;
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
    noWindowYet:
      'Ҳоло ягон равзана барои ин хизмат кушода нест. Вақте ки кушода шавад, шуморо даъват мекунанд.',
    peopleAhead: (count) => `Пеш аз шумо: ${count} нафар`,
    wait: (minutes) => `Интизорӣ ~${minutes} дақ.`,
    scanToFollow: 'Барои пайгирии навбат QR-кодро скан кунед',
    appointment: (time) => `Қайд барои соати ${time}`,
  },
  ru: {
    yourTicket: 'Ваш номер',
    ticket: 'Талон',
    youAreNext: 'Вы следующий',
    noWindowYet:
      'Сейчас ни одно окно не принимает по этой услуге. Вас вызовут, когда окно откроется.',
    peopleAhead: (count) => `Перед вами: ${count} чел.`,
    wait: (minutes) => `Ожидание ~${minutes} мин`,
    scanToFollow: 'Следите за очередью по QR-коду',
    appointment: (time) => `Запись на ${time}`,
  },
  uz: {
    yourTicket: 'Sizning navbat raqamingiz',
    ticket: 'Navbat',
    youAreNext: 'Keyingi navbat sizniki',
    noWindowYet: 'Hozir bu xizmat uchun ochiq oyna yoʻq. Oyna ochilganda sizni chaqirishadi.',
    peopleAhead: (count) => `Sizdan oldin: ${count} kishi`,
    wait: (minutes) => `Kutish ~${minutes} daq.`,
    scanToFollow: 'Navbatni QR-kod orqali kuzatib boring',
    appointment: (time) => `Qabul vaqti: ${time}`,
  },
  en: {
    yourTicket: 'Your ticket',
    ticket: 'Ticket',
    youAreNext: 'You are next',
    noWindowYet: 'No window serves this yet. You will be called when one opens.',
    peopleAhead: (count) => `People ahead: ${count}`,
    wait: (minutes) => `Wait ~${minutes} min`,
    scanToFollow: 'Scan to follow your place in the queue',
    appointment: (time) => `Appointment at ${time}`,
  },
};
