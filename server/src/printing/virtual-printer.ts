/** The in-memory printer: keeps each named printer's recent jobs for a text or paper preview. */
import { escPosLines } from './escpos-reader';
import { layoutText, type PaperWidth, type TicketLayout } from './layout';
import { previewPng, type PreviewOptions } from './preview';

/** One job the virtual printer received. */
export interface VirtualJob {
  readonly at: Date;
  readonly bytes: Buffer;
  /** The ticket's lines as text (from the layout when given, else read back from the bytes). */
  readonly preview: readonly string[];
  readonly width?: PaperWidth;
}

/** A printer in memory: keeps each named printer's last jobs and draws them as paper. */
export class VirtualPrinter {
  readonly #keep: number;
  readonly #jobs = new Map<string, VirtualJob[]>();

  /** `keep`: jobs remembered per printer name (default 20). */
  constructor(options: { keep?: number } = {}) {
    this.#keep = Math.max(1, options.keep ?? 20);
  }

  /** Records a job under `name`, dropping the oldest beyond `keep`. */
  print(
    name: string,
    bytes: Buffer,
    options: { layout?: TicketLayout; at?: Date } = {},
  ): VirtualJob {
    const job: VirtualJob = {
      at: options.at ?? new Date(),
      bytes: Buffer.from(bytes),
      preview: options.layout ? layoutText(options.layout) : escPosLines(bytes),
      width: options.layout?.width,
    };
    const list = this.#jobs.get(name) ?? [];
    list.push(job);
    if (list.length > this.#keep) list.splice(0, list.length - this.#keep);
    this.#jobs.set(name, list);
    return job;
  }

  /** Jobs of `name`, oldest first. */
  jobs(name: string): readonly VirtualJob[] {
    return [...(this.#jobs.get(name) ?? [])];
  }

  /** The newest job of `name`, if it printed any. */
  findLastJob(name: string): VirtualJob | undefined {
    return this.#jobs.get(name)?.at(-1);
  }

  /** Printer names that have jobs. */
  names(): string[] {
    return [...this.#jobs.keys()];
  }

  /** Forgets the jobs of `name`, or of every printer. */
  clear(name?: string): void {
    if (name === undefined) this.#jobs.clear();
    else this.#jobs.delete(name);
  }

  /** A PNG of the paper for a job, its bytes, or a layout. */
  previewPng(
    input: VirtualJob | Buffer | TicketLayout,
    options: PreviewOptions = {},
  ): Promise<Buffer> {
    if (Buffer.isBuffer(input) || 'blocks' in input) return previewPng(input, options);
    return previewPng(input.bytes, { width: input.width, ...options });
  }
}
