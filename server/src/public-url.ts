/**
 * The address phones and QR codes lead to: PUBLIC_URL when set, else the address the server listens
 * on (a wildcard address becomes the machine's first LAN IPv4). A request's `Host` header never
 * builds a link: anyone can send any Host.
 */
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type http from 'node:http';

/** The public base URL and whether an administrator set it (PUBLIC_URL). */
export interface PublicUrl {
  /** Origin (and path prefix), no trailing slash: `https://navbat.example.tj`. */
  url: string;
  /** True when it comes from PUBLIC_URL; false when guessed from the listening address. */
  configured: boolean;
}

/** `PUBLIC_URL` as configured: an http(s) URL without query, fragment or trailing slash. */
export function normalisePublicUrl(value: string): string {
  const parsed = new URL(value);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error('must start with http:// or https://');
  }
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new Error('must be a plain address (no query, fragment or credentials)');
  }
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

/** The first non-internal IPv4 address of this machine, if it has one. */
function firstLanAddress(
  interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
): string | undefined {
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal) return info.address;
    }
  }
  return undefined;
}

/** `http://host:port` of a listening address; a wildcard address becomes a reachable one. */
export function listeningUrl(address: AddressInfo, lan: string | undefined): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? (lan ?? 'localhost') : address.address;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${address.port}`;
}

/** How long a read of the machine's LAN address is used before it is read again. */
export const LAN_ADDRESS_KEPT_MS = 10_000;

/**
 * The machine's first LAN IPv4, read at most once every `LAN_ADDRESS_KEPT_MS`: every kiosk ticket's
 * QR asks for it, and listing the network interfaces costs a system call and ~0.1 ms of CPU.
 * A new address (DHCP) is in the links within that time.
 */
export class LanAddress {
  private read: { at: number; address: string | undefined } | undefined;

  constructor(
    private readonly lookup: () => string | undefined = () => firstLanAddress(),
    private readonly clock: () => number = Date.now,
  ) {}

  current(): string | undefined {
    const now = this.clock();
    if (!this.read || now - this.read.at >= LAN_ADDRESS_KEPT_MS || now < this.read.at) {
      this.read = { at: now, address: this.lookup() };
    }
    return this.read.address;
  }
}

const machineLan = new LanAddress();

/** Resolves the public URL at the time of use (the port is known once the server listens). */
export function publicUrlOf(
  configured: string | undefined,
  server: http.Server,
  lan: LanAddress = machineLan,
): PublicUrl {
  if (configured) return { url: configured, configured: true };
  const address = server.address();
  if (address && typeof address === 'object')
    return { url: listeningUrl(address, lan.current()), configured: false };
  return { url: 'http://localhost', configured: false };
}
