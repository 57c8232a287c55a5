/**
 * A stand-in for a raw network printer in tests: a real TCP server on 127.0.0.1 that records every
 * connection's bytes as one job. It can also misbehave the ways printers do: stop reading (paper
 * out) or keep the connection open after the job.
 */
import net from 'node:net';

/** How the fake printer misbehaves, if at all. */
export interface FakeTcpPrinterOptions {
  /** Accept connections but never read from them, like a printer that is out of paper. */
  readonly stopReading?: boolean;
  /** Do not close our side when the client finishes sending. */
  readonly keepOpen?: boolean;
  /** Listen on this port (a printer coming back at its old address); default a free one. */
  readonly port?: number;
}

/** Records what a network printer would receive. */
export class FakeTcpPrinter {
  /** Complete jobs, one per connection the client ended after sending bytes. */
  readonly jobs: Buffer[] = [];
  /** Connections ended without a byte: status probes (a connect and a close), not print jobs. */
  probes = 0;
  /** Every connection accepted (probes included). */
  connections = 0;
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  #waiters: ((job: Buffer) => void)[] = [];

  private constructor(server: net.Server, options: FakeTcpPrinterOptions) {
    this.#server = server;
    server.on('connection', (socket) => {
      this.connections += 1;
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => undefined);
      if (options.stopReading) {
        socket.pause();
        return;
      }
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => {
        const job = Buffer.concat(chunks);
        if (!options.keepOpen) socket.end();
        if (job.length === 0) {
          this.probes += 1;
          return;
        }
        this.jobs.push(job);
        for (const waiter of this.#waiters.splice(0)) waiter(job);
      });
    });
  }

  /** Listens on 127.0.0.1 on a free port. */
  static start(options: FakeTcpPrinterOptions = {}): Promise<FakeTcpPrinter> {
    const server = net.createServer();
    const printer = new FakeTcpPrinter(server, options);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve(printer));
    });
  }

  get port(): number {
    const address = this.#server.address();
    if (!address || typeof address === 'string') throw new Error('fake printer is not listening');
    return address.port;
  }

  /** The printer's address as a printer URL. */
  get url(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  /** The next job that completes. */
  nextJob(): Promise<Buffer> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Stops listening and drops open connections. */
  close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/** A loopback port with nothing listening on it (a printer that is switched off). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}
