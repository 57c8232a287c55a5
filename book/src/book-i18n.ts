/**
 * The booking page's own words in tg/ru/uz/en: a small catalogue of its own, so a phone on 2G loads
 * only these lines and not the catalogues of the kiosk, display and console.
 */

export const BOOK_LANGUAGES = ['tg', 'ru', 'uz', 'en'] as const;
export type BookLanguage = (typeof BOOK_LANGUAGES)[number];

const tg = {
  languageName: 'Тоҷикӣ',
  languagesLabel: 'Забон',
  title: 'Навбат ба вақти муайян',
  chooseService: 'Хизматрасониро интихоб кунед',
  noBookable:
    'Дар ин идора ҳоло ягон хизмат навбат ба вақти муайянро қабул намекунад. Дар идора аз киоск чипта гиред.',
  chooseDay: 'Рӯзро интихоб кунед',
  chooseTime: 'Вақтро интихоб кунед',
  noTimes: 'Дар 14 рӯзи наздик вақти холӣ нест. Метавонед бе навбат ба идора биёед.',
  free: 'холӣ',
  phoneTitle: 'Рақами телефони шумо',
  phoneHint: 'Ба ин рақам SMS бо рамзи 6‑рақама меояд.',
  phoneWrong: '9 рақами телефонро ворид кунед, масалан 90 123 45 67.',
  send: 'Рамзро фиристед',
  codeTitle: 'Рамзи SMS',
  codeHint: 'Рамзи 6‑рақамаро, ки ба {phone} фиристодем, ворид кунед.',
  confirm: 'Тасдиқ кардан',
  codeWrong: 'Рамз нодуруст аст. Боз {n} кӯшиш монд.',
  doneTitle: 'Навбати шумо сабт шуд',
  bookingCode: 'Рамзи навбат',
  showAtKiosk:
    'Дар идора ин рамзро дар киоск ворид кунед ё QR-ро нишон диҳед: чиптаи шумо ба вақти худ даъват мешавад.',
  checkIn: 'Аз 15 дақиқа пеш то 10 дақиқа баъд аз вақти худ биёед.',
  bring: 'Бо худ гиред',
  nothingToBring: 'Шиносномаи худро гиред.',
  bringIfAny: 'Инчунин, агар дошта бошед',
  cancelLink: 'Бекор кардани навбат',
  cancelTitle: 'Бекор кардани навбат {code}',
  cancelHint: 'Рақами телефонеро, ки бо он сабт шудед, ворид кунед.',
  cancel: 'Бекор кунед',
  cancelled: 'Навбат бекор шуд.',
  back: 'Бозгашт',
  changePhone: 'Рақами дигар ворид кунам',
  again: 'Навбати нав',
  errSlotFull: 'Ин вақтро каси дигар гирифт. Вақти дигарро интихоб кунед.',
  errPhoneHasBooking: 'Бо ин рақам дар ин рӯз аллакай навбат ҳаст.',
  errExpired: 'Мӯҳлати рамз гузашт. Аз нав сабт шавед.',
  errCancelledByCodes: 'Рамз 5 маротиба нодуруст ворид шуд, навбат бекор шуд. Аз нав сабт шавед.',
  errNotFound: 'Чунин навбат бо ин рақам ёфт нашуд.',
  errNoSms: 'Ҳоло SMS фиристода намешавад. Лутфан, дертар кӯшиш кунед ё бе навбат биёед.',
  errRateLimited: 'Кӯшишҳо аз ҳад зиёд. Баъд аз чанд дақиқа боз кӯшиш кунед.',
  errNetwork: 'Пайваст нест. Интернетро санҷида, боз кӯшиш кунед.',
  errOther: 'Хатогӣ рӯй дод. Боз кӯшиш кунед.',
  missingOffice: 'Дар суроға идора нишон дода нашудааст (?office=…).',
  weekdays: 'Яш,Дш,Сш,Чш,Пш,Ҷм,Шб',
};

export type BookMessages = typeof tg;
export type BookKey = keyof BookMessages;

