/** Uzbek messages of the hall display. */
import type { display as english } from '../en/display';
import type { MessagesLike } from '../messages';

export const display: MessagesLike<typeof english> = {
  displayNotPaired:
    'Bu tablo boʻlimga ulanmagan. Xodimlar uchun: unda boshqaruv sahifasidagi (Qurilmalar) ulash havolasini oching.',

  nowCalling: 'Chaqirilmoqda',
  ticketLabel: 'Chipta',
  windowLabel: 'Oyna',
  previousCalls: 'Oldingi chaqiruvlar',
  waitingHeading: 'Navbatda',
  noCallsYet: 'Hali chaqiruv yoʻq',
  displayNextCalls: 'Navbatdagilar',
  displayNoCurrentCall: 'Raqamingiz chaqirilishini kuting',
  goToWindow: '{ticket} chipta, {window}-oynaga oʻting',
  displayWindows: 'Oynalar',
  displayWindowClosed: 'Yopiq',
  displayWindowFree: 'Boʻsh',
  displayServiceClosed: 'Hozir qabul qilinmaydi',
  displayTicker: 'Eʼlon',
  displaySoundOff: 'Ovoz oʻchirilgan',
  // s5-hall: the display's services taking turns
  displayServicesPage: 'Xizmatlar, {pages} sahifadan {page}-sahifa',
};
