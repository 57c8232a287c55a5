/** Tajik words of the administration's forms: field hints and refusals in the form's own words. */
import type { adminForms as english } from '../en/admin-forms';
import type { MessagesLike } from '../messages';

export const adminForms: MessagesLike<typeof english> = {
  adminPrinter: 'Суроғаи чопгар',
  adminPrinterStatus: 'Ҳолати чопгар',
  adminPrinterOnline: 'Кор мекунад',
  adminPrinterOffline: 'Ҷавоб намедиҳад',
  adminPrinterUnknown: 'Ҳанӯз санҷида нашудааст',
  adminCodeHint: 'Ҳарфҳои хурди лотинӣ, рақамҳо ва _, дар аввал ҳарф (масалан, adoption)',
  adminUsernameHint: 'Ҳарфҳои лотинӣ, рақамҳо, нуқта, тире ё _ (масалан, clerk5)',
  adminUsernameTaken:
    'Номи корбар «{name}» аллакай банд аст. Номҳое, ки танҳо бо ҳарфҳои калон фарқ мекунанд (Clerk5, clerk5), як ном ҳисоб мешаванд: номи дигар интихоб кунед.',
  adminDeviceCodeHint: 'Ҳарфҳои лотинӣ, рақамҳо, - ё _ (масалан, K2)',
  adminPrinterDidNotPrint: 'Принтер чоп накард: {why}',
  adminPrinterWhyRefused: 'пайвастро рад кард (оё он фаъол аст, порт дуруст аст?)',
  adminPrinterWhyTimeout: 'сари вақт ҷавоб надод',
  adminPrinterWhyUnreachable: 'суроғаи он дастнорас аст',
  adminPrinterWhyOther: 'корро қабул накард',
  adminPrinterBadAddress:
    'Ин суроғаи чопгар нест. Ин сервер суроғаҳои ба ин монандро қабул мекунад: {allowed}.',
  adminPrinterHostUnknown: 'Номи хости принтер дар ин шабака маълум нест.',
  adminPrinterOutsideNetworks:
    'Сервер танҳо ба принтерҳои шабакаҳои худ ({allowed}) чоп мекунад: онҳоро дар PRINTER_NETWORKS-и сервер васеъ кардан мумкин аст.',
  adminPrinterOutsideDevices:
    'Сервер танҳо ба дастгоҳҳои {allowed} чоп мекунад: онҳоро дар PRINTER_DEVICES-и сервер васеъ кардан мумкин аст.',
  adminPrinterNotADevice: 'Ин дастгоҳи принтер нест.',
  adminPrinterFilesOff:
    'Чоп ба файлҳо дар ин сервер хомӯш аст (PRINTER_SPOOL_DIR муайян нашудааст).',
  adminPrinterOutsideSpool: 'Принтери файлӣ бояд дар дохили {allowed} нависад.',
  adminReportFor: 'Рақамҳо барои {from} – {to}.',
  adminReportStale: 'Санаҳои боло дигаранд: барои дидани онҳо «{show}»-ро пахш кунед.',
  adminNoQuietHours:
    'Соатҳои ором нестанд: оғоз ва анҷом як вақтанд, паёмҳо дар ҳар соат мераванд.',
  adminRangeBackwards: '«{to}» пеш аз «{from}» аст: рӯзҳоро аз нав интихоб кунед.',
  adminRangeTooLong:
    'Як ҳисобот на зиёда аз {n} рӯзро дар бар мегирад: мӯҳлати кӯтоҳтар интихоб кунед.',
  adminRemoteJoinNoCap:
    'Навбатгирии дурдаст фаъол аст: нишон диҳед, ки дар як рӯз чанд чиптаро аз телефон гирифтан мумкин аст (на камтар аз 1), ё онро хомӯш кунед.',
  fieldRequired: 'Ин майдонро пур кунед.',
  fieldFormat: 'Навиштаи ин майдонро санҷед.',
  fieldTooShort: 'На камтар аз {n} аломат.',
  fieldMin: 'На камтар аз {n}.',
  fieldMax: 'На зиёда аз {n}.',
};