const ru: BookMessages = {
  languageName: 'Русский',
  languagesLabel: 'Язык',
  title: 'Запись на приём',
  chooseService: 'Выберите услугу',
  noBookable:
    'В этом офисе пока ни одна услуга не принимает запись на время. Возьмите талон в киоске в офисе.',
  chooseDay: 'Выберите день',
  chooseTime: 'Выберите время',
  noTimes: 'В ближайшие 14 дней свободного времени нет. Можно прийти в порядке живой очереди.',
  free: 'свободно',
  phoneTitle: 'Ваш номер телефона',
  phoneHint: 'На этот номер придёт SMS с 6‑значным кодом.',
  phoneWrong: 'Введите 9 цифр номера, например 90 123 45 67.',
  send: 'Получить код',
  codeTitle: 'Код из SMS',
  codeHint: 'Введите 6‑значный код, который мы отправили на {phone}.',
  confirm: 'Подтвердить',
  codeWrong: 'Код неверный. Осталось попыток: {n}.',
  doneTitle: 'Вы записаны',
  bookingCode: 'Код записи',
  showAtKiosk:
    'В ЗАГСе введите этот код на киоске или покажите QR: ваш талон вызовут к вашему времени.',
  checkIn:
    'Приходите не раньше чем за 15 минут и не позже чем через 10 минут после своего времени.',
  bring: 'Возьмите с собой',
  nothingToBring: 'Возьмите с собой паспорт.',
  bringIfAny: 'Также, если есть',
  cancelLink: 'Отменить запись',
  cancelTitle: 'Отмена записи {code}',
  cancelHint: 'Введите номер телефона, с которым вы записывались.',
  cancel: 'Отменить',
  cancelled: 'Запись отменена.',
  back: 'Назад',
  changePhone: 'Изменить номер',
  again: 'Новая запись',
  errSlotFull: 'Это время только что заняли. Выберите другое.',
  errPhoneHasBooking: 'С этого номера на этот день уже есть запись.',
  errExpired: 'Срок действия кода истёк. Запишитесь заново.',
  errCancelledByCodes: 'Код введён неверно 5 раз, запись отменена. Запишитесь заново.',
  errNotFound: 'Запись с таким номером телефона не найдена.',
  errNoSms: 'Сейчас SMS не отправляются. Попробуйте позже или приходите в порядке живой очереди.',
  errRateLimited: 'Слишком много попыток. Попробуйте через несколько минут.',
  errNetwork: 'Нет связи. Проверьте интернет и попробуйте снова.',
  errOther: 'Что-то пошло не так. Попробуйте снова.',
  missingOffice: 'В адресе страницы не указан ЗАГС (?office=…).',
  weekdays: 'Вс,Пн,Вт,Ср,Чт,Пт,Сб',
};

const uz: BookMessages = {
  languageName: 'Oʻzbekcha',
  languagesLabel: 'Til',
  title: 'Qabulga yozilish',
  chooseService: 'Xizmatni tanlang',
  noBookable:
    'Bu idorada hozircha hech bir xizmat vaqtga yozilishni qabul qilmaydi. Idoradagi kioskdan chipta oling.',
  chooseDay: 'Kunni tanlang',
  chooseTime: 'Vaqtni tanlang',
  noTimes: 'Yaqin 14 kunda boʻsh vaqt yoʻq. Jonli navbat bilan kelishingiz mumkin.',
  free: 'boʻsh',
  phoneTitle: 'Telefon raqamingiz',
  phoneHint: 'Bu raqamga 6 xonali kod bilan SMS keladi.',
  phoneWrong: 'Raqamning 9 ta raqamini kiriting, masalan 90 123 45 67.',
  send: 'Kodni olish',
  codeTitle: 'SMS kodi',
  codeHint: '{phone} raqamiga yuborilgan 6 xonali kodni kiriting.',
  confirm: 'Tasdiqlash',
  codeWrong: 'Kod notoʻgʻri. Qolgan urinishlar: {n}.',
  doneTitle: 'Siz yozildingiz',
  bookingCode: 'Yozilish kodi',
  showAtKiosk:
    'FHDYO da bu kodni kioskda kiriting yoki QR ni koʻrsating: chiptangiz oʻz vaqtida chaqiriladi.',
  checkIn: 'Oʻz vaqtingizdan 15 daqiqa oldin va 10 daqiqadan kechiktirmay keling.',
  bring: 'Oʻzingiz bilan oling',
  nothingToBring: 'Pasportingizni oling.',
  bringIfAny: 'Shuningdek, agar boʻlsa',
  cancelLink: 'Yozilishni bekor qilish',
  cancelTitle: '{code} yozilishini bekor qilish',
  cancelHint: 'Yozilgan telefon raqamingizni kiriting.',
  cancel: 'Bekor qilish',
  cancelled: 'Yozilish bekor qilindi.',
  back: 'Orqaga',
  changePhone: 'Raqamni oʻzgartirish',
  again: 'Yangi yozilish',
  errSlotFull: 'Bu vaqt hozirgina band qilindi. Boshqa vaqtni tanlang.',
  errPhoneHasBooking: 'Bu raqam bilan shu kunga yozilish allaqachon bor.',
  errExpired: 'Kodning muddati tugadi. Qaytadan yoziling.',
  errCancelledByCodes:
    'Kod 5 marta notoʻgʻri kiritildi, yozilish bekor qilindi. Qaytadan yoziling.',
  errNotFound: 'Bu telefon raqami bilan yozilish topilmadi.',
  errNoSms: 'Hozir SMS yuborilmayapti. Keyinroq urinib koʻring yoki jonli navbat bilan keling.',
  errRateLimited: 'Urinishlar juda koʻp. Bir necha daqiqadan soʻng qayta urinib koʻring.',
  errNetwork: 'Aloqa yoʻq. Internetni tekshirib, qayta urinib koʻring.',
  errOther: 'Xatolik yuz berdi. Qayta urinib koʻring.',
  missingOffice: 'Sahifa manzilida FHDYO koʻrsatilmagan (?office=…).',
  weekdays: 'Ya,Du,Se,Ch,Pa,Ju,Sh',
};

