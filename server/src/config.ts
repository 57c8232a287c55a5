/** Configuration from the environment (README lists every variable). */
import { z } from 'zod';
import { checkSmsUrl, type MessagingConfig } from './messages/channels';
import { printerPolicyFromEnv } from './printing/printer-policy';
import { normalisePublicUrl } from './public-url';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  REGISTRY_DATABASE_URL: z.string().optional(),
  REPORTS_DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb):\/\//, 'a mysql:// address of a read replica of DATABASE_URL')
    .optional()
    .or(z.literal('')),
  DEMO: z.enum(['0', '1', 'true', 'false', '']).optional(),
  DEMO_PRINTER: z.string().default('virtual'),
  REDIS_URL: z.string().optional(),
  REDIS_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,60}$/)
    .default('navbat'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(15).default(10),
  TRUST_PROXY: z.string().optional(),
  LOGIN_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  VOICE_DIR: z.string().optional(),
  ISSUE_RATE: z
    .string()
    .regex(/^(0|\d{1,6}\/\d{1,6})$/, '0 (no limit) or <ms per ticket>/<burst>, e.g. 2000/20')
    .default('2000/20'),
  PUBLIC_URL: z.string().optional(),
  COMMAND_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(25),
  COMMAND_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(16),
  SOCKETS_PER_ADDRESS: z.coerce.number().int().min(0).max(1_000_000).default(200),
  SMS_URL: z.string().optional(),
  SMS_HTTP_HEADER: z.string().optional(),
  TELEGRAM_BOT_TOKEN: z.string().optional(),
  TELEGRAM_API_URL: z.url().optional().or(z.literal('')),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** The registry's own MySQL database; unset: the registry lives in DATABASE_URL's database. */
  registryDatabaseUrl: string | undefined;
  /** A read replica of the database for the administrator's reports; unset: reports read `databaseUrl`. */
  reportsDatabaseUrl: string | undefined;
  /** Seed the demo office into an empty database. */
  demo: boolean;
  demoPrinter: string;
  redisUrl: string | undefined;
  /** Channel prefix of the Socket.IO Redis adapter (several deployments on one Redis). */
  redisKey: string;
  logLevel: string;
  bcryptRounds: number;
  /**
   * Express's `trust proxy`: `false`, a hop count, or the proxies' addresses/CIDRs. The client
   * address the rate limits count is the one the trusted proxies saw, never one a client wrote.
   */
  trustProxy: TrustProxy;
  loginAttempts: number;
  /** An office's own voice recordings for the hall display (same layout as display/voice). */
  voiceDir: string | undefined;
  /** Bearer token of `GET /metrics` (METRICS_TOKEN); unset: metrics are off. */
  metricsToken: string | undefined;
  /** Open-mode issue rate per address and per kiosk code; `undefined`: no limit (ISSUE_RATE=0). */
  issueRate: { intervalMs: number; burst: number } | undefined;
  /** Admission's wait bound in ms (COMMAND_WAIT_MS; 0: off, only the in-flight bound). */
  commandWaitMs: number;
  /** Admission's bound of an office's commands in flight on a node (COMMAND_MAX_IN_FLIGHT). */
  commandMaxInFlight: number;
  /** Socket.IO connections per client address on a node (SOCKETS_PER_ADDRESS; 0: no cap). */
  socketsPerAddress: number;
  /** PUBLIC_URL: the base of every link, QR and message (what phones on mobile data can open). */
  publicUrl: string | undefined;
  /** The citizen-message gateways (SMS_URL, SMS_HTTP_HEADER, TELEGRAM_*). */
  messaging: MessagingConfig;
}

/** `false`, a number of proxy hops, or a comma list of proxy addresses (CIDRs allowed). */
export type TrustProxy = false | number | string[];

const PROXY_ADDRESS =
  /^(?:[0-9.]+|[0-9a-fA-F:.]+)(?:\/\d{1,3})?$|^(?:loopback|linklocal|uniquelocal)$/;

/** TRUST_PROXY = `0` | hop count | comma list of proxy addresses (CONTRACT §6); `true` means 1 hop. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const v = raw?.trim() ?? '';
  if (v === '' || v === '0' || v === 'false') return false;
  if (v === 'true') return 1;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  const bad = list.find((a) => !PROXY_ADDRESS.test(a));
  if (bad !== undefined || list.length === 0) {
    throw new Error(`TRUST_PROXY: "${bad ?? v}" is not a hop count or a proxy address`);
  }
  return list;
}

/** Reads the environment; throws with the variable named when a value does not fit. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  // Printer limits are read where printing happens; a bad value stops the start here.
  printerPolicyFromEnv(env);
  const databaseUrl = e.DATABASE_URL?.trim() ? e.DATABASE_URL.trim() : undefined;
  const flag = (v: string | undefined) => v === '1' || v === 'true';
  const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  try {
    checkSmsUrl(e.SMS_URL);
  } catch (err) {
    throw new Error(`SMS_URL: ${(err as Error).message}`, { cause: err });
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl,
    registryDatabaseUrl: e.REGISTRY_DATABASE_URL?.trim()
      ? e.REGISTRY_DATABASE_URL.trim()
      : undefined,
    reportsDatabaseUrl: text(e.REPORTS_DATABASE_URL),
    // Unset DATABASE_URL means the embedded demo; DEMO=0 turns that off.
    demo: e.DEMO === undefined || e.DEMO === '' ? databaseUrl === undefined : flag(e.DEMO),
    demoPrinter: e.DEMO_PRINTER,
    redisUrl: e.REDIS_URL?.trim() ? e.REDIS_URL.trim() : undefined,
    redisKey: e.REDIS_KEY,
    logLevel: e.LOG_LEVEL,
    bcryptRounds: e.BCRYPT_ROUNDS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    loginAttempts: e.LOGIN_ATTEMPTS,
    voiceDir: e.VOICE_DIR?.trim() ? e.VOICE_DIR.trim() : undefined,
    metricsToken: env.METRICS_TOKEN?.trim() ? env.METRICS_TOKEN.trim() : undefined,
    issueRate: parseIssueRate(e.ISSUE_RATE),
    commandWaitMs: e.COMMAND_WAIT_MS,
    commandMaxInFlight: e.COMMAND_MAX_IN_FLIGHT,
    socketsPerAddress: e.SOCKETS_PER_ADDRESS,
    publicUrl: readPublicUrl(e.PUBLIC_URL),
    messaging: {
      smsUrl: text(e.SMS_URL),
      smsHttpHeader: text(e.SMS_HTTP_HEADER),
      telegramBotToken: text(e.TELEGRAM_BOT_TOKEN),
      telegramApiUrl: text(e.TELEGRAM_API_URL),
    },
  };
}

function parseIssueRate(raw: string): { intervalMs: number; burst: number } | undefined {
  if (raw === '0') return undefined;
  const [interval, burst] = raw.split('/').map(Number);
  return { intervalMs: Math.max(1, interval ?? 2000), burst: Math.max(1, burst ?? 20) };
}

function readPublicUrl(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  try {
    return normalisePublicUrl(value.trim());
  } catch (err) {
    throw new Error(`PUBLIC_URL: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}
