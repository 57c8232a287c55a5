/**
 * Raw printing over TCP (port 9100, "JetDirect"/"AppSocket"): one connection per job, written and
 * closed within a time limit, socket errors told as printer failures; and the probe whether a
 * printer accepts a connection at all.
 */
import net from 'node:net';
import { PrinterError } from './printer-error';
import { formatPrinterTarget } from './printer-target';

/** After our last byte, how long to wait for the printer to close its side before we do. */
const CLOSE_WAIT_MS = 1000;

/** Sends `bytes` to `host:port` (an address the policy allowed); rejects with a PrinterError. */
export function sendTcp(
  host: string,
  port: number,
  bytes: Buffer,
  timeoutMs: number,
): Promise<void> {
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

/** Whether `host:port` accepts a connection within `timeoutMs` (closed again at once). */
export function tcpAccepts(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<'online' | 'offline'> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (state: 'online' | 'offline') => {
      clearTimeout(timer);
      socket.destroy();
      resolve(state);
    };
    const timer = setTimeout(() => done('offline'), timeoutMs);
    socket.once('connect', () => done('online'));
    socket.once('error', () => done('offline'));
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
