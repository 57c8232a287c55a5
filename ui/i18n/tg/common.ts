/** Tajik messages of shared by every page: names, time, statuses, errors. */
import type { common as english } from '../en/common';
import type { MessagesLike } from '../messages';

export const common: MessagesLike<typeof english> = {
  languageName: 'Тоҷикӣ',
  appName: 'Навбат',
  loading: 'Бор шуда истодааст…',
  connectionLost: 'Пайваст қатъ шуд — дубора пайваст мешавад',
  missingOffice: 'Дар суроғаи саҳифа идора нишон дода нашудааст (?office=…).',
  unknownOffice: 'Идораи «{office}» вуҷуд надорад. Суроғаи саҳифаро санҷед.',
  minutes: '{n} дақ.',
  aboutMinutes: '~{n} дақ.',
  /** The same words as the paper's (server/src/printing/catalogue.ts). */
  youAreNext: 'Навбати шумо баъдӣ аст',
  noWindowYet:
    'Ҳоло ягон равзана барои ин хизмат кушода нест. Вақте ки кушода шавад, шуморо даъват мекунанд.',
  dateFormat: '{weekday}, {day} {month}',
  weekdays: 'Якшанбе,Душанбе,Сешанбе,Чоршанбе,Панҷшанбе,Ҷумъа,Шанбе',
  months: 'январ,феврал,март,апрел,май,июн,июл,август,сентябр,октябр,ноябр,декабр',
  dateFieldPlaceholder: 'рр.мм.сссс',
  timeFieldPlaceholder: 'сс:дд',
  dateFieldInvalid: 'Санаро дар шакли рр.мм.сссс ворид кунед, масалан 25.11.2026.',
  dateFieldNoSuchDay: 'Чунин рӯз нест: рӯз ва моҳро санҷед.',
  timeFieldInvalid: 'Вақтро дар шакли сс:дд (24 соат) ворид кунед, масалан 16:30.',
  dismiss: 'Пӯшидан',
  tryAgain: 'Аз нав кӯшиш кунед',

  statusWaiting: 'Дар интизорӣ',
  statusCalled: 'Даъват шуд',
  statusServing: 'Хизматрасонӣ',
  statusDone: 'Анҷом ёфт',
  statusNoShow: 'Наомад',
  statusCancelled: 'Бекор шуд',
  statusExpired: 'Мӯҳлаташ гузашт',

  errorValidationFailed: 'Дархост қабул нашуд.',

  errorSentToWindow:
    'Ин чипта ба равзанаи {window} фиристода шудааст: онро дар он ҷо даъват мекунанд.',
  errorAlreadyRegistered:
    'Ин ҳодиса аллакай бо парвандаи {case} ба қайд гирифта шудааст: сабти дуюм сохта намешавад.',
  errorFieldTooLong: 'Майдони «{field}» хеле дароз аст: на зиёда аз {max} аломат.',
  errorValidationFailedField: 'Дархост қабул нашуд: майдони «{field}»-ро санҷед.',
  errorUnauthorized: 'Лутфан, дубора ворид шавед.',
  errorForbidden: 'Шумо ҳуқуқи ин амалро надоред.',
  errorNotFound: 'Ёфт нашуд.',
  errorIllegalTransition: 'Дар ҳолати ҳозира бо ин чипта ин амал имконнопазир аст.',
  errorStaleVersion: 'Дар ин миён касе дигар инро тағйир дод. Саҳифаро нав карда, боз кӯшиш кунед.',
  errorCounterBusy: 'Дар ин равзана ҳоло чипта ҳаст. Аввал онро анҷом диҳед ё «Наомад» қайд кунед.',
  errorCounterTaken:
    'Дар ин равзана ҳоло {name} кор мекунад. Равзанаи дигарро интихоб кунед ё ин равзанаро аз рӯйхати равзанаҳо ба ихтиёри худ гиред.',
  errorConflictField: 'Қимати майдони «{field}» аллакай банд аст: дигарашро интихоб кунед.',
  errorConflict: 'Ин аллакай вуҷуд дорад.',
  errorPayloadTooLarge: 'Дархост аз ҳад калон аст.',
  errorRateLimited: 'Кӯшишҳо аз ҳад зиёд. Баъд аз чанд дақиқа боз кӯшиш кунед.',
  errorUnavailable: 'Хидмат муваққатан дастнорас аст.',
  errorInternal: 'Хатогии сервер.',
  errorNetwork: 'Пайвастшавӣ бо сервер нест. Шабакаро санҷед; саҳифа худаш аз нав пайваст мешавад.',
  errorUnknown: 'Хатогӣ рӯй дод.',
};