const en: BookMessages = {
  languageName: 'English',
  languagesLabel: 'Language',
  title: 'Book an appointment',
  chooseService: 'Choose a service',
  noBookable:
    'No service at this office takes appointments yet. Take a ticket at the kiosk in the office.',
  chooseDay: 'Choose a day',
  chooseTime: 'Choose a time',
  noTimes: 'No free times in the next 14 days. You can still come and take a ticket at the office.',
  free: 'free',
  phoneTitle: 'Your phone number',
  phoneHint: 'We send a 6‑digit code to this number by SMS.',
  phoneWrong: 'Enter the 9 digits of the number, e.g. 90 123 45 67.',
  send: 'Send me the code',
  codeTitle: 'Code from the SMS',
  codeHint: 'Enter the 6‑digit code we sent to {phone}.',
  confirm: 'Confirm',
  codeWrong: 'That is not the code. Tries left: {n}.',
  doneTitle: 'You are booked',
  bookingCode: 'Booking code',
  showAtKiosk:
    'At the office, type this code at the kiosk or show the QR: your ticket is called at your time.',
  checkIn: 'Come from 15 minutes before your time until 10 minutes after it.',
  bring: 'Bring with you',
  nothingToBring: 'Bring your passport.',
  bringIfAny: 'Also, if you have them',
  cancelLink: 'Cancel the booking',
  cancelTitle: 'Cancel booking {code}',
  cancelHint: 'Enter the phone number you booked with.',
  cancel: 'Cancel it',
  cancelled: 'The booking is cancelled.',
  back: 'Back',
  changePhone: 'Change the number',
  again: 'New booking',
  errSlotFull: 'Someone just took that time. Please choose another.',
  errPhoneHasBooking: 'This number already has a booking on that day.',
  errExpired: 'The code has expired. Please book again.',
  errCancelledByCodes:
    'The code was wrong 5 times, so the booking is cancelled. Please book again.',
  errNotFound: 'No booking found for this phone number.',
  errNoSms: 'Text messages cannot be sent right now. Try later, or come and take a ticket.',
  errRateLimited: 'Too many tries. Please wait a few minutes.',
  errNetwork: 'No connection. Check the internet and try again.',
  errOther: 'Something went wrong. Please try again.',
  missingOffice: 'The page address names no office (?office=…).',
  weekdays: 'Sun,Mon,Tue,Wed,Thu,Fri,Sat',
};

const CATALOGUES: Record<BookLanguage, BookMessages> = { tg, ru, uz, en };

/** The message `key` in `language`, with `{name}` placeholders filled. */
export function bookText(
  language: BookLanguage,
  key: BookKey,
  values: Record<string, string | number> = {},
): string {
  return CATALOGUES[language][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in values ? String(values[name]) : m,
  );
}

/**
 * The page's language: `?lang=`, then the browser's, then the first the page offers (Tajik unless
 * the office's settings leave it out); only among `offered`, the office's languages once read.
 */
export function pickLanguage(
  param: string | null,
  browser: readonly string[],
  offered: readonly BookLanguage[] = BOOK_LANGUAGES,
): BookLanguage {
  const wanted = [param ?? '', ...browser].map((l) => l.slice(0, 2).toLowerCase());
  return (
    wanted.find((l): l is BookLanguage => (offered as readonly string[]).includes(l)) ??
    offered[0] ??
    'tg'
  );
}

/** The office's languages the phone pages have words for, in their order; all when none is known. */
export function offeredBookLanguages(office: readonly string[] | undefined): BookLanguage[] {
  const offered = BOOK_LANGUAGES.filter((l) => office?.includes(l));
  return offered.length > 0 ? offered : [...BOOK_LANGUAGES];
}
