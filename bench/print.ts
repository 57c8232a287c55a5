/** Ticket render time: layout + ESC/POS + the Tajik raster lines, in this process (no printer). */
import { ticketLayout } from '../server/src/printing/layout';
import { renderTicket } from '../server/src/printing/render';
import { sampleTicket } from '../server/src/testing/ticket-fixtures';
import { summarize, type Summary } from './lib/stats';

export interface PrintResult {
  label: string;
  runs: number;
  bytes: number;
  render: Summary;
  first: number;
}

/**
 * Which ticket: Tajik, whose raster lines repeat from ticket to ticket (an office's steady state: the
 * renderer keeps them); Tajik with a new office name, service name and wait on every ticket, so three
 * of its four raster lines are drawn afresh each time; or Russian (text only).
 */
export type PrintCase = 'tg' | 'tg-fresh' | 'ru';

const LABELS: Readonly<Record<PrintCase, string>> = {
  tg: 'Tajik ticket (raster lines, kept from earlier tickets)',
  'tg-fresh': 'Tajik ticket (3 of its 4 raster lines drawn afresh)',
  ru: 'Russian ticket (text only)',
};

/** Renders `runs` tickets of one case on 80 mm paper; the first call (font loading) apart. */
export function runPrint(which: PrintCase, runs: number): PrintResult {
  const input = (i: number) => {
    if (which !== 'tg-fresh') return { ...sampleTicket, language: which };
    const fresh = (names: typeof sampleTicket.officeName) => ({ ...names, tg: `${names.tg} ${i}` });
    return {
      ...sampleTicket,
      language: 'tg' as const,
      officeName: fresh(sampleTicket.officeName),
      serviceName: fresh(sampleTicket.serviceName),
      estimatedWaitMinutes: 1_000 + i,
    };
  };
  const once = (i: number) => renderTicket(ticketLayout(input(i), { width: 80 }), { width: 80 });
  const t0 = performance.now();
  const bytes = once(-1).length;
  const first = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    once(i);
    times.push(performance.now() - start);
  }
  return {
    label: LABELS[which],
    runs,
    bytes,
    render: summarize(times),
    first,
  };
}
