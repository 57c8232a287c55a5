/** Tajik messages of the hall display. */
import type { display as english } from '../en/display';
import type { MessagesLike } from '../messages';

export const display: MessagesLike<typeof english> = {
  displayNotPaired:
    'Ин лавҳа ба шуъба пайваст нашудааст. Ба кормандон: дар он истиноди пайвастро аз саҳифаи маъмурият (Дастгоҳҳо) кушоед.',

  nowCalling: 'Ҳозир даъват мешавад',
  ticketLabel: 'Чипта',
  windowLabel: 'Равзана',
  previousCalls: 'Даъватҳои қаблӣ',
  waitingHeading: 'Дар навбат',
  noCallsYet: 'Ҳанӯз даъват нашудааст',
  displayNextCalls: 'Навбатӣ',
  displayNoCurrentCall: 'Рақами худро интизор шавед',
  goToWindow: 'Чиптаи {ticket}, лутфан ба равзанаи {window} гузаред',
  displayWindows: 'Равзанаҳо',
  displayWindowClosed: 'Пӯшида',
  displayWindowFree: 'Озод',
  displayServiceClosed: 'Ҳоло қабул намешавад',
  displayTicker: 'Эълон',
  displaySoundOff: 'Садо хомӯш аст',
  // s5-hall: the display's services taking turns
  displayServicesPage: 'Хизматрасониҳо, саҳифаи {page} аз {pages}',
};
