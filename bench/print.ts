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

/** Renders `runs` tickets of `language` on 80 mm paper; the first call (font loading) apart. */
export function runPrint(language: 'tg' | 'ru', runs: number): PrintResult {
  const input = { ...sampleTicket, language };
  const once = () => renderTicket(ticketLayout(input, { width: 80 }), { width: 80 });
  const t0 = performance.now();
  const bytes = once().length;
  const first = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    once();
    times.push(performance.now() - start);
  }
  return {
    label: language === 'tg' ? 'Tajik ticket (raster lines)' : 'Russian ticket (text only)',
    runs,
    bytes,
    render: summarize(times),
    first,
  };
}
