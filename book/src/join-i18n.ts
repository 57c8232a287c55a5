/**
 * The remote-join page's own words in tg/ru/uz/en; the phone, code and common error lines come from
 * the booking page's catalogue (book-i18n.ts), which this page shares.
 */
import type { BookLanguage } from './book-i18n';

const tg = {
  title: 'Навбат аз телефон',
  chooseService: 'Барои имрӯз хизматрасониро интихоб кунед',
  doneTitle: 'Чиптаи шумо',
  ahead: 'Пеш аз шумо {n} нафар',
  comeBy: 'То соати {time} ба идора биёед',
  comeNow: 'Ҳозир ба идора биёед',
  follow: 'Навбатро пайгирӣ кунед',
  messages: 'Вақте ки навбататон наздик шавад, SMS меояд.',
  errOff: 'Ин идора навбат аз телефонро намедиҳад. Ба киоски идора биёед.',
  errFull: 'Ҷойҳои имрӯза барои навбат аз телефон тамом шуданд. Ба киоски идора биёед.',
  errClosed: 'Идора ҳоло баста аст.',
  errServiceClosed: 'Ин хизмат ҳоло баста аст. Хизмати дигарро интихоб кунед.',
  errHasTicket: 'Бо ин рақам имрӯз аллакай чипта ҳаст.',
  errCancelled: 'Рамз 5 маротиба нодуруст ворид шуд. Аз нав кӯшиш кунед.',
  offTitle: 'Ин идора навбат аз телефонро намедиҳад',
  offText: 'Ба идора биёед ва чиптаро аз киоск гиред.',
  fullTitle: 'Ҷойҳои имрӯза барои навбат аз телефон тамом шуданд',
  fullText: 'Ба идора биёед ва чиптаро аз киоск гиред ё фардо аз нав кӯшиш кунед.',
};

export type JoinKey = keyof typeof tg;

const ru: typeof tg = {
  title: 'Очередь с телефона',
  chooseService: 'Выберите услугу на сегодня',
  doneTitle: 'Ваш талон',
  ahead: 'Перед вами: {n}',
  comeBy: 'Приходите в офис к {time}',
  comeNow: 'Приходите в офис сейчас',
  follow: 'Следить за очередью',
  messages: 'Когда очередь подойдёт, придёт SMS.',
  errOff: 'Этот офис не выдаёт талоны по телефону. Возьмите талон в киоске.',
  errFull: 'Талоны по телефону на сегодня закончились. Возьмите талон в киоске.',
  errClosed: 'Офис сейчас закрыт.',
  errServiceClosed: 'Эта услуга сейчас закрыта. Выберите другую.',
  errHasTicket: 'На этот номер сегодня уже есть талон.',
  errCancelled: 'Код введён неверно 5 раз. Начните заново.',
  offTitle: 'Этот офис не выдаёт талоны по телефону',
  offText: 'Приходите в офис и возьмите талон в киоске.',
  fullTitle: 'Талоны по телефону на сегодня закончились',
  fullText: 'Приходите в офис и возьмите талон в киоске или попробуйте завтра.',
};

const uz: typeof tg = {
  title: 'Telefondan navbat',
  chooseService: 'Bugun uchun xizmatni tanlang',
  doneTitle: 'Taloningiz',
  ahead: 'Oldingizda {n} kishi',
  comeBy: 'Idoraga soat {time} gacha keling',
  comeNow: 'Idoraga hozir keling',
  follow: 'Navbatni kuzatish',
  messages: 'Navbatingiz yaqinlashganda SMS keladi.',
  errOff: 'Bu idora telefondan navbat bermaydi. Kioskdan talon oling.',
  errFull: 'Bugungi telefon navbatlari tugadi. Kioskdan talon oling.',
  errClosed: 'Idora hozir yopiq.',
  errServiceClosed: 'Bu xizmat hozir yopiq. Boshqasini tanlang.',
  errHasTicket: 'Bu raqamda bugun allaqachon talon bor.',
  errCancelled: 'Kod 5 marta notoʻgʻri kiritildi. Qaytadan boshlang.',
  offTitle: 'Bu idora telefondan navbat bermaydi',
  offText: 'Idoraga keling va kioskdan talon oling.',
  fullTitle: 'Bugungi telefon navbatlari tugadi',
  fullText: 'Idoraga keling va kioskdan talon oling yoki ertaga qayta urinib koʻring.',
};

const en: typeof tg = {
  title: 'Join the queue from your phone',
  chooseService: 'Choose a service for today',
  doneTitle: 'Your ticket',
  ahead: '{n} ahead of you',
  comeBy: 'Come to the office by {time}',
  comeNow: 'Come to the office now',
  follow: 'Follow the queue',
  messages: 'We text you when your turn comes close.',
  errOff: 'This office does not hand out tickets by phone. Take one at the kiosk.',
  errFull: 'Today’s tickets by phone are all taken. Take one at the kiosk.',
  errClosed: 'The office is closed now.',
  errServiceClosed: 'This service is closed now. Choose another.',
  errHasTicket: 'This number already holds a ticket today.',
  errCancelled: 'The code was wrong 5 times. Please start again.',
  offTitle: 'This office does not give tickets by phone',
  offText: 'Come to the office and take a ticket at the kiosk.',
  fullTitle: 'Today’s tickets by phone are all taken',
  fullText: 'Come to the office and take a ticket at the kiosk, or try again tomorrow.',
};

const CATALOGUES: Record<BookLanguage, typeof tg> = { tg, ru, uz, en };

/** The message `key` in `language`, with `{name}` placeholders filled. */
export function joinText(
  language: BookLanguage,
  key: JoinKey,
  values: Record<string, string | number> = {},
): string {
  return CATALOGUES[language][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in values ? String(values[name]) : m,
  );
}

/** The join page's own answer to a refusal, if it has one (else the booking page's words). */
export function joinError(code: string, reason: unknown): JoinKey | undefined {
  if (code !== 'conflict') return undefined;
  switch (reason) {
    case 'remote_join_off':
      return 'errOff';
    case 'remote_join_full':
      return 'errFull';
    case 'office_closed':
      return 'errClosed';
    case 'service_closed':
      return 'errServiceClosed';
    case 'phone_has_ticket':
      return 'errHasTicket';
    case 'cancelled':
      return 'errCancelled';
    default:
      return undefined;
  }
}
