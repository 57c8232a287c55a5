/** Russian words of the administration's forms: field hints and refusals in the form's own words. */
import type { adminForms as english } from '../en/admin-forms';
import type { MessagesLike } from '../messages';

export const adminForms: MessagesLike<typeof english> = {
  adminPrinter: 'Адрес принтера',
  adminPrinterStatus: 'Состояние принтера',
  adminPrinterOnline: 'Работает',
  adminPrinterOffline: 'Не отвечает',
  adminPrinterUnknown: 'Ещё не проверен',
  adminCodeHint: 'Строчные латинские буквы, цифры и _, в начале буква (например, adoption)',
  adminUsernameHint: 'Латинские буквы, цифры, точка, дефис или _ (например, clerk5)',
  adminUsernameTaken:
    'Имя пользователя «{name}» уже занято. Имена, которые различаются только заглавными буквами (Clerk5, clerk5), считаются одним: выберите другое.',
  adminDeviceCodeHint: 'Латинские буквы, цифры, - или _ (например, K2)',
  adminPrinterDidNotPrint: 'Принтер не напечатал: {why}',
  adminPrinterWhyRefused: 'он отклонил подключение (включён ли он, верен ли порт?)',
  adminPrinterWhyTimeout: 'он не ответил вовремя',
  adminPrinterWhyUnreachable: 'его адрес недоступен',
  adminPrinterWhyOther: 'он не принял задание',
  adminPrinterBadAddress: 'Это не адрес принтера. Этот сервер принимает адреса вида: {allowed}.',
  adminPrinterHostUnknown: 'Имя хоста принтера неизвестно в этой сети.',
  adminPrinterOutsideNetworks:
    'Сервер печатает только на принтеры своих сетей ({allowed}): расширить их можно в PRINTER_NETWORKS на сервере.',
  adminPrinterOutsideDevices:
    'Сервер печатает только на устройства {allowed}: расширить их можно в PRINTER_DEVICES на сервере.',
  adminPrinterNotADevice: 'Это не устройство принтера.',
  adminPrinterFilesOff: 'Печать в файлы на этом сервере выключена (не задан PRINTER_SPOOL_DIR).',
  adminPrinterOutsideSpool: 'Файловый принтер должен писать внутри {allowed}.',
  adminReportFor: 'Данные за {from} – {to}.',
  adminReportStale: 'Даты выше другие: нажмите «{show}», чтобы увидеть их данные.',
  adminNoQuietHours: 'Тихих часов нет: начало и конец совпадают, сообщения уходят в любое время.',
  adminRangeBackwards: '«{to}» раньше, чем «{from}»: выберите дни заново.',
  adminRangeTooLong: 'Один отчёт охватывает не больше {n} дней: выберите срок короче.',
  adminRemoteJoinNoCap:
    'Удалённая запись включена: укажите, сколько талонов в день можно взять с телефона (не меньше 1), или выключите её.',
  fieldRequired: 'Заполните это поле.',
  fieldFormat: 'Проверьте, что написано в этом поле.',
  fieldTooShort: 'Не меньше {n} знаков.',
  fieldMin: 'Не меньше {n}.',
  fieldMax: 'Не больше {n}.',
};
