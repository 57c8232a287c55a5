/** The demo office of CONTRACT §2: Kulob, ten services, six windows, a kiosk, a display, six staff. */
import { CASE_TYPES, type CaseType } from '../../server/protocol';

/** A registry service lists the documents of its case type's checklist. */
function checklistCodes(type: CaseType): string[] {
  return CASE_TYPES[type].documents.map((d) => d.code);
}

export const DEMO_OFFICE = {
  code: 'kulob',
  casePrefix: 'KUL',
  timeZone: 'Asia/Dushanbe',
  languages: ['tg', 'ru', 'uz', 'en'],
  names: {
    tg: 'Шуъбаи ФВАШ-и шаҳри Кӯлоб',
    ru: 'Сектор ЗАГС города Куляб',
    uz: 'Koʻlob shahri FHDYo boʻlimi',
    en: 'Kulob City Civil Registry Sector',
  },
  priorities: [
    {
      code: 'disability',
      names: { tg: 'Маъюбӣ', ru: 'Инвалидность', uz: 'Nogironlik', en: 'Disability' },
    },
    {
      code: 'elderly',
      names: { tg: 'Пиронсол', ru: 'Пожилой возраст', uz: 'Keksalik', en: 'Elderly' },
    },
    {
      code: 'pregnant',
      names: { tg: 'Ҳомиладорӣ', ru: 'Беременность', uz: 'Homiladorlik', en: 'Pregnancy' },
    },
  ],
} as const;

export interface DemoService {
  code: string;
  prefix: string;
  names: { tg: string; ru: string; uz: string; en: string };
  documents: string[];
}

export const DEMO_SERVICES: DemoService[] = [
  {
    code: 'birth',
    prefix: 'A',
    names: {
      tg: 'Бақайдгирии таваллуд',
      ru: 'Регистрация рождения',
      uz: 'Tugʻilishni qayd etish',
      en: 'Birth registration',
    },
    documents: checklistCodes('birth'),
  },
  {
    code: 'marriage',
    prefix: 'B',
    names: {
      tg: 'Бақайдгирии никоҳ',
      ru: 'Регистрация брака',
      uz: 'Nikohni qayd etish',
      en: 'Marriage registration',
    },
    documents: checklistCodes('marriage'),
  },
  {
    code: 'divorce',
    prefix: 'C',
    names: {
      tg: 'Бақайдгирии бекор кардани никоҳ',
      ru: 'Регистрация расторжения брака',
      uz: 'Nikohdan ajralishni qayd etish',
      en: 'Divorce registration',
    },
    documents: checklistCodes('divorce'),
  },
  {
    code: 'death',
    prefix: 'D',
    names: {
      tg: 'Бақайдгирии фавт',
      ru: 'Регистрация смерти',
      uz: 'Oʻlimni qayd etish',
      en: 'Death registration',
    },
    documents: checklistCodes('death'),
  },
  {
    code: 'paternity',
    prefix: 'E',
    names: {
      tg: 'Муқаррар намудани падарӣ',
      ru: 'Установление отцовства',
      uz: 'Otalikni belgilash',
      en: 'Establishment of paternity',
    },
    documents: checklistCodes('paternity'),
  },
  {
    code: 'name_change',
    prefix: 'F',
    names: {
      tg: 'Иваз кардани ном',
      ru: 'Перемена имени',
      uz: 'Ismni oʻzgartirish',
      en: 'Change of name',
    },
    documents: checklistCodes('name_change'),
  },
  {
    code: 'certificate',
    prefix: 'G',
    names: {
      tg: 'Шаҳодатномаи такрорӣ',
      ru: 'Повторное свидетельство',
      uz: 'Takroriy guvohnoma',
      en: 'Repeat certificate',
    },
    documents: checklistCodes('certificate'),
  },
  {
    code: 'amendment',
    prefix: 'H',
    names: {
      tg: 'Ислоҳи сабти санад',
      ru: 'Исправление актовой записи',
      uz: 'Dalolatnoma yozuvini tuzatish',
      en: 'Correction of an act record',
    },
    documents: checklistCodes('amendment'),
  },
  {
    code: 'pickup',
    prefix: 'P',
    names: {
      tg: 'Гирифтани ҳуҷҷатҳои тайёр',
      ru: 'Получение готовых документов',
      uz: 'Tayyor hujjatlarni olish',
      en: 'Pick up ready documents',
    },
    documents: ['applicant_passport'],
  },
  {
    code: 'consultation',
    prefix: 'K',
    names: { tg: 'Машварат', ru: 'Консультация', uz: 'Maslahat', en: 'Consultation' },
    documents: [],
  },
];

/** Which services each window calls. Every service is served by at least one window. */
export const DEMO_COUNTERS: Record<string, string[]> = {
  '1': ['birth', 'paternity', 'name_change', 'consultation'],
  '2': ['birth', 'death', 'certificate', 'consultation'],
  '3': ['birth', 'marriage', 'divorce', 'amendment', 'consultation'],
  '4': ['marriage', 'divorce', 'death', 'name_change', 'certificate'],
  '5': ['pickup', 'certificate', 'amendment'],
  '6': ['pickup', 'consultation', 'paternity'],
};

/**
 * The ceremony hall: a room with its own calendar (Tue–Sat 10:00–16:00, 30-minute ceremonies, 60
 * days ahead). No demo service books it — CONTRACT §6 gives every demo service the 20-minute plan —
 * until an administrator sets a service's plan to `{resource: 'hall'}` (Admin → Bookings).
 */
export const DEMO_HALL = {
  code: 'hall',
  names: {
    tg: 'Толори тантанаҳо',
    ru: 'Зал торжественной регистрации',
    uz: 'Tantanali marosimlar zali',
    en: 'Ceremony hall',
  },
  plan: {
    hours: Object.fromEntries(
      (['tue', 'wed', 'thu', 'fri', 'sat'] as const).map((d) => [
        d,
        { open: '10:00', close: '16:00' },
      ]),
    ),
    slotMinutes: 30,
    perSlot: 1,
    walkInShare: 0,
    daysAhead: 60,
    closedDays: [] as string[],
  },
};

export const DEMO_PASSWORD = 'demo';

export const DEMO_STAFF = [
  { username: 'clerk1', role: 'clerk', name: 'Зарина Раҳимова' },
  { username: 'clerk2', role: 'clerk', name: 'Фирӯз Каримов' },
  { username: 'clerk3', role: 'clerk', name: 'Нигора Саидова' },
  { username: 'clerk4', role: 'clerk', name: 'Ҷамшед Назаров' },
  { username: 'back1', role: 'back_office', name: 'Мадина Ҳакимова' },
  { username: 'admin', role: 'admin', name: 'Алишер Қодиров' },
] as const;
