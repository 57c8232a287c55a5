/** Russian messages of the hall display. */
import type { display as english } from '../en/display';
import type { MessagesLike } from '../messages';

export const display: MessagesLike<typeof english> = {
  displayNotPaired:
    'Это табло не привязано к отделу. Сотрудникам: откройте на нём ссылку привязки со страницы администрирования (Устройства).',

  nowCalling: 'Вызывается',
  ticketLabel: 'Талон',
  windowLabel: 'Окно',
  previousCalls: 'Предыдущие вызовы',
  waitingHeading: 'В очереди',
  noCallsYet: 'Вызовов пока нет',
  displayNextCalls: 'Следующие',
  displayNoCurrentCall: 'Ожидайте вызова своего номера',
  goToWindow: 'Талон {ticket}, пройдите к окну {window}',
  displayWindows: 'Окна',
  displayWindowClosed: 'Закрыто',
  displayWindowFree: 'Свободно',
  displayServiceClosed: 'Приём временно закрыт',
  displayTicker: 'Объявление',
  displaySoundOff: 'Звук выключен',
  // s5-hall: the display's services taking turns
  displayServicesPage: 'Услуги, страница {page} из {pages}',
};
