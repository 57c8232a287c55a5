/** English messages of the hall display. */
export const display = {
  displayNotPaired:
    'This display is not paired with the office. Staff: open its pairing link from the administration page (Devices).',

  nowCalling: 'Now calling',
  ticketLabel: 'Ticket',
  windowLabel: 'Window',
  previousCalls: 'Previous calls',
  waitingHeading: 'Waiting',
  noCallsYet: 'No calls yet',
  displayNextCalls: 'Next',
  displayNoCurrentCall: 'Please wait for your number',
  goToWindow: 'Ticket {ticket}, please go to window {window}',
  displayWindows: 'Windows',
  displayWindowClosed: 'Closed',
  displayWindowFree: 'Free',
  displayServiceClosed: 'Not accepting now',
  displayTicker: 'Announcement',
  displaySoundOff: 'Sound off',
  // s5-hall: the display's services taking turns
  displayServicesPage: 'Services, page {page} of {pages}',
} satisfies Record<string, string>;
