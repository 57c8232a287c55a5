/**
 * Delivers a print job to where its address points: a raw network printer (TCP 9100), a device
 * file (USB `lp`, serial tty), a spool file, or the in-memory virtual printer — after the printer
 * policy allowed the address. Addresses are `printer-target.ts`'s; status probes
 * `printer-status.ts`'s.
 */
import type { TicketLayout } from './layout';
import {
  PrinterPolicyError,
  SPOOL_OPEN_FLAGS,
  allowedTcpAddress,
  checkDevice,
  checkSpoolFile,
  currentPrinterPolicy,
  type PrinterPolicy,
} from './printer-policy';
import { PrinterError } from './printer-error';
import type { PrinterTarget } from './printer-target';
import { sendTcp } from './tcp-transport';
import { writeDevice, writeSpoolFile } from './file-transport';
import type { VirtualPrinter } from './virtual-printer';

/** Connect, write and close must all happen within this unless the caller says otherwise. */
const DEFAULT_TIMEOUT_MS = 5000;

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
      return writeDevice(target.path, bytes, timeoutMs);
    case 'file':
      await allowed(() => checkSpoolFile(target.path, policy));
      return writeSpoolFile(target.path, bytes, SPOOL_OPEN_FLAGS, timeoutMs);
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
