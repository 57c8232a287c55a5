/** The virtual printer's paper, for people without a printer: what each kiosk ticket looks like. */
import { Router } from 'express';
import { z } from 'zod';
import { OfficeCode } from '../../protocol';
import type { QueueService } from '../queue/queue-service';
import type { VirtualPrinter } from '../printing/transports';
import { AppError, notFound } from '../errors';

const PaperParams = z.object({
  office: OfficeCode,
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
});
const JobParams = PaperParams.extend({ index: z.coerce.number().int().min(0).max(1000) });

export function printerRouter(deps: { queue: QueueService; virtual: VirtualPrinter }): Router {
  const r = Router();

  // Ticket paper carries public data only (number, service, times, people ahead), like the display.
  r.get('/offices/:office/kiosks/:code/paper', async (req, res) => {
    const p = PaperParams.safeParse(req.params);
    if (!p.success) throw new AppError('not_found', `nothing at ${req.path}`);
    await deps.queue.getOffice(p.data.office);
    const jobs = deps.virtual.jobs(`${p.data.office}/${p.data.code}`);
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

  r.get('/offices/:office/kiosks/:code/paper/:index.png', async (req, res) => {
    const p = JobParams.safeParse(req.params);
    if (!p.success) throw new AppError('not_found', `nothing at ${req.path}`);
    const job = deps.virtual.jobs(`${p.data.office}/${p.data.code}`)[p.data.index];
    if (!job) throw notFound(`paper ${p.data.index}`);
    const png = await deps.virtual.previewPng(job);
    res.type('image/png').set('Cache-Control', 'no-store').send(png);
  });

  return r;
}
