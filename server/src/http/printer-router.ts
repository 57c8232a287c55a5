/** The virtual printer's paper, for people without a printer: what each kiosk ticket looks like. */
import { Router } from 'express';
import { apiRoute, Endpoints } from '../../protocol/endpoints';
import { z } from 'zod';
import { OfficeCode } from '../../protocol';
import type { QueueService } from '../queue/queue-service';
import { parsePrinterUrl, type PrinterTarget } from '../printing/printer-target';
import { probePrinter } from '../printing/printer-status';
import { sendToPrinter } from '../printing/transports';
import { PrinterError } from '../printing/printer-error';
import type { VirtualJob, VirtualPrinter } from '../printing/virtual-printer';
import type { AuthService } from '../auth/auth-service';
import {
  ticketLayout,
  type Localized,
  type PaperWidth,
  type TicketLayout,
} from '../printing/layout';
import { renderTicket } from '../printing/render';
import { requireStaff } from './auth-middleware';
import { parseParams } from './errors';
import { printerSettings, type PrinterSettings } from '../printing/ticket-printer';
import { AppError, notFound } from '../errors';

const PaperParams = z.object({
  office: OfficeCode,
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
});
const JobParams = PaperParams.extend({ index: z.coerce.number().int().min(0).max(1000) });

export interface PrinterRouterDeps {
  queue: QueueService;
  virtual: VirtualPrinter;
  auth: AuthService;
  /** PUBLIC_URL (else the listening address): the test ticket's QR leads to its kiosk page. */
  publicUrl: () => string;
}

export function printerRouter(deps: PrinterRouterDeps): Router {
  const r = Router();
  mountKioskPrinterRoutes(r, deps);
  mountPaperRoutes(r, deps);
  return r;
}

/** A kiosk's printer: whether it answers, and an administrator's test print. */
function mountKioskPrinterRoutes(r: Router, deps: PrinterRouterDeps): void {
  const probe = cachedProbe();

  /** The kiosk's printer: its address kind, whether it answers, and jobs still waiting for it. */
  r.get(apiRoute(Endpoints.kioskPrinter), async (req, res) => {
    const { office, code } = parseParams(PaperParams, req);
    const printer = await kioskPrinter(deps.queue, office, code);
    res.json({
      printer: {
        kind: printer.target?.kind ?? 'none',
        status: printer.target ? await probe(printer.target) : 'none',
        pending: await deps.queue.pendingPrintJobs(office, code),
      },
    });
  });

  /** An administrator's test print: a sample ticket straight to the kiosk's printer. */
  r.post(apiRoute(Endpoints.testPrint), requireStaff(deps.auth, ['admin']), async (req, res) => {
    const { office, code } = parseParams(PaperParams, req);
    const printer = await kioskPrinter(deps.queue, office, code);
    if (!printer.target) throw new AppError('conflict', `kiosk ${code} has no printer`);
    const record = await deps.queue.getOffice(office);
    const width = printer.settings?.width ?? 80;
    const layout = testTicketLayout(record, `${deps.publicUrl()}/kiosk/`, width);
    try {
      const codePage = printer.settings?.codePage ?? 'pc866';
      await sendToPrinter(printer.target, renderTicket(layout, { width, codePage }), {
        timeoutMs: 5000,
        virtualPrinter: deps.virtual,
        printerName: `${office}/${code}`,
        layout,
      });
    } catch (err) {
      await keepPrinterStatus(deps.queue, office, code, 'offline');
      const why = (err as Error).message;
      // `failure`: the kind (refused, timeout, …), for a page to say in its own words.
      throw new AppError('unavailable', `the printer did not print: ${why}`, {
        reason: 'printer_failed',
        ...(err instanceof PrinterError ? { failure: err.reason } : {}),
        error: why.slice(0, 200),
      });
    }
    await keepPrinterStatus(deps.queue, office, code, 'online');
    res.json({ status: 'printed' });
  });
}

