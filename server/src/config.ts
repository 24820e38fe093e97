import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** PostgreSQL connection string; when absent the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Behind a reverse proxy: trust X-Forwarded-* (client IP in audit rows and rate limits, Secure cookies). */
  TRUST_PROXY: booleanFlag,
  /** Force the Secure cookie attribute even when the request does not look like TLS. */
  COOKIE_SECURE: booleanFlag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Skip loading demo data on an empty database (demo data never loads in production). */
  SEED_DEMO: booleanFlag,
  /**
   * Master key for personal data (≥ 32 bytes, base64). Required in production. Elsewhere, when unset, a key is
   * generated once into DATA_DIR/pii-dev.key (tests use a throw-away key).
   */
  PII_KEY: z.string().optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  trustProxy: boolean;
  cookieSecure: boolean;
  logLevel: string;
  seedDemo: boolean;
  /** Session lifetimes (seconds). */
  session: { idleTimeoutSeconds: number; absoluteTimeoutSeconds: number };
  /** argon2id cost; tests lower it, everything else uses the OWASP-recommended minimum. */
  passwordHashing: { memoryCost: number; timeCost: number; parallelism: number };
  webRoot: string;
  version: string;
  /** Master key for encrypting and indexing personal data (see platform/pii.ts). */
  piiMasterKey: Buffer;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir },
    trustProxy: e.TRUST_PROXY ?? false,
    cookieSecure: e.COOKIE_SECURE ?? false,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.NODE_ENV !== 'production' && (e.SEED_DEMO ?? true),
    session: { idleTimeoutSeconds: 30 * 60, absoluteTimeoutSeconds: 12 * 60 * 60 },
    passwordHashing: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
    webRoot: path.resolve(import.meta.dirname, '../../dist/web'),
    version: packageVersion(),
    piiMasterKey: piiMasterKey(e.PII_KEY, e.NODE_ENV, dataDir),
  };
}

function piiMasterKey(configured: string | undefined, env: Config['env'], dataDir: string): Buffer {
  if (configured) {
    const key = Buffer.from(configured, 'base64');
    if (key.length < 32)
      throw new ConfigError('PII_KEY must be at least 32 bytes, base64-encoded (openssl rand -base64 32)');
    return key;
  }
  if (env === 'production') {
    throw new ConfigError(
      'PII_KEY is required in production: generate one with `openssl rand -base64 32` and keep it safe',
    );
  }
  if (env === 'test') return randomBytes(32);
  // Development: one key per installation, beside the data, so demo data stays readable across restarts.
  const file = path.join(dataDir, 'pii-dev.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
}

function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
