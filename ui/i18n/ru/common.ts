/** Russian messages of shared by every page: names, time, statuses, errors. */
import type { common as english } from '../en/common';
import type { MessagesLike } from '../messages';

export const common: MessagesLike<typeof english> = {
  languageName: 'Русский',
  appName: 'Навбат',
  loading: 'Загрузка…',
  connectionLost: 'Нет связи — переподключение',
  missingOffice: 'В адресе страницы не указан офис (?office=…).',
  unknownOffice: 'Отделения «{office}» нет. Проверьте адрес страницы.',
  minutes: '{n} мин',
  aboutMinutes: '~{n} мин',
  /** The same words as the paper's (server/src/printing/catalogue.ts). */
  youAreNext: 'Вы следующий',
  noWindowYet:
    'Сейчас ни одно окно не принимает по этой услуге. Вас вызовут, когда окно откроется.',
  dateFormat: '{weekday}, {day} {month}',
  weekdays: 'воскресенье,понедельник,вторник,среда,четверг,пятница,суббота',
  months: 'января,февраля,марта,апреля,мая,июня,июля,августа,сентября,октября,ноября,декабря',
  dateFieldPlaceholder: 'дд.мм.гггг',
  timeFieldPlaceholder: 'чч:мм',
  dateFieldInvalid: 'Введите дату в виде дд.мм.гггг, например 25.11.2026.',
  dateFieldNoSuchDay: 'Такого дня нет: проверьте день и месяц.',
  timeFieldInvalid: 'Введите время в виде чч:мм (24 часа), например 16:30.',
  dismiss: 'Закрыть',
  tryAgain: 'Попробуйте ещё раз',

  statusWaiting: 'Ожидает',
  statusCalled: 'Вызван',
  statusServing: 'Обслуживается',
  statusDone: 'Завершён',
  statusNoShow: 'Не явился',
  statusCancelled: 'Отменён',
  statusExpired: 'Просрочен',

  errorValidationFailed: 'Запрос не принят.',

  errorSentToWindow: 'Этот талон направлен к окну {window}: его вызывают там.',
  errorAlreadyRegistered:
    'Это событие уже зарегистрировано по делу {case}: вторая актовая запись не составляется.',
  errorFieldTooLong: 'Поле «{field}» слишком длинное: не больше {max} знаков.',
  errorValidationFailedField: 'Запрос не принят: проверьте поле «{field}».',
  errorUnauthorized: 'Войдите снова.',
  errorForbidden: 'У вас нет прав на это действие.',
  errorNotFound: 'Не найдено.',
  errorIllegalTransition: 'В текущем состоянии талона это действие невозможно.',
  errorStaleVersion: 'Данные изменил кто-то другой. Обновите и попробуйте снова.',
  errorCounterBusy: 'У этого окна ещё есть талон. Сначала завершите его или отметьте неявку.',
  errorCounterTaken:
    'За этим окном работает {name}. Выберите другое окно или примите это окно в списке окон.',
  errorConflictField: 'Значение поля «{field}» уже занято: выберите другое.',
  errorConflict: 'Такая запись уже существует.',
  errorPayloadTooLarge: 'Слишком большой запрос.',
  errorRateLimited: 'Слишком много попыток. Попробуйте снова через несколько минут.',
  errorUnavailable: 'Сервис временно недоступен.',
  errorInternal: 'Ошибка сервера.',
  errorNetwork: 'Нет связи с сервером. Проверьте сеть; страница переподключится сама.',
  errorUnknown: 'Что-то пошло не так.',
};
