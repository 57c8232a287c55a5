/** Uzbek messages of shared by every page: names, time, statuses, errors. */
import type { common as english } from '../en/common';
import type { MessagesLike } from '../messages';

export const common: MessagesLike<typeof english> = {
  languageName: 'Oʻzbekcha',
  appName: 'Navbat',
  loading: 'Yuklanmoqda…',
  connectionLost: 'Aloqa uzildi — qayta ulanmoqda',
  missingOffice: 'Sahifa manzilida idora koʻrsatilmagan (?office=…).',
  unknownOffice: '«{office}» boʻlimi yoʻq. Sahifa manzilini tekshiring.',
  minutes: '{n} daq.',
  aboutMinutes: '~{n} daq.',
  /** The same words as the paper's (server/src/printing/catalogue.ts). */
  youAreNext: 'Keyingi navbat sizniki',
  noWindowYet: 'Hozir bu xizmat uchun ochiq oyna yoʻq. Oyna ochilganda sizni chaqirishadi.',
  dateFormat: '{weekday}, {day}-{month}',
  weekdays: 'yakshanba,dushanba,seshanba,chorshanba,payshanba,juma,shanba',
  months: 'yanvar,fevral,mart,aprel,may,iyun,iyul,avgust,sentabr,oktabr,noyabr,dekabr',
  dateFieldPlaceholder: 'kk.oo.yyyy',
  timeFieldPlaceholder: 'ss:dd',
  dateFieldInvalid: 'Sanani kk.oo.yyyy koʻrinishida kiriting, masalan 25.11.2026.',
  dateFieldNoSuchDay: 'Bunday kun yoʻq: kun va oyni tekshiring.',
  timeFieldInvalid: 'Vaqtni ss:dd koʻrinishida (24 soatlik) kiriting, masalan 16:30.',
  dismiss: 'Yopish',
  tryAgain: 'Qayta urinib koʻring',

  statusWaiting: 'Kutmoqda',
  statusCalled: 'Chaqirildi',
  statusServing: 'Xizmat koʻrsatilmoqda',
  statusDone: 'Yakunlandi',
  statusNoShow: 'Kelmadi',
  statusCancelled: 'Bekor qilindi',
  statusExpired: 'Muddati oʻtdi',

  errorValidationFailed: 'Soʻrov qabul qilinmadi.',

  errorSentToWindow: 'Bu chipta {window}-oynaga yuborilgan: u oʻsha yerda chaqiriladi.',
  errorAlreadyRegistered:
    'Bu hodisa {case} ish boʻyicha allaqachon roʻyxatga olingan: ikkinchi dalolatnoma yozuvi tuzilmaydi.',
  errorFieldTooLong: '«{field}» maydoni juda uzun: koʻpi bilan {max} belgi.',
  errorValidationFailedField: 'Soʻrov qabul qilinmadi: «{field}» maydonini tekshiring.',
  errorUnauthorized: 'Iltimos, qayta kiring.',
  errorForbidden: 'Bu amal uchun huquqingiz yoʻq.',
  errorNotFound: 'Topilmadi.',
  errorIllegalTransition: 'Chiptaning hozirgi holatida bu amalni bajarib boʻlmaydi.',
  errorStaleVersion: 'Bu orada boshqa kimdir oʻzgartirdi. Yangilab, qayta urinib koʻring.',
  errorCounterBusy: 'Bu oynada hali chipta bor. Avval uni yakunlang yoki «Kelmadi» deb belgilang.',
  errorCounterTaken:
    'Bu oynada {name} ishlamoqda. Boshqa oynani tanlang yoki oynalar roʻyxatida bu oynani qabul qiling.',
  errorConflictField: '«{field}» maydonining qiymati band: boshqasini tanlang.',
  errorConflict: 'Bu allaqachon mavjud.',
  errorPayloadTooLarge: 'Soʻrov juda katta.',
  errorRateLimited: 'Urinishlar juda koʻp. Bir necha daqiqadan soʻng qayta urinib koʻring.',
  errorUnavailable: 'Xizmat vaqtincha ishlamayapti.',
  errorInternal: 'Server xatosi.',
  errorNetwork: 'Server bilan aloqa yoʻq. Tarmoqni tekshiring; sahifa oʻzi qayta ulanadi.',
  errorUnknown: 'Xatolik yuz berdi.',
};
