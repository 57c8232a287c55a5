/** Citizen messages on the wire: phone numbers, templates, SMS part counting and the outbox DTO. */
import { z } from 'zod';
import { E164, Language } from './schemas';

/** `POST /api/tickets/:id/notify` */
export const NotifyTicket = z.strictObject({ phone: E164, language: Language.optional() });
export type NotifyTicket = z.infer<typeof NotifyTicket>;

/**
 * `GET /api/tickets/:id/notify`: where the ticket's messages go (the phone masked but the last 3
 * digits; null when none or stopped), whether a Telegram chat follows it, and whether this server
 * has a Telegram bot to offer one, and whether the asker holds the ticket's key.
 */
export const TicketNotifyStatus = z.object({
  phone: z.string().nullable(),
  telegram: z.boolean(),
  telegramBot: z.boolean(),
  /** True when the request carried the ticket's holder key (`X-Ticket-Key`): it may change them. */
  holder: z.boolean(),
});
export type TicketNotifyStatus = z.infer<typeof TicketNotifyStatus>;

/** The case PATCH's `notify`: the applicant's phone, with their consent recorded. */
export const CaseNotify = z.strictObject({
  phone: E164,
  consent: z.literal(true),
  language: Language.optional(),
});
export type CaseNotify = z.infer<typeof CaseNotify>;
/** What a case read shows of it: the phone masked but the last 3 digits, and the language. */
export const CaseNotifyView = z.object({ phone: z.string(), language: z.string() });

