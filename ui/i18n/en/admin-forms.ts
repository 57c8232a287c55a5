/** English words of the administration's forms: field hints and refusals in the form's own words. */

export const adminForms = {
  adminPrinter: 'Printer address',
  adminPrinterStatus: 'Printer state',
  adminPrinterOnline: 'Working',
  adminPrinterOffline: 'Not responding',
  adminPrinterUnknown: 'Not checked yet',
  adminCodeHint: 'Latin small letters, digits and _, starting with a letter (e.g. adoption)',
  adminUsernameHint: 'Latin letters, digits, dot, dash or _ (e.g. clerk5)',
  adminUsernameTaken:
    'The user name “{name}” is taken already. Names that differ only in capital letters (Clerk5, clerk5) count as one: choose another.',
  adminDeviceCodeHint: 'Latin letters, digits, - or _ (e.g. K2)',
  adminPrinterDidNotPrint: 'The printer did not print: {why}',
  adminPrinterWhyRefused: 'it refused the connection (is it on, is the port right?)',
  adminPrinterWhyTimeout: 'it did not answer in time',
  adminPrinterWhyUnreachable: 'its address cannot be reached',
  adminPrinterWhyOther: 'it did not take the job',
  adminPrinterBadAddress:
    'This is no printer address. This server takes addresses such as: {allowed}.',
  adminPrinterHostUnknown: 'The printer’s host name is not known on this network.',
  adminPrinterOutsideNetworks:
    'The server may print only to printers in its own networks ({allowed}): PRINTER_NETWORKS on the server widens them.',
  adminPrinterOutsideDevices:
    'The server may print only to the devices {allowed}: PRINTER_DEVICES on the server widens them.',
  adminPrinterNotADevice: 'This is not a printer device.',
  adminPrinterFilesOff: 'Printing into files is off on this server (PRINTER_SPOOL_DIR is not set).',
  adminPrinterOutsideSpool: 'A file printer must write inside {allowed}.',
  adminReportFor: 'Figures for {from} – {to}.',
  adminReportStale: 'The dates above are other days: press “{show}” to see them.',
  adminNoQuietHours:
    'No quiet hours: the start and the end are the same, so messages go at any hour.',
  adminRangeBackwards: '“{to}” is before “{from}”: choose the days again.',
  adminRangeTooLong: 'One report covers at most {n} days: choose a shorter range.',
  adminRemoteJoinNoCap:
    'Remote join is on: set how many tickets a day may be taken from the phone (at least 1), or switch it off.',
  fieldRequired: 'Fill in this field.',
  fieldFormat: 'Check what is written in this field.',
  fieldTooShort: 'At least {n} characters.',
  fieldMin: 'At least {n}.',
  fieldMax: 'At most {n}.',
};
