/** Small helpers for the benchmarks: percentiles, clocks and plain-text tables. */

/** Monotonic milliseconds, comparable across worker threads of one process. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of `values` (sorted in place). */
export function summarize(values: number[]): Summary {
  if (values.length === 0) return { count: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  values.sort((a, b) => a - b);
  const at = (p: number): number =>
    values[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)]!;
  let sum = 0;
  for (const v of values) sum += v;
  return {
    count: values.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: values[values.length - 1]!,
    mean: sum / values.length,
  };
}

export function ms(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
}

export function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** A plain-text table with right-aligned cells except the first column. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A Markdown table. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function heading(title: string): void {
  process.stdout.write(`\n=== ${title} ===\n`);
}

export function log(text: string): void {
  process.stdout.write(`${text}\n`);
}
