/**
 * Printing to a local file: a device (USB `lp`, serial tty) or a spool file, opened, checked to be
 * the right kind, written within a time limit; and the probe whether such a printer is writable.
 */
import { constants as fsConstants, type Stats } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PrinterError } from './printer-error';

/** Writes `bytes` to a device file (never created: a missing /dev/usb/lp0 must fail). */
export function writeDevice(path: string, bytes: Buffer, timeoutMs: number): Promise<void> {
  return writeWithTimeout(
    path,
    bytes,
    fsConstants.O_WRONLY | fsConstants.O_NOCTTY,
    timeoutMs,
    (info) => info.isCharacterDevice(),
  );
}

/** Appends `bytes` to a spool file, opened with the policy's `flags`. */
export function writeSpoolFile(
  path: string,
  bytes: Buffer,
  flags: string | number,
  timeoutMs: number,
): Promise<void> {
  return writeWithTimeout(path, bytes, flags, timeoutMs, (info) => info.isFile());
}

/** Whether a device, or a spool file (or the directory it would be created in), is writable. */
export async function fileWritable(kind: 'device' | 'file', path: string): Promise<boolean> {
  if (kind === 'device') return canWrite(path, false);
  return (await exists(path)) ? canWrite(path, false) : canWrite(dirname(path), true);
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
