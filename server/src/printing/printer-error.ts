/** Why a print job did not reach its printer: the failure kinds and the error that carries one. */

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
