/**
 * The product's entry point (`server/src/main.ts`) as its own process, for tests of what only a
 * real process shows: start-up errors, signals, several nodes. One process, `node --import tsx`:
 * the `tsx` command would put a wrapper in between that a SIGKILL stops while the server itself
 * goes on running (and draining, and listening) as an orphan.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { ROOT_DIR } from '../paths';

/**
 * A node of several on one MariaDB and Redis, as the multi-node tests run them: on loopback, no demo
 * data, quiet, fast password hashing, no per-address ticket limit, and only the admission's
 * in-flight bound (bursts of commands on a loaded CI machine are not an overloaded office; the wait
 * bound has its own tests). `port` 0: any free port.
 */
export function clusterNodeEnv(
  databaseUrl: string,
  redis: { url: string; key: string },
  port = 0,
): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DEMO: '0',
    REDIS_URL: redis.url,
    REDIS_KEY: redis.key,
    LOG_LEVEL: 'warn',
    BCRYPT_ROUNDS: '4',
    ISSUE_RATE: '0',
    COMMAND_WAIT_MS: '0',
  };
}

/** Spawns the entry point (or another script of the product's) with `env` over this process's. */
export function spawnMain(
  env: Record<string, string>,
  {
    stdio = 'pipe',
    entry = 'server/src/main.ts',
  }: { stdio?: 'pipe' | 'ignore'; entry?: string } = {},
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', stdio, stdio],
  });
}

/** The server's address from its start-up banner; rejects with what it printed if it exits first. */
export function bannerUrl(child: ChildProcess, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`node did not start: ${out}`)), timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`node exited ${code}: ${out}`));
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', onExit);
  });
}

/** A loopback port free now (for a process that must listen on a known port, or come back to it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
