import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LOCALES, type Locale } from '#platform/i18n/locales.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const databaseUrl = z
  .string()
  .refine((v) => /^(postgres(ql)?:\/\/|sqlite:)/.test(v), {
    message: 'must start with postgres://, postgresql:// or sqlite:',
  });

const smtpUrl = z.url().refine((v) => /^smtps?:\/\//.test(v), { message: 'must start with smtp:// or smtps://' });

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: databaseUrl.optional(),
  PUBLIC_URL: z.url().refine((v) => /^https?:\/\//.test(v), { message: 'must be an http(s) URL' }).optional(),
  DEFAULT_LOCALE: z.enum(LOCALES).default('en'),
  SESSION_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; filename: string } | { kind: 'postgres'; url: string };
  publicUrl: string;
  secureCookies: boolean;
  defaultLocale: Locale;
  sessionSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** How long a public page stays in the in-memory page cache at most; 0 turns the cache off. */
  pageCacheSeconds?: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; every problem is listed, one line each. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most deployment tools.
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.DATA_DIR);
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    database: parseDatabase(c.DATABASE_URL, dataDir),
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    defaultLocale: c.DEFAULT_LOCALE,
    sessionSecret: c.SESSION_SECRET,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM ?? `Terroir <no-reply@${new URL(publicUrl).hostname}>`,
    logLevel: c.LOG_LEVEL,
    pageCacheSeconds: c.PAGE_CACHE_SECONDS,
  };
}

function parseDatabase(url: string | undefined, dataDir: string): Config['database'] {
  if (url === undefined) return { kind: 'sqlite', filename: path.join(dataDir, 'terroir.sqlite') };
  if (url.startsWith('sqlite:')) {
    const file = url.replace(/^sqlite:(\/\/)?/, '');
    return { kind: 'sqlite', filename: path.resolve(dataDir, file) };
  }
  return { kind: 'postgres', url };
}

/** Reads the session secret kept in DATA_DIR, creating it (mode 0600) on first run. */
export function ensureSessionSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