/**
 * What a test print found the printer to be, kept as its known state as a ticket's print would
 * (every page hears `printer:updated` when it changes). The print's own answer matters more: a state
 * that could not be written now is written by the next print or probe.
 */
async function keepPrinterStatus(
  queue: QueueService,
  office: string,
  code: string,
  status: 'online' | 'offline',
): Promise<void> {
  await queue.setPrinterStatus(office, code, status).catch(() => undefined);
}

const PROBE_TTL_MS = 2000;

/**
 * Printer probes shared by anonymous callers: one per printer address every few seconds, never one
 * per request.
 */
function cachedProbe(): (target: PrinterTarget) => Promise<'online' | 'offline'> {
  const probes = new Map<string, { at: number; status: Promise<'online' | 'offline'> }>();
  return (target) => {
    const key = JSON.stringify(target);
    const now = Date.now();
    const hit = probes.get(key);
    if (hit && now - hit.at < PROBE_TTL_MS) return hit.status;
    if (probes.size > 1000) probes.clear();
    const status = probePrinter(target, { timeoutMs: 1500 });
    probes.set(key, { at: now, status });
    return status;
  };
}

/** The test print's sample ticket, in the office's name and time zone. */
function testTicketLayout(
  office: { names: Localized; timeZone: string },
  publicUrl: string,
  width: PaperWidth,
): TicketLayout {
  return ticketLayout(
    {
      officeName: office.names,
      serviceName: {
        tg: 'Чопи санҷишӣ',
        ru: 'Пробная печать',
        uz: 'Sinov chopi',
        en: 'Test print',
      },
      number: 'X000',
      priority: null,
      language: 'tg',
      issuedAt: new Date().toISOString(),
      timeZone: office.timeZone,
      publicUrl,
    },
    { width },
  );
}

/** The virtual printer's paper: a kiosk's jobs as text lines, and each one as a picture. */
function mountPaperRoutes(r: Router, deps: PrinterRouterDeps): void {
  // One rendering per virtual job.
  const pngs = new WeakMap<VirtualJob, Promise<Buffer>>();

  // Ticket paper carries public data only (number, service, times, people ahead), like the display.
  r.get(apiRoute(Endpoints.kioskPaper), async (req, res) => {
    const { office, code } = parseParams(PaperParams, req);
    await deps.queue.getOffice(office);
    const jobs = deps.virtual.jobs(`${office}/${code}`);
    res.json({
      jobs: jobs
        .map((j, index) => ({
          index,
          at: j.at.toISOString(),
          lines: j.preview,
          width: j.width ?? 80,
        }))
        .reverse(),
    });
  });

  r.get(apiRoute(Endpoints.kioskPaperPng), async (req, res) => {
    const { office, code, index } = parseParams(JobParams, req);
    const job = deps.virtual.jobs(`${office}/${code}`)[index];
    if (!job) throw notFound(`paper ${index}`);
    let png = pngs.get(job);
    if (!png) {
      png = deps.virtual.previewPng(job);
      pngs.set(job, png);
    }
    png = png.catch((err: unknown) => {
      pngs.delete(job);
      throw err;
    });
    const bytes = await png;
    res.type('image/png').set('Cache-Control', 'no-store').send(bytes);
  });
}

/** The printer of a kiosk; `target` is undefined when it has none (a broken address is 409). */
async function kioskPrinter(
  queue: QueueService,
  office: string,
  code: string,
): Promise<{ target: PrinterTarget | undefined; settings?: PrinterSettings }> {
  const url = await queue.kioskPrinterUrl(office, code);
  if (url === undefined) throw notFound(`kiosk ${code}`);
  if (url === null) return { target: undefined };
  try {
    const settings = printerSettings(url);
    return { target: parsePrinterUrl(settings.address), settings };
  } catch (err) {
    throw new AppError('conflict', (err as Error).message);
  }
}
