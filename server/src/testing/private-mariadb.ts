/**
 * A MariaDB server of a test's own: `mariadb-install-db` on a temporary datadir, `mariadbd` as a
 * child process on a free port (never the system's instance on 3306), that the test may SIGKILL
 * and start again on the same datadir (crash recovery included).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import { waitFor } from './wait';
import { freePort } from './main-process';

const SEARCH = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/usr/libexec'];

/** The path of a MariaDB program, or undefined when it is not installed. */
export function mariadbProgram(name: string): string | undefined {
  return SEARCH.map((d) => path.join(d, name)).find((p) => fs.existsSync(p));
}

export class PrivateMariaDb {
  private child: ChildProcess | undefined;
  private log = '';

  private constructor(
    readonly dir: string,
    readonly port: number,
    /** mariadbd options besides the common ones (a server id, the binary log). */
    private readonly extra: readonly string[] = [],
  ) {}

  /**
   * Installs a fresh datadir and starts the server; `url` then reaches database `name` (`null`:
   * create none, e.g. on a replica that gets it from its primary).
   */
  static async start(
    name: string | null = 'navbat',
    extra: readonly string[] = [],
  ): Promise<PrivateMariaDb> {
    const install = mariadbProgram('mariadb-install-db');
    if (!install || !mariadbProgram('mariadbd')) {
      throw new Error(
        'mariadbd / mariadb-install-db are missing (Debian: apt-get install mariadb-server)',
      );
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbat-mariadb-'));
    const done = spawnSync(
      install,
      [
        '--no-defaults',
        `--datadir=${dir}/data`,
        '--user=' + os.userInfo().username,
        '--skip-test-db',
        '--auth-root-authentication-method=normal',
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (done.status !== 0) throw new Error(`mariadb-install-db: ${done.stderr || done.stdout}`);
    const db = new PrivateMariaDb(dir, await freePort(), extra);
    await db.up();
    if (name !== null) {
      await db.sql(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
    return db;
  }

  /**
   * A primary with its binary log and a replica following it (GTID, from the first event), as a
   * deployment keeps a replica for reports. The replica has database `name` once it has caught up.
   */
  static async replicated(
    name = 'navbat',
  ): Promise<{ primary: PrivateMariaDb; replica: PrivateMariaDb }> {
    const primary = await PrivateMariaDb.start(name, [
      '--server-id=1',
      '--log-bin=primary-bin',
      '--binlog-format=ROW',
    ]);
    try {
      const replica = await PrivateMariaDb.start(null, ['--server-id=2', '--read-only']);
      try {
        await replica.sql(
          `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port},
             MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos`,
        );
        await replica.sql('START SLAVE');
        await replica.caughtUpWith(primary);
        return { primary, replica };
      } catch (err) {
        await replica.destroy();
        throw err;
      }
    } catch (err) {
      await primary.destroy();
      throw err;
    }
  }

  /** Waits until this replica has applied everything `primary` has written so far. */
  async caughtUpWith(primary: PrivateMariaDb, timeoutS = 30): Promise<void> {
    const [row] = await primary.sql<{ pos: string }>('SELECT @@gtid_binlog_pos AS pos');
    const [done] = await this.sql<{ r: number | string }>(
      `SELECT MASTER_GTID_WAIT('${row?.pos ?? ''}', ${timeoutS}) AS r`,
    );
    if (Number(done?.r) !== 0) throw new Error(`the replica did not catch up with ${row?.pos}`);
  }

  /** Runs one statement as root on this server (no database selected). */
  async sql<T extends object = Record<string, unknown>>(statement: string): Promise<T[]> {
    const admin = new Sequelize(this.serverUrl(), { dialect: 'mysql', logging: false });
    try {
      const [rows] = await admin.query(statement);
      return rows as T[];
    } finally {
      await admin.close();
    }
  }

  serverUrl(): string {
    return `mysql://root@127.0.0.1:${this.port}/`;
  }

  url(name = 'navbat'): string {
    return `mysql://root@127.0.0.1:${this.port}/${name}`;
  }

  /** Starts mariadbd on the datadir and waits until it accepts connections. */
  async up(): Promise<void> {
    const args = [
      '--no-defaults',
      `--datadir=${this.dir}/data`,
      `--port=${this.port}`,
      '--bind-address=127.0.0.1',
      `--socket=${this.dir}/mysqld.sock`,
      `--pid-file=${this.dir}/mysqld.pid`,
      `--user=${os.userInfo().username}`,
      '--skip-grant-tables',
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=32M',
      '--innodb-log-file-size=16M',
      '--max-connections=100',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      ...this.extra,
    ];
    const child = spawn(mariadbProgram('mariadbd')!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (b: Buffer) => (this.log = (this.log + b.toString()).slice(-4000)));
    this.child = child;
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`mariadbd exited: ${this.log}`);
        return new Promise<boolean>((resolve) => {
          const s = net.connect(this.port, '127.0.0.1');
          s.once('connect', () => (s.destroy(), resolve(true)));
          s.once('error', () => resolve(false));
        });
      },
      'the private mariadbd to listen',
      60_000,
    );
  }

  /** SIGKILL: no shutdown, no flush (InnoDB recovers on the next start). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.child = undefined;
  }

  /** Kills the server and deletes its datadir. */
  async destroy(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
