/**
 * Printer addresses: `tcp://host[:port]`, `usb:/dev/…`, `serial:/dev/…`, `file:/path` or `virtual`,
 * parsed into a target and written back in the same form.
 */
import { isAbsolute } from 'node:path';

/** A parsed printer address. */
export type PrinterTarget =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'device'; readonly path: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'virtual' };

/** Raw ESC/POS over TCP ("JetDirect", "AppSocket"). */
const DEFAULT_TCP_PORT = 9100;

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
    case 'tcp':
      return parseTcp(rest, fail);
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

/** `//host[:port]` after `tcp:`; `fail` throws with the problem. */
function parseTcp(rest: string, fail: (problem: string) => never): PrinterTarget {
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
