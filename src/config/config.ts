import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';

export type Role = 'api' | 'worker' | 'all';

export interface AppConfig {
  role: Role;
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  redisPrefix: string;
  smtpUrl: string | undefined;
  adminApiKey: string | undefined;
  clockStart: Date | undefined;
  logLevel: LogLevel;
  bodyLimitBytes: number;
  runMigrations: boolean;
  reminderSweepIntervalSeconds: number;
  reminderRequeueAfterSeconds: number;
  mailRetryDelayMs: number;
  portalLinkSecret: string | undefined;
  // Fastify's trustProxy: false, true, or the proxies' addresses (see proxyList).
  trustProxy: boolean | string;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

// Thrown for a missing or malformed environment variable; main.ts prints the message as one line.
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

interface VariableSpec<T> {
  description: string;
  default?: string;
  parse: (raw: string, name: string) => T;
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string, name: string): T => {
    if ((values as readonly string[]).includes(raw)) return raw as T;
    throw new ConfigError(`${name} must be one of ${values.join(', ')} (got "${raw}")`);
  };
}

function integer(min: number, max: number) {
  return (raw: string, name: string): number => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    }
    return value;
  };
}

function url(protocols: readonly string[]) {
  return (raw: string, name: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(`${name} must be a URL such as ${protocols[0]}//host:port (got "${raw}")`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new ConfigError(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
    }
    return raw;
  };
}

function instant(raw: string, name: string): Date {
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(date.getTime())) {
    throw new ConfigError(`${name} must be an ISO 8601 instant such as 2024-06-20T08:30:00+07:00 (got "${raw}")`);
  }
  return date;
}

const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

// "false" (trust no proxy), "true" (trust any), or a comma-separated list of IP addresses, CIDR
// ranges and the names loopback, linklocal and uniquelocal (private networks).
function proxyList(raw: string, name: string): boolean | string {
  if (raw === 'false') return false;
  if (raw === 'true') return true;
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const version = isIP(address);
    const maxBits = version === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (!PROXY_RANGE_NAMES.includes(entry) && (version === 0 || !validBits || rest.length > 0)) {
      throw new ConfigError(`${name} must be true, false or a comma-separated list of IP addresses, CIDR ranges, ${PROXY_RANGE_NAMES.join(', ')} (got "${entry}")`);
    }
  }
  return entries.join(', ');
}

