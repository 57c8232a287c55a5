/** English messages of shared by every page: names, time, statuses, errors. */
export const common = {
  languageName: 'English',
  appName: 'Navbat',
  loading: 'Loading…',
  connectionLost: 'Connection lost — reconnecting',
  missingOffice: 'This page needs an office in its address (?office=…).',
  unknownOffice: "There is no office “{office}”. Check the page's address.",
  minutes: '{n} min',
  aboutMinutes: '~{n} min',
  /** The same words as the paper's (server/src/printing/catalogue.ts). */
  youAreNext: 'You are next',
  /** No open window with a clerk serves the ticket's service (the paper says the same). */
  noWindowYet: 'No window serves this yet. You will be called when one opens.',
  // A date on the display; `weekdays` (Sunday first) and `months` are comma-separated lists.
  dateFormat: '{weekday}, {day} {month}',
  weekdays: 'Sunday,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday',
  months: 'January,February,March,April,May,June,July,August,September,October,November,December',
  // The placeholders of typed date and time fields, and what they say to a text that is none.
  dateFieldPlaceholder: 'dd.mm.yyyy',
  timeFieldPlaceholder: 'hh:mm',
  dateFieldInvalid: 'Enter the date as dd.mm.yyyy, for example 25.11.2026.',
  dateFieldNoSuchDay: 'There is no such day: check the day and the month.',
  timeFieldInvalid: 'Enter the time as hh:mm on the 24-hour clock, for example 16:30.',
  dismiss: 'Close',
  tryAgain: 'Try again',

  statusWaiting: 'Waiting',
  statusCalled: 'Called',
  statusServing: 'Being served',
  statusDone: 'Done',
  statusNoShow: 'No-show',
  statusCancelled: 'Cancelled',
  statusExpired: 'Expired',

  errorValidationFailed: 'The request was not accepted.',

  errorSentToWindow: 'This ticket was sent to window {window}: it is called there.',
  errorAlreadyRegistered:
    'This event is registered already, by case {case}: a second act record is not made.',
  errorFieldTooLong: 'The field “{field}” is too long: at most {max} characters.',
  errorValidationFailedField: 'The request was not accepted: check the field “{field}”.',
  errorUnauthorized: 'Please sign in again.',
  errorForbidden: 'You are not allowed to do this.',
  errorNotFound: 'Not found.',
  errorIllegalTransition: 'This ticket cannot do that in its current state.',
  errorStaleVersion: 'Someone else changed this in the meantime. Reload and try again.',
  errorCounterBusy: 'This window still has a ticket. Complete it or mark it as no-show first.',
  errorCounterTaken:
    '{name} is working at this window. Choose another window, or take this one over from the window list.',
  errorConflictField: 'The value of “{field}” is taken already: choose another.',
  errorConflict: 'This already exists.',
  errorPayloadTooLarge: 'The request is too large.',
  errorRateLimited: 'Too many attempts. Please wait a few minutes and try again.',
  errorUnavailable: 'The service is temporarily unavailable.',
  errorInternal: 'Server error.',
  errorNetwork: 'No connection to the server. Check the network; the page reconnects by itself.',
  errorUnknown: 'Something went wrong.',
} satisfies Record<string, string>;
