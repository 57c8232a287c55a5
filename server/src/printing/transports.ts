/**
 * Where print jobs go: a raw network printer (TCP 9100), a device file (USB `lp`, serial tty), a
 * file, or the in-memory virtual printer that keeps recent jobs for a preview.
 */
import { constants as fsConstants, type Stats } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import net from 'node:net';
import { dirname, isAbsolute } from 'node:path';
import { escPosLines } from './escpos-reader';
import { layoutText, type PaperWidth, type TicketLayout } from './layout';
import { previewPng, type PreviewOptions } from './preview';
import {
  PrinterPolicyError,
  SPOOL_OPEN_FLAGS,
  allowedTcpAddress,
  checkDevice,
  checkSpoolFile,
  currentPrinterPolicy,
  type PrinterPolicy,
} from './printer-policy';

/** A parsed printer address. */
export type PrinterTarget =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'device'; readonly path: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'virtual' };

/** Why a job did not reach the printer, for the print-job table and the kiosk's message. */
export type PrinterFailure = 'refused' | 'timeout' | 'unreachable' | 'not_found' | 'io' | 'config';

/** A job that could not be delivered; `message` says where and why in words. */
export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(
    readonly reason: PrinterFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Raw ESC/POS over TCP ("JetDirect", "AppSocket"). */
const DEFAULT_TCP_PORT = 9100;
/** Connect, write and close must all happen within this unless the caller says otherwise. */
const DEFAULT_TIMEOUT_MS = 5000;
/** After our last byte, how long to wait for the printer to close its side before we do. */
const CLOSE_WAIT_MS = 1000;

const FORMS =
  'tcp://host:9100, usb:/dev/usb/lp0, serial:/dev/ttyUSB0, file:/path/out.bin or virtual';

/**
 * Parses a printer address: `tcp://host[:port]`, `usb:/dev/…` or `serial:/dev/…` (a device file
 * written directly), `file:/absolute/path` (jobs appended), or `virtual`. Throws an Error that
 * names the problem for anything else.
 */
export function parsePrinterUrl(url: string): PrinterTarget {
  const value = url.trim();
  const fail = (problem: string): never => {
    throw new Error(`printer URL "${url}": ${problem} (expected ${FORMS})`);
  };
  if (!value) return fail('empty');
  if (value === 'virtual') return { kind: 'virtual' };

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (!scheme) return fail('no scheme');
  const rest = value.slice(scheme.length + 1);
  switch (scheme) {
    case 'tcp': {
      const parts = /^\/\/([^/?#]*)(.*)$/.exec(rest);
      if (!parts) return fail('tcp needs "tcp://host:port"');
      const [, authority = '', tail = ''] = parts;
      if (tail && tail !== '/') return fail('a printer address has no path or query');
      if (authority.includes('@')) return fail('a printer address has no user');
      const [, hostText = '', portText] = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority) ?? [];
      if (!hostText) return fail('no host');
      let host: string;
      try {
        // The http parser, unlike the one for unknown schemes, punycodes names and checks IP addresses.
        host = new URL(`http://${hostText}`).hostname.replace(/^\[(.*)\]$/, '$1');
      } catch {
        return fail(`host "${hostText}" is not a valid name or address`);
      }
      if (portText === undefined || portText === '') {
        return { kind: 'tcp', host, port: DEFAULT_TCP_PORT };
      }
      const port = Number(portText);
      if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
        return fail(`port "${portText}" is not a number from 1 to 65535`);
      }
      return { kind: 'tcp', host, port };
    }
    case 'usb':
    case 'serial': {
      const path = localPath(rest);
      if (!path || path === '/') return fail(`${scheme} needs an absolute device path`);
      return { kind: 'device', path };
    }
    case 'file': {
      const path = localPath(rest);
      if (!path || path.endsWith('/')) return fail('file needs an absolute file path');
      return { kind: 'file', path };
    }
    default:
      return fail(`unknown scheme "${scheme}"`);
  }
}

/** `/dev/x` or `///dev/x` → `/dev/x`; anything else (relative, `//host/x`) → null. */
function localPath(rest: string): string | null {
  const path = rest.startsWith('///') ? rest.slice(2) : rest;
  return isAbsolute(path) && !path.startsWith('//') ? path : null;
}

/** The address in the form parsePrinterUrl reads. */
export function formatPrinterTarget(target: PrinterTarget): string {
  switch (target.kind) {
    case 'tcp':
      return `tcp://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
    case 'device':
      return target.path.startsWith('/dev/tty') ? `serial:${target.path}` : `usb:${target.path}`;
    case 'file':
      return `file:${target.path}`;
    case 'virtual':
      return 'virtual';
  }
}

/** Delivery limits, and where a `virtual` job is kept. */
export interface SendOptions {
  /** The whole delivery: connect, write, close. Default 5 s. */
  readonly timeoutMs?: number;
  /** Where `virtual` jobs go, under `printerName`. */
  readonly virtualPrinter?: VirtualPrinter;
  readonly printerName?: string;
  /** Kept with a virtual job for its text preview. */
  readonly layout?: TicketLayout;
  /** Where printers may be; default: this process's environment (PRINTER_*). */
  readonly policy?: PrinterPolicy;
}

/** The policy's verdict as a printer error (`config`: the address is not allowed here). */
async function allowed<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof PrinterPolicyError) throw new PrinterError('config', error.message);
    throw error;
  }
}

/**
 * Delivers one job. Resolves once the bytes were handed over and the connection or file closed;
 * rejects with a PrinterError (refused, timed out, device missing, …) otherwise. Never retries:
 * a retry could print the ticket twice, so that is the caller's decision.
 */
export async function sendToPrinter(
  target: PrinterTarget,
  bytes: Buffer,
  options: SendOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy = options.policy ?? currentPrinterPolicy();
  switch (target.kind) {
    case 'tcp': {
      const address = await allowed(() => allowedTcpAddress(target.host, policy));
      return sendTcp(address, target.port, bytes, timeoutMs);
    }
    case 'device':
      await allowed(() => checkDevice(target.path, policy));
      // No O_CREAT: a missing /dev/usb/lp0 must fail, not become a regular file.
      return writeWithTimeout(
        target.path,
        bytes,
        fsConstants.O_WRONLY | fsConstants.O_NOCTTY,
        timeoutMs,
        (info) => info.isCharacterDevice(),
      );
    case 'file':
      await allowed(() => checkSpoolFile(target.path, policy));
      return writeWithTimeout(target.path, bytes, SPOOL_OPEN_FLAGS, timeoutMs, (info) =>
        info.isFile(),
      );
    case 'virtual': {
      if (!options.virtualPrinter || !options.printerName) {
        throw new PrinterError(
          'config',
          'a virtual printer job needs virtualPrinter and printerName',
        );
      }
      options.virtualPrinter.print(options.printerName, bytes, { layout: options.layout });
      return;
    }
  }
}

/** Whether the printer can take a job now: TCP accepts a connection, a device or file is writable. */
export async function probePrinter(
  target: PrinterTarget,
  options: { timeoutMs?: number; policy?: PrinterPolicy } = {},
): Promise<'online' | 'offline'> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const policy = options.policy ?? currentPrinterPolicy();
  // An address the environment does not allow is never tried: it is simply offline.
  const permitted = await (async () => {
    switch (target.kind) {
      case 'tcp':
        return allowedTcpAddress(target.host, policy);
      case 'device':
        return checkDevice(target.path, policy);
      case 'file':
        return checkSpoolFile(target.path, policy);
      case 'virtual':
        return undefined;
    }
  })().then(
    (address) => ({ ok: true as const, address }),
    () => ({ ok: false as const, address: undefined }),
  );
  if (!permitted.ok) return 'offline';
  switch (target.kind) {
    case 'tcp':
      return new Promise((resolve) => {
        const socket = net.connect({ host: permitted.address ?? target.host, port: target.port });
        const done = (state: 'online' | 'offline') => {
          clearTimeout(timer);
          socket.destroy();
          resolve(state);
        };
        const timer = setTimeout(() => done('offline'), timeoutMs);
        socket.once('connect', () => done('online'));
        socket.once('error', () => done('offline'));
      });
    case 'device':
      return (await canWrite(target.path, false)) ? 'online' : 'offline';
    case 'file': {
      const ok = (await exists(target.path))
        ? await canWrite(target.path, false)
        : await canWrite(dirname(target.path), true);
      return ok ? 'online' : 'offline';
    }
    case 'virtual':
      return 'online';
  }
}

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

function sendTcp(host: string, port: number, bytes: Buffer, timeoutMs: number): Promise<void> {
  const where = formatPrinterTarget({ kind: 'tcp', host, port });
  return new Promise((resolve, reject) => {
    let settled = false;
    let flushed = false;
    let closeWait: NodeJS.Timeout | undefined;
    const socket = net.connect({ host, port });
    const finish = (error?: PrinterError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(closeWait);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => {
      // Once every byte is out and our FIN sent, a printer that keeps its side open still got the job.
      if (flushed) finish();
      else
        finish(
          new PrinterError(
            'timeout',
            `printer ${where} did not take the job within ${timeoutMs} ms` +
              (socket.connecting ? ' (no connection)' : ' (connected, but it stopped reading)'),
          ),
        );
    }, timeoutMs);

    socket.once('connect', () => socket.end(bytes));
    socket.once('finish', () => {
      flushed = true;
      closeWait = setTimeout(() => finish(), CLOSE_WAIT_MS);
    });
    // Some printers answer with status bytes; read and ignore them so the socket can close.
    socket.on('data', () => undefined);
    socket.once('close', () => {
      if (flushed) finish();
      else
        finish(
          new PrinterError('io', `printer ${where} closed the connection before the job was sent`),
        );
    });
    socket.once('error', (error: NodeJS.ErrnoException) => finish(tcpError(where, error)));
  });
}

function tcpError(where: string, error: NodeJS.ErrnoException): PrinterError {
  switch (error.code ?? '') {
    case 'ECONNREFUSED':
      return new PrinterError(
        'refused',
        `printer ${where} refused the connection (ECONNREFUSED): is it on, and is the port right?`,
        { cause: error },
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PrinterError('not_found', `printer ${where}: host not found (${error.code})`, {
        cause: error,
      });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new PrinterError('unreachable', `printer ${where} is unreachable (${error.code})`, {
        cause: error,
      });
    default:
      return new PrinterError('io', `printer ${where}: ${error.message}`, { cause: error });
  }
}

async function writeWithTimeout(
  path: string,
  bytes: Buffer,
  flags: string | number,
  timeoutMs: number,
  isRightKind: (info: Stats) => boolean,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const write = (async () => {
    const handle = await open(path, flags);
    try {
      // What was opened, not what the path named a moment before, decides.
      if (!isRightKind(await handle.stat())) {
        throw new PrinterError('config', `printer ${path} is not a device or spool file`);
      }
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
  })();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PrinterError(
            'timeout',
            `printer ${path} did not take the job within ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([write, timeout]);
  } catch (error) {
    // A write stuck in the kernel cannot be cancelled; let it finish or fail on its own.
    write.catch(() => undefined);
    if (error instanceof PrinterError) throw error;
    throw fileError(path, error as NodeJS.ErrnoException);
  } finally {
    clearTimeout(timer);
  }
}

function fileError(path: string, error: NodeJS.ErrnoException): PrinterError {
  switch (error.code ?? '') {
    case 'ENOENT':
      return new PrinterError('not_found', `printer ${path} does not exist (is it plugged in?)`, {
        cause: error,
      });
    case 'EACCES':
    case 'EPERM':
      return new PrinterError('io', `printer ${path}: no permission to write (${error.code})`, {
        cause: error,
      });
    default:
      return new PrinterError('io', `printer ${path}: ${error.message}`, { cause: error });
  }
}

async function canWrite(path: string, directory: boolean): Promise<boolean> {
  try {
    if ((await stat(path)).isDirectory() !== directory) return false;
    await access(path, fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