function boolean(raw: string, name: string): boolean {
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function text(minLength: number) {
  return (raw: string, name: string): string => {
    if (raw.length < minLength) throw new ConfigError(`${name} must be at least ${minLength} characters long`);
    return raw;
  };
}

// Every environment variable the service reads, with its meaning; the README's table and the
// docker compose test are checked against this list.
export const ENVIRONMENT = {
  ROLE: { description: 'api, worker or all (both in one process)', default: 'all', parse: oneOf<Role>(['api', 'worker', 'all']) },
  HOST: { description: 'address the HTTP server binds to', default: '0.0.0.0', parse: text(1) },
  PORT: { description: 'HTTP port', default: '3000', parse: integer(0, 65535) },
  DATA_DIR: { description: 'directory for embedded PostgreSQL and Redis data and the mail outbox', default: '.data', parse: text(1) },
  DATABASE_URL: { description: 'PostgreSQL URL; unset: embedded PostgreSQL under $DATA_DIR/pg', parse: url(['postgres:', 'postgresql:']) },
  REDIS_URL: { description: 'Redis URL; unset: a local redis-server under $DATA_DIR/redis', parse: url(['redis:', 'rediss:']) },
  REDIS_PREFIX: { description: 'key prefix for every queue in Redis', default: 'giaoban', parse: text(1) },
  SMTP_URL: { description: 'SMTP URL (smtp:// or smtps://); unset: e-mails are written to $DATA_DIR/outbox as .eml files', parse: url(['smtp:', 'smtps:']) },
  ADMIN_API_KEY: { description: 'creates or refreshes an admin API key at start-up', parse: text(16) },
  CLOCK_START: { description: 'ISO instant the service clock starts at (demos and acceptance tests; unset in production)', parse: instant },
  LOG_LEVEL: { description: 'fatal, error, warn, info, debug, trace or silent', default: 'info', parse: oneOf(LOG_LEVELS) },
  BODY_LIMIT: { description: 'largest accepted request body in bytes', default: String(5 * 1024 * 1024), parse: integer(1024, 100 * 1024 * 1024) },
  MIGRATIONS_RUN: { description: 'run pending migrations at start-up', default: 'true', parse: boolean },
  REMINDER_SWEEP_INTERVAL_SECONDS: {
    description: 'how often each worker triggers the reminder sweep (one sweep per tick across all workers)',
    default: '300',
    parse: integer(1, 86_400),
  },
  REMINDER_REQUEUE_AFTER_SECONDS: {
    description: 'a reminder still queued this long after it was enqueued is enqueued again (a lost Redis delays mail, never loses it)',
    default: '600',
    parse: integer(1, 86_400),
  },
  MAIL_RETRY_DELAY_MS: { description: 'first retry delay of a failed e-mail; doubles on each attempt', default: '30000', parse: integer(1, 3_600_000) },
  TRUST_PROXY: {
    description:
      'reverse proxies whose X-Forwarded-For gives the client address (portal rate limits, logs): comma-separated IP addresses, CIDR ranges, loopback, linklocal, uniquelocal; true: any; false: none',
    default: 'loopback, linklocal, uniquelocal',
    parse: proxyList,
  },
  PORTAL_LINK_SECRET: {
    description: 'key the portal links in reminders are derived from (every process that sweeps or sends must share it); unset: a random key kept in $DATA_DIR/portal-link.secret',
    parse: text(32),
  },
} satisfies Record<string, VariableSpec<unknown>>;

export type EnvironmentName = keyof typeof ENVIRONMENT;

function read<K extends EnvironmentName>(env: Env, name: K): ReturnType<(typeof ENVIRONMENT)[K]['parse']> | undefined {
  const spec: VariableSpec<unknown> = ENVIRONMENT[name];
  const raw = env[name]?.trim() || spec.default;
  if (raw === undefined || raw === '') return undefined;
  return spec.parse(raw, name) as ReturnType<(typeof ENVIRONMENT)[K]['parse']>;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const dataDir = read(env, 'DATA_DIR') as string;
  return {
    role: read(env, 'ROLE') as Role,
    host: read(env, 'HOST') as string,
    port: read(env, 'PORT') as number,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    databaseUrl: read(env, 'DATABASE_URL'),
    redisUrl: read(env, 'REDIS_URL'),
    redisPrefix: read(env, 'REDIS_PREFIX') as string,
    smtpUrl: read(env, 'SMTP_URL'),
    adminApiKey: read(env, 'ADMIN_API_KEY'),
    clockStart: read(env, 'CLOCK_START'),
    logLevel: read(env, 'LOG_LEVEL') as LogLevel,
    bodyLimitBytes: read(env, 'BODY_LIMIT') as number,
    runMigrations: read(env, 'MIGRATIONS_RUN') as boolean,
    reminderSweepIntervalSeconds: read(env, 'REMINDER_SWEEP_INTERVAL_SECONDS') as number,
    reminderRequeueAfterSeconds: read(env, 'REMINDER_REQUEUE_AFTER_SECONDS') as number,
    mailRetryDelayMs: read(env, 'MAIL_RETRY_DELAY_MS') as number,
    portalLinkSecret: read(env, 'PORTAL_LINK_SECRET'),
    trustProxy: read(env, 'TRUST_PROXY') as boolean | string,
  };
}

export function runsApi(config: Pick<AppConfig, 'role'>): boolean {
  return config.role !== 'worker';
}

export function runsWorker(config: Pick<AppConfig, 'role'>): boolean {
  return config.role !== 'api';
}
