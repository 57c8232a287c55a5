/**
 * The Messages tab's own words: the outbox's statuses, the templates' names, what is wrong with a
 * template. Kept with the admin page, out of the catalogues every page loads (the kiosk's script has
 * a budget: e2e/kiosk-size.test.ts).
 */
import type { Language, TemplateKey } from '../../../server/protocol';

export interface MessageWords {
  /** An outbox status (`sending`: a row mid-submit). */
  status: Readonly<
    Record<'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'expired', string>
  >;
  /** What each template says. */
  template: Readonly<Record<TemplateKey, string>>;
  /** Placeholders the template is not given: `{names}`, and those it takes: `{allowed}`. */
  unknown: string;
  /** A brace outside a placeholder. */
  brace: string;
}

export const MESSAGE_WORDS: Readonly<Record<Language, MessageWords>> = {
  tg: {
    status: {
      queued: 'Дар навбат',
      sending: 'Фиристода мешавад',
      sent: 'Фиристода шуд',
      delivered: 'Расонида шуд',
      failed: 'Фиристода нашуд',
      expired: 'Мӯҳлаташ гузашт',
    },
    template: {
      ticket_issued: 'Чипта дода шуд',
      ticket_ahead: 'Навбат наздик аст',
      ticket_called: 'Чипта даъват шуд',
      case_submitted: 'Парванда супорида шуд',
      case_returned: 'Парванда баргардонида шуд',
      case_registered: 'Санад сабт шуд',
      case_ready: 'Шаҳодатнома омода аст',
      case_issued: 'Шаҳодатнома дода шуд',
      booking_code: 'Рамзи навбат ба вақт',
      booking_confirmed: 'Навбат ба вақт тасдиқ шуд',
      booking_reminder_day: 'Ёдрасонӣ як рӯз пеш',
      booking_reminder_hour: 'Ёдрасонӣ як соат пеш',
      booking_cancelled: 'Навбат ба вақт бекор шуд',
      test: 'Паёми санҷишӣ',
    },
    unknown: '{names}: ба ин паём гузошта намешавад. Мумкин: {allowed}.',
    brace: 'Қавс берун аз ивазкунанда: ивазкунандаҳо чунин навишта мешаванд: {ticket}.',
  },
  ru: {
    status: {
      queued: 'В очереди',
      sending: 'Отправляется',
      sent: 'Отправлено',
      delivered: 'Доставлено',
      failed: 'Не отправлено',
      expired: 'Просрочено',
    },
    template: {
      ticket_issued: 'Талон выдан',
      ticket_ahead: 'Очередь подходит',
      ticket_called: 'Талон вызван',
      case_submitted: 'Дело подано',
      case_returned: 'Дело возвращено',
      case_registered: 'Акт зарегистрирован',
      case_ready: 'Свидетельство готово',
      case_issued: 'Свидетельство выдано',
      booking_code: 'Код записи',
      booking_confirmed: 'Запись подтверждена',
      booking_reminder_day: 'Напоминание за день',
      booking_reminder_hour: 'Напоминание за час',
      booking_cancelled: 'Запись отменена',
      test: 'Тестовое сообщение',
    },
    unknown: '{names}: не подставляется в это сообщение. Можно: {allowed}.',
    brace: 'Скобка вне подстановки: подстановки пишутся так: {ticket}.',
  },
  uz: {
    status: {
      queued: 'Navbatda',
      sending: 'Yuborilmoqda',
      sent: 'Yuborildi',
      delivered: 'Yetkazildi',
      failed: 'Yuborilmadi',
      expired: 'Muddati oʻtdi',
    },
    template: {
      ticket_issued: 'Chipta berildi',
      ticket_ahead: 'Navbat yaqinlashmoqda',
      ticket_called: 'Chipta chaqirildi',
      case_submitted: 'Ish topshirildi',
      case_returned: 'Ish qaytarildi',
      case_registered: 'Dalolatnoma qayd etildi',
      case_ready: 'Guvohnoma tayyor',
      case_issued: 'Guvohnoma berildi',
      booking_code: 'Yozilish kodi',
      booking_confirmed: 'Yozilish tasdiqlandi',
      booking_reminder_day: 'Bir kun oldin eslatma',
      booking_reminder_hour: 'Bir soat oldin eslatma',
      booking_cancelled: 'Yozilish bekor qilindi',
      test: 'Sinov xabari',
    },
    unknown: '{names}: bu xabarga qoʻyilmaydi. Mumkin: {allowed}.',
    brace: 'Oʻrinbosardan tashqaridagi qavs: oʻrinbosarlar shunday yoziladi: {ticket}.',
  },
  en: {
    status: {
      queued: 'Queued',
      sending: 'Sending',
      sent: 'Sent',
      delivered: 'Delivered',
      failed: 'Failed',
      expired: 'Expired',
    },
    template: {
      ticket_issued: 'Ticket issued',
      ticket_ahead: 'Turn approaching',
      ticket_called: 'Ticket called',
      case_submitted: 'Case submitted',
      case_returned: 'Case returned',
      case_registered: 'Act registered',
      case_ready: 'Certificate ready',
      case_issued: 'Certificate issued',
      booking_code: 'Booking code',
      booking_confirmed: 'Booking confirmed',
      booking_reminder_day: 'Reminder, a day before',
      booking_reminder_hour: 'Reminder, an hour before',
      booking_cancelled: 'Booking cancelled',
      test: 'Test message',
    },
    unknown: '{names}: not filled in for this message. It takes {allowed}.',
    brace: 'A brace outside a placeholder: write placeholders as {ticket}.',
  },
};

/**
 * Sample values the preview fills in (the longest a real message carries); the link under `base`,
 * where the server's messages point (PUBLIC_URL), so the preview counts the length sent.
 */
export function sampleValues(base: string, office: string) {
  return {
    ticket: 'A014',
    ahead: '12',
    window: '3',
    case: 'KUL-2026-000123',
    link: `${base}/t/8f3a2c91-5d7e-4b0a-9c1e-2f6d8a7b3c45#Xq7-Lm2Rb9Tz`,
    office,
  };
}
