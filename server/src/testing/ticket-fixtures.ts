/** Sample tickets for the printing tests: a Dushanbe office with real Tajik, Russian and Uzbek names. */
import type { TicketPrintInput } from '../printing/layout';

/** A marriage registration ticket, issued 2026-11-25 at 09:05 Dushanbe time. */
export const sampleTicket: TicketPrintInput = {
  officeName: {
    tg: 'ШАҚ-и ноҳияи Сино, ш. Душанбе',
    ru: 'ЗАГС района Сино, г. Душанбе',
    uz: 'Sino tumani FHDYo, Dushanbe sh.',
    en: 'Sino district registry office',
  },
  serviceName: {
    tg: 'Бақайдгирии ақди никоҳ',
    ru: 'Регистрация брака',
    uz: 'Nikohni qayd etish',
    en: 'Marriage registration',
  },
  number: 'B014',
  priority: null,
  language: 'tg',
  issuedAt: '2026-11-25T04:05:00Z',
  timeZone: 'Asia/Dushanbe',
  peopleAhead: 3,
  estimatedWaitMinutes: 14.2,
  publicUrl: 'https://navbat.example.tj/t/8f3a2c91',
};

/** The priority group printed on priority tickets. */
export const elderlyPriority = {
  tg: 'Маъюбон ва пиронсолон',
  ru: 'Инвалиды и пожилые',
  uz: 'Nogironlar va keksalar',
  en: 'Disabled and elderly',
};
