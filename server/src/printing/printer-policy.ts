/**
 * Where printers may be, set only in the server's environment (never by the web UI): device files
 * matching PRINTER_DEVICES, files inside PRINTER_SPOOL_DIR, TCP printers inside PRINTER_NETWORKS.
 * Every transport checks its target here before it opens or connects anything.
 */
import { constants as fsConstants } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** The environment's printer limits. */
export interface PrinterPolicy {
  /** Globs of device files (`*` and `?` within one path segment). */
  readonly devices: readonly string[];
  /** The only folder `file:` printers may write into; none: no `file:` printers. */
  readonly spoolDir: string | undefined;
  /** CIDRs TCP printers may be in. */
  readonly networks: readonly string[];
}

const DEFAULT_PRINTER_DEVICES = ['/dev/usb/lp*', '/dev/lp*', '/dev/ttyUSB*', '/dev/ttyACM*'];
// The private ranges; never loopback, link-local (cloud metadata) or public addresses.
const DEFAULT_PRINTER_NETWORKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'];

/** Why an address is refused, for the admin page to say in its own words. */
export type PrinterRefusal =
  | 'host_unknown'
  | 'outside_networks'
  | 'outside_devices'
  | 'not_a_device'
  | 'files_off'
  | 'outside_spool';

/** Refusal of a printer address by the environment's policy. */
export class PrinterPolicyError extends Error {
  override readonly name = 'PrinterPolicyError';
  constructor(
    message: string,
    readonly reason: PrinterRefusal,
    /** What the server's environment allows (the networks, the device globs, the spool folder). */
    readonly allowed?: readonly string[],
  ) {
    super(message);
  }
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Reads PRINTER_DEVICES, PRINTER_SPOOL_DIR, PRINTER_NETWORKS; throws naming a bad value. */
export function printerPolicyFromEnv(env: NodeJS.ProcessEnv): PrinterPolicy {
  const devices = env.PRINTER_DEVICES?.trim() ? list(env.PRINTER_DEVICES) : DEFAULT_PRINTER_DEVICES;
  for (const d of devices) {
    if (!isAbsolute(d) || d.includes('..')) {
      throw new Error(`PRINTER_DEVICES: "${d}" is not an absolute path`);
    }
  }
  const spool = env.PRINTER_SPOOL_DIR?.trim();
  if (spool && !isAbsolute(spool)) throw new Error(`PRINTER_SPOOL_DIR: "${spool}" is not absolute`);
  const networks = env.PRINTER_NETWORKS?.trim()
    ? list(env.PRINTER_NETWORKS)
    : DEFAULT_PRINTER_NETWORKS;
  blockListOf(networks);
  return { devices, spoolDir: spool ? resolve(spool) : undefined, networks };
}

let cached: { key: string; policy: PrinterPolicy } | undefined;

/** The policy of this process's environment now (re-read when the variables change). */
export function currentPrinterPolicy(): PrinterPolicy {
  const env = process.env;
  const key = [env.PRINTER_DEVICES, env.PRINTER_SPOOL_DIR, env.PRINTER_NETWORKS].join('\n');
  if (cached?.key !== key) cached = { key, policy: printerPolicyFromEnv(env) };
  return cached.policy;
}

function blockListOf(networks: readonly string[]): net.BlockList {
  const blocks = new net.BlockList();
  for (const cidr of networks) {
    const [address = '', bitsText] = cidr.split('/');
    const type = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : undefined;
    const bits = bitsText === undefined ? (type === 'ipv4' ? 32 : 128) : Number(bitsText);
    const max = type === 'ipv4' ? 32 : 128;
    if (!type || !Number.isInteger(bits) || bits < 0 || bits > max) {
      throw new Error(`PRINTER_NETWORKS: "${cidr}" is not an address or CIDR`);
    }
    blocks.addSubnet(address, bits, type);
  }
  return blocks;
}

/** `::ffff:10.0.0.5` → `10.0.0.5`. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/**
 * The address to connect to for `host`: an IP inside PRINTER_NETWORKS (a name is resolved once and
 * the resolved address is what is connected to, so a name cannot point elsewhere later).
 */
export async function allowedTcpAddress(host: string, policy: PrinterPolicy): Promise<string> {
  let address = net.isIP(host) ? host : undefined;
  if (!address) {
    try {
      address = (await lookup(host)).address;
    } catch {
      throw new PrinterPolicyError(`printer host "${host}" does not resolve`, 'host_unknown');
    }
  }
  address = plainAddress(address);
  const type = net.isIPv4(address) ? 'ipv4' : 'ipv6';
  if (!blockListOf(policy.networks).check(address, type)) {
    throw new PrinterPolicyError(
      `printer address ${address} is outside PRINTER_NETWORKS (${policy.networks.join(', ')})`,
      'outside_networks',
      policy.networks,
    );
  }
  return address;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/** Whether `path` (as written) matches one of the PRINTER_DEVICES globs. */
function deviceAllowed(path: string, policy: PrinterPolicy): boolean {
  return policy.devices.some((g) => globToRegExp(g).test(path));
}

/** Throws unless `path` and the file it really is both match PRINTER_DEVICES and it is a character device. */
export async function checkDevice(path: string, policy: PrinterPolicy): Promise<void> {
  if (!deviceAllowed(resolve(path), policy)) {
    throw new PrinterPolicyError(
      `printer device ${path} is outside PRINTER_DEVICES (${policy.devices.join(', ')})`,
      'outside_devices',
      policy.devices,
    );
  }
  const real = await realpath(path).catch(() => path);
  // A symlink in /dev may name another device; the target must be allowed too.
  if (real !== path && !deviceAllowed(real, policy)) {
    throw new PrinterPolicyError(
      `printer device ${path} leads to ${real}, outside PRINTER_DEVICES`,
      'outside_devices',
      policy.devices,
    );
  }
  const info = await stat(path).catch(() => undefined);
  if (info && !info.isCharacterDevice()) {
    throw new PrinterPolicyError(
      `printer device ${path} is not a character device`,
      'not_a_device',
    );
  }
}

/** Throws unless `path` lies inside PRINTER_SPOOL_DIR (symlinks resolved). */
export async function checkSpoolFile(path: string, policy: PrinterPolicy): Promise<void> {
  if (!policy.spoolDir) {
    throw new PrinterPolicyError(
      'file printers are off: PRINTER_SPOOL_DIR is not set',
      'files_off',
    );
  }
  const inside = (dir: string, p: string) => {
    const rel = relative(dir, p);
    return (
      rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..')
    );
  };
  const target = resolve(path);
  const dir = await realpath(policy.spoolDir).catch(() => policy.spoolDir ?? '');
  const parent = await realpath(resolve(target, '..')).catch(() => resolve(target, '..'));
  if (
    !inside(policy.spoolDir, target) ||
    !inside(dir, resolve(parent, target.split(sep).pop() ?? ''))
  ) {
    throw new PrinterPolicyError(
      `printer file ${path} is outside PRINTER_SPOOL_DIR (${policy.spoolDir})`,
      'outside_spool',
      [policy.spoolDir],
    );
  }
}

/** Flags for opening a spool file: never through a symlink. */
export const SPOOL_OPEN_FLAGS =
  fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT | fsConstants.O_NOFOLLOW;
