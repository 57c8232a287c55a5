/**
 * Whether a printer can take a job now (the status the admin pages and the kiosk's printer show):
 * TCP accepts a connection, a device or spool file is writable. Addresses the policy forbids are
 * never tried.
 */
import {
  allowedTcpAddress,
  checkDevice,
  checkSpoolFile,
  currentPrinterPolicy,
  type PrinterPolicy,
} from './printer-policy';
import type { PrinterTarget } from './printer-target';
import { tcpAccepts } from './tcp-transport';
import { fileWritable } from './file-transport';

/** Whether the printer can take a job now: TCP accepts a connection, a device or file is writable. */
export async function probePrinter(
  target: PrinterTarget,
  options: { timeoutMs?: number; policy?: PrinterPolicy } = {},
): Promise<'online' | 'offline'> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const policy = options.policy ?? currentPrinterPolicy();
  // An address the environment does not allow is never tried: it is simply offline.
  const permitted = await permittedAddress(target, policy).then(
    (address) => ({ ok: true as const, address }),
    () => ({ ok: false as const, address: undefined }),
  );
  if (!permitted.ok) return 'offline';
  switch (target.kind) {
    case 'tcp':
      return tcpAccepts(permitted.address ?? target.host, target.port, timeoutMs);
    case 'device':
    case 'file':
      return (await fileWritable(target.kind, target.path)) ? 'online' : 'offline';
    case 'virtual':
      return 'online';
  }
}

/** The policy's check for the target (the address to connect to, for TCP); rejects when refused. */
async function permittedAddress(
  target: PrinterTarget,
  policy: PrinterPolicy,
): Promise<string | undefined> {
  switch (target.kind) {
    case 'tcp':
      return allowedTcpAddress(target.host, policy);
    case 'device':
      await checkDevice(target.path, policy);
      return undefined;
    case 'file':
      await checkSpoolFile(target.path, policy);
      return undefined;
    case 'virtual':
      return undefined;
  }
}