export const MessageStatus = z.enum(['queued', 'sent', 'delivered', 'failed', 'expired']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const MessageChannel = z.enum(['sms', 'telegram']);
export type MessageChannel = z.infer<typeof MessageChannel>;

/** What the office says, and when. */
export const TemplateKey = z.enum([
  'ticket_issued',
  'ticket_ahead',
  'ticket_called',
  'case_submitted',
  'case_returned',
  'case_registered',
  'case_ready',
  'case_issued',
  'booking_code',
  'booking_confirmed',
  'booking_reminder_day',
  'booking_reminder_hour',
  'booking_cancelled',
  'test',
]);
export type TemplateKey = z.infer<typeof TemplateKey>;
export const TemplateKeys: readonly TemplateKey[] = TemplateKey.options;

/** `GET /api/offices/:office/messages` */
export const MessageQuery = z.strictObject({
  ticket: z.string().min(1).max(36).optional(),
  case: z.string().min(1).max(40).optional(),
  status: MessageStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type MessageQuery = z.infer<typeof MessageQuery>;

/** One outbox row as the admin sees it (the number masked but for its last 3 digits). */
export interface MessageDto {
  id: string;
  channel: MessageChannel;
  /** The gateway that took it: smpp, http, log or telegram (once tried). */
  gateway?: string;
  to: string;
  template: TemplateKey;
  language: Language;
  text: string;
  status: MessageStatus;
  attempts: number;
  parts: number;
  createdAt: string;
  sentAt?: string;
  deliveredAt?: string;
  error?: string;
  ticket?: string;
  case?: string;
}

/** What became of one submit to a gateway (see server/src/messages/gateway-health.ts). */
export type GatewayOutcome = 'sent' | 'refused' | 'unreachable' | 'in_doubt';

/** A message gateway as one node saw it since it started (admin, `GET …/messages`). */
export interface GatewayHealthDto {
  gateway: 'smpp' | 'http' | 'log' | 'telegram';
  /** Its last submit got an answer (sent, or refused for that message alone). */
  up: boolean;
  /** When `up` last changed (or the first submit). */
  since: string;
  lastSentAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  attempts: Record<GatewayOutcome, number>;
}

/** An office's message settings (admin). */
export const MessageSettings = z.strictObject({
  /** "N ahead": a message when this many people or fewer are ahead (0 turns it off). */
  aheadThreshold: z.number().int().min(0).max(50),
  /** Quiet hours in the office's zone, `HH:MM`; case messages wait until they end. */
  quietFrom: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  quietUntil: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** Messages per office day, and per phone number per day. */
  dailyCapOffice: z.number().int().min(1).max(1_000_000),
  dailyCapPhone: z.number().int().min(1).max(100),
  /**
   * Days after which citizens' phone numbers are erased from the queue side (messages, ticket
   * subscriptions, Telegram links, past bookings); cases keep theirs.
   */
  retentionDays: z.number().int().min(1).max(3650),
  /** The window where certificates are handed out (the "ready" message names it). */
  pickupWindow: z.string().trim().min(1).max(10),
});
export type MessageSettings = z.infer<typeof MessageSettings>;

export const DEFAULT_MESSAGE_SETTINGS: MessageSettings = {
  aheadThreshold: 3,
  quietFrom: '21:00',
  quietUntil: '08:00',
  dailyCapOffice: 5000,
  dailyCapPhone: 10,
  retentionDays: 30,
  pickupWindow: '1',
};

/**
 * `PUT /api/offices/:office/message-templates/:key/:language`; the route checks the text's
 * placeholders against its template too ({@link templateProblem}).
 */
export const TemplateText = z.strictObject({ text: z.string().trim().min(1).max(480) });
export type TemplateText = z.infer<typeof TemplateText>;

/** `POST /api/offices/:office/messages/test` */
export const TestMessage = z.strictObject({
  phone: E164,
  language: Language.optional(),
  text: z.string().trim().min(1).max(480).optional(),
});
export type TestMessage = z.infer<typeof TestMessage>;

/** Placeholders a template may use; nothing personal beyond the ticket or case number. */
export const TEMPLATE_PLACEHOLDERS = [
  'ticket',
  'ahead',
  'window',
  'case',
  'link',
  'office',
  'code',
  'booking',
  'time',
  'service',
] as const;
export type Placeholder = (typeof TEMPLATE_PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<Placeholder, string>>;

/** What the server fills in, per template (server/src/messages: the values each message is given). */
export const TEMPLATE_VALUES: Readonly<Record<TemplateKey, readonly Placeholder[]>> = {
  ticket_issued: ['ticket', 'ahead', 'link', 'office'],
  ticket_ahead: ['ticket', 'ahead', 'link', 'office'],
  ticket_called: ['ticket', 'window', 'link', 'office'],
  case_submitted: ['case', 'window', 'office'],
  case_returned: ['case', 'window', 'office'],
  case_registered: ['case', 'window', 'office'],
  case_ready: ['case', 'window', 'office'],
  case_issued: ['case', 'window', 'office'],
  booking_code: ['code', 'booking', 'service', 'office'],
  booking_confirmed: ['booking', 'time', 'link', 'service', 'office'],
  booking_reminder_day: ['booking', 'time', 'link', 'service', 'office'],
  booking_reminder_hour: ['booking', 'time', 'link', 'service', 'office'],
  booking_cancelled: ['booking', 'time', 'link', 'service', 'office'],
  test: ['office'],
};

/** Why a text cannot be a template's wording: names it is not given, or a stray brace. */
export type TemplateProblem =
  { kind: 'unknown'; names: string[]; allowed: readonly Placeholder[] } | { kind: 'brace' };

/**
 * Why `text` cannot be template `key`'s wording, or undefined when it can: a `{name}` the server
 * does not fill in for this template, or a brace outside a placeholder (either would reach the
 * citizen as typed).
 */
export function templateProblem(key: TemplateKey, text: string): TemplateProblem | undefined {
  const allowed = TEMPLATE_VALUES[key];
  const names = [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
  const unknown = [
    ...new Set(names.filter((name) => !(allowed as readonly string[]).includes(name))),
  ];
  if (unknown.length > 0) return { kind: 'unknown', names: unknown, allowed };
  if (/[{}]/.test(text.replace(/\{([^{}]*)\}/g, ''))) return { kind: 'brace' };
  return undefined;
}

/** A template problem in the API's words. */
export function describeTemplateProblem(key: TemplateKey, p: TemplateProblem): string {
  if (p.kind === 'brace') return 'a brace outside a placeholder: write placeholders as {name}';
  const list = (names: readonly string[]) => names.map((n) => `{${n}}`).join(', ');
  return `${list(p.names)} is not filled in for ${key}; it takes ${list(p.allowed)}`;
}

/** The defaults, written for a ZAGS office; each office may replace any of them. */
export const DEFAULT_TEMPLATES: Record<TemplateKey, Record<Language, string>> = {
  ticket_issued: {
    tg: 'Чиптаи шумо {ticket}. Пеш аз шумо {ahead} нафар. Пайгирӣ: {link}',
    ru: 'Ваш талон {ticket}. Перед вами {ahead} чел. Следить: {link}',
    uz: 'Taloningiz {ticket}. Oldingizda {ahead} kishi. Kuzatish: {link}',
    en: 'Your ticket {ticket}. {ahead} ahead of you. Follow: {link}',
  },
  ticket_ahead: {
    tg: '{ticket}: пеш аз шумо {ahead} нафар монд. Ба толор баргардед.',
    ru: '{ticket}: перед вами осталось {ahead} чел. Вернитесь в зал.',
    uz: '{ticket}: oldingizda {ahead} kishi qoldi. Zalga qayting.',
    en: '{ticket}: {ahead} ahead of you now. Please come back to the hall.',
  },
  ticket_called: {
    tg: '{ticket} — ба равзанаи {window} гузаред',
    ru: '{ticket} — пройдите к окну {window}',
    uz: '{ticket} — {window}-oynaga o‘ting',
    en: '{ticket} — please go to window {window}',
  },
  case_submitted: {
    tg: 'Аризаи {case} қабул шуд. Ҳангоми омода шудан хабар медиҳем.',
    ru: 'Заявление {case} принято. Сообщим, когда будет готово.',
    uz: '{case} arizasi qabul qilindi. Tayyor bo‘lganda xabar beramiz.',
    en: 'Application {case} received. We will tell you when it is ready.',
  },
  case_returned: {
    tg: 'Аризаи {case} баргардонида шуд. Лутфан ба ФВАШ биёед.',
    ru: 'Заявление {case} возвращено. Пожалуйста, подойдите в ЗАГС.',
    uz: '{case} arizasi qaytarildi. Iltimos, FHDYoga keling.',
    en: 'Application {case} was returned. Please come to the office.',
  },
  case_registered: {
    tg: 'Аризаи {case} ба қайд гирифта шуд.',
    ru: 'Заявление {case} зарегистрировано.',
    uz: '{case} arizasi ro‘yxatga olindi.',
    en: 'Application {case} has been registered.',
  },
  case_ready: {
    tg: 'Шаҳодатномаи шумо омода аст ({case}). Бо шиноснома ба равзанаи {window} биёед',
    ru: 'Ваше свидетельство готово ({case}). Приходите с паспортом к окну {window}',
    uz: 'Guvohnomangiz tayyor ({case}). Pasport bilan {window}-oynaga keling',
    en: 'Your certificate is ready ({case}). Bring your ID to window {window}',
  },
  case_issued: {
    tg: 'Шаҳодатнома аз рӯи {case} супорида шуд. Ташаккур!',
    ru: 'Свидетельство по {case} выдано. Спасибо!',
    uz: '{case} bo‘yicha guvohnoma topshirildi. Rahmat!',
    en: 'The certificate of {case} has been issued. Thank you!',
  },
  booking_code: {
    tg: 'Рамзи тасдиқ: {code}. Онро ба касе нагӯед.',
    ru: 'Код подтверждения: {code}. Никому его не сообщайте.',
    uz: 'Tasdiqlash kodi: {code}. Uni hech kimga aytmang.',
    en: 'Confirmation code: {code}. Do not share it.',
  },
  booking_confirmed: {
    tg: 'Навбати шумо {booking}: {service}, {office}, {time}. Бекор кардан: {link}',
    ru: 'Ваша запись {booking}: {service}, {office}, {time}. Отменить: {link}',
    uz: 'Yozilishingiz {booking}: {service}, {office}, {time}. Bekor qilish: {link}',
    en: 'Your appointment {booking}: {service}, {office}, {time}. Cancel: {link}',
  },
  booking_reminder_day: {
    tg: 'Ёдрас: навбати шумо {booking} ({service}) пагоҳ, {time}, {office}. Бекор кардан: {link}',
    ru: 'Напоминаем: ваша запись {booking} ({service}) завтра, {time}, {office}. Отменить: {link}',
    uz: 'Eslatma: yozilishingiz {booking} ({service}) ertaga, {time}, {office}. Bekor qilish: {link}',
    en: 'Reminder: your appointment {booking} ({service}) is tomorrow, {time}, {office}. Cancel: {link}',
  },
  booking_reminder_hour: {
    tg: 'Пас аз як соат, {time}, навбати шумо. Дар киоск рамзи {booking}-ро ворид кунед.',
    ru: 'Через час, в {time}, ваша запись. Введите в киоске код {booking}.',
    uz: 'Bir soatdan so‘ng, {time} da yozilishingiz. Kioskda {booking} kodini kiriting.',
    en: 'Your appointment is in an hour, at {time}. Type {booking} at the kiosk.',
  },
  booking_cancelled: {
    tg: 'Навбати шумо {booking} ({service}, {time}) аз ҷониби идора бекор карда шуд. Навбати нав: {link}',
    ru: 'Ваша запись {booking} ({service}, {time}) отменена учреждением. Записаться снова: {link}',
    uz: 'Yozilishingiz {booking} ({service}, {time}) idora tomonidan bekor qilindi. Qayta yozilish: {link}',
    en: 'Your appointment {booking} ({service}, {time}) was cancelled by the office. Book again: {link}',
  },
  test: {
    tg: 'Паёми санҷишии Навбат ({office}).',
    ru: 'Проверочное сообщение Навбат ({office}).',
    uz: 'Navbat sinov xabari ({office}).',
    en: 'Navbat test message ({office}).',
  },
};

/** Fills `{name}` placeholders; an unknown or missing one stays visible, so a typo is noticed. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(/\{([a-z]+)\}/g, (whole, name: string) => {
    const value = (values as Record<string, string | undefined>)[name];
    return value === undefined ? whole : value;
  });
}

// GSM 03.38 basic set and its extension table (each extension character costs two septets).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** How a text goes out as SMS: its encoding and its parts (concatenated with a UDH when > 1). */
export interface SmsSplit {
  encoding: 'gsm7' | 'ucs2';
  parts: string[];
  /** Characters as the network counts them (septets for GSM, UTF-16 units for UCS-2). */
  units: number;
}

/**
 * Splits a text into SMS parts: GSM 7-bit when every character is in the GSM alphabet (160 alone,
 * 153 per part), otherwise UCS-2 (70 alone, 67 per part). A part never ends inside a GSM escape
 * or a surrogate pair.
 */
export function splitSms(text: string): SmsSplit {
  const chars = Array.from(text);
  const gsm = chars.every((c) => GSM_BASIC.includes(c) || GSM_EXTENDED.includes(c));
  const cost = (c: string) => (gsm ? (GSM_EXTENDED.includes(c) ? 2 : 1) : c.length);
  const units = chars.reduce((n, c) => n + cost(c), 0);
  const single = gsm ? 160 : 70;
  const each = gsm ? 153 : 67;
  if (units <= single) return { encoding: gsm ? 'gsm7' : 'ucs2', parts: [text], units };
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const c of chars) {
    if (used + cost(c) > each) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += c;
    used += cost(c);
  }
  if (current) parts.push(current);
  return { encoding: gsm ? 'gsm7' : 'ucs2', parts, units };
}

/**
 * A gateway's words as the admin may read them: a gateway that echoes the number it refused
 * ("invalid destination 992901234567") shows it masked, as the list shows numbers.
 */
export function maskPhonesIn(text: string): string {
  return text.replace(/\+?[1-9]\d{6,14}/g, maskPhone);
}

/** A phone number as the admin list shows it: every digit hidden but the last 3. */
export function maskPhone(to: string): string {
  if (to.length <= 3) return to;
  const tail = to.slice(-3);
  const head = to.slice(0, -3).replace(/\d/g, '•');
  return head + tail;
}
