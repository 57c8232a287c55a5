/** The print queue's sender for tickets: current ticket state → layout → ESC/POS → the printer. */
import type { PrintJobRecord } from '../../../db/repositories/print-repository';
import type { QueueService } from '../queue/queue-service';
import { ticketLayout, type PaperWidth, type TicketPrintInput } from './layout';
import type { CodePageName } from './code-page';
import { renderTicket } from './render';
import { PrinterError } from './printer-error';
import { parsePrinterUrl } from './printer-target';
import { sendToPrinter } from './transports';
import type { VirtualPrinter } from './virtual-printer';
import type { SendJob } from './print-queue';
import type { StaffTicket } from '../../protocol';

/** A printer address with its paper options: `tcp://host:9100#58mm,wpc1251`. */
export interface PrinterSettings {
  /** The address part, for `parsePrinterUrl`. */
  address: string;
  width: PaperWidth;
  codePage: CodePageName;
}

/**
 * Splits the options after `#` from a printer address: `58mm` or `80mm` (default 80), and a code
 * page `pc866` (default) or `wpc1251`. An unknown option is an error naming it.
 */
export function printerSettings(url: string): PrinterSettings {
  const [address = '', options = ''] = url.trim().split('#', 2);
  const settings: PrinterSettings = { address, width: 80, codePage: 'pc866' };
  for (const option of options
    .split(',')
    .map((o) => o.trim().toLowerCase())
    .filter(Boolean)) {
    if (option === '58mm' || option === '80mm') settings.width = option === '58mm' ? 58 : 80;
    else if (option === 'pc866' || option === 'wpc1251') settings.codePage = option;
    else
      throw new PrinterError(
        'config',
        `printer URL "${url}": unknown option "${option}" (58mm, 80mm, pc866, wpc1251)`,
      );
  }
  return settings;
}

/**
 * Builds what the ticket shows from its state at print time (people ahead may have changed), or
 * from `issued`, the ticket as its issue rendered it moments ago.
 */
async function ticketPrintInput(
  queue: QueueService,
  ticketId: string,
  publicBase: string,
  issued?: StaffTicket,
): Promise<TicketPrintInput> {
  const ticket = issued?.id === ticketId ? issued : await queue.getTicket(ticketId);
  const office = await queue.getOffice(ticket.office);
  const services = await queue.listServices(ticket.office);
  const service = services.find((s) => s.code === ticket.service);
  const priority = office.priorities.find((p) => p.code === ticket.priority);
  return {
    officeName: office.names,
    serviceName: service?.names ?? {
      tg: ticket.service,
      ru: ticket.service,
      uz: ticket.service,
      en: ticket.service,
    },
    number: ticket.number,
    priority: priority?.names ?? null,
    language: ticket.language ?? 'tg',
    issuedAt: ticket.issuedAt,
    timeZone: office.timeZone,
    peopleAhead: ticket.peopleAhead,
    servingWindows: ticket.servingWindows,
    estimatedWaitMinutes: ticket.estimatedWaitMinutes,
    ...(ticket.appointment ? { appointmentStart: ticket.appointment.start } : {}),
    // The holder's key rides in the link: who holds the paper may change the ticket's messages.
    publicUrl: `${publicBase.replace(/\/$/, '')}/t/${ticket.id}#${await queue.holderKey(ticket.id)}`,
  };
}

/** The SendJob of ticket jobs; `virtual` keeps what a virtual printer "printed". */
export function ticketSender(deps: {
  queue: QueueService;
  virtual: VirtualPrinter;
  /** PUBLIC_URL (else the listening address), read when the job prints: the QR's base. */
  publicBase: () => string;
}): SendJob {
  return async (job: PrintJobRecord, timeoutMs: number, issued?: StaffTicket) => {
    let target: ReturnType<typeof parsePrinterUrl>;
    let settings: PrinterSettings;
    try {
      settings = printerSettings(job.printerUrl);
      target = parsePrinterUrl(settings.address);
    } catch (err) {
      // A wrong address will not heal by retrying: the job fails at once with the reason.
      throw new PrinterError('config', (err as Error).message);
    }
    // Older jobs stored the issuing request's Host as their base: it is not trusted any more.
    const input = await ticketPrintInput(deps.queue, job.ticketId, deps.publicBase(), issued);
    const layout = ticketLayout(input, { width: settings.width });
    const bytes = renderTicket(layout, { width: settings.width, codePage: settings.codePage });
    await sendToPrinter(target, bytes, {
      timeoutMs,
      virtualPrinter: deps.virtual,
      printerName: `${job.officeCode}/${job.deviceCode}`,
      layout,
    });
  };
}
