/** Configuration from the environment (README lists every variable). */
import { z } from 'zod';
import { normalisePublicUrl } from './public-url';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  REGISTRY_DATABASE_URL: z.string().optional(),
  DEMO: z.enum(['0', '1', 'true', 'false', '']).optional(),
  DEMO_PRINTER: z.string().default('virtual'),
  REDIS_URL: z.string().optional(),
  REDIS_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,60}$/)
    .default('navbat'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(15).default(10),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false', '']).optional(),
  LOGIN_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  VOICE_DIR: z.string().optional(),
  PUBLIC_URL: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** The registry's own MySQL database; unset: the registry lives in DATABASE_URL's database. */
  registryDatabaseUrl: string | undefined;
  /** Seed the demo office into an empty database. */
  demo: boolean;
  demoPrinter: string;
  redisUrl: string | undefined;
  /** Channel prefix of the Socket.IO Redis adapter (several deployments on one Redis). */
  redisKey: string;
  logLevel: string;
  bcryptRounds: number;
  trustProxy: boolean;
  loginAttempts: number;
  /** An office's own voice recordings for the hall display (same layout as display/voice). */
  voiceDir: string | undefined;
  /** Bearer token of `GET /metrics` (METRICS_TOKEN); unset: metrics are off. */
  metricsToken: string | undefined;
  /** PUBLIC_URL: the base of every link, QR and message (what phones on mobile data can open). */
  publicUrl: string | undefined;
}

/** Reads the environment; throws with the variable named when a value does not fit. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const databaseUrl = e.DATABASE_URL?.trim() ? e.DATABASE_URL.trim() : undefined;
  const flag = (v: string | undefined) => v === '1' || v === 'true';
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl,
    registryDatabaseUrl: e.REGISTRY_DATABASE_URL?.trim()
      ? e.REGISTRY_DATABASE_URL.trim()
      : undefined,
    // Unset DATABASE_URL means the embedded demo; DEMO=0 turns that off.
    demo: e.DEMO === undefined || e.DEMO === '' ? databaseUrl === undefined : flag(e.DEMO),
    demoPrinter: e.DEMO_PRINTER,
    redisUrl: e.REDIS_URL?.trim() ? e.REDIS_URL.trim() : undefined,
    redisKey: e.REDIS_KEY,
    logLevel: e.LOG_LEVEL,
    bcryptRounds: e.BCRYPT_ROUNDS,
    trustProxy: flag(e.TRUST_PROXY),
    loginAttempts: e.LOGIN_ATTEMPTS,
    voiceDir: e.VOICE_DIR?.trim() ? e.VOICE_DIR.trim() : undefined,
    metricsToken: env.METRICS_TOKEN?.trim() ? env.METRICS_TOKEN.trim() : undefined,
    publicUrl: readPublicUrl(e.PUBLIC_URL),
  };
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
