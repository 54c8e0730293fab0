import { spawn, ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort, waitUntil } from '../ports';
import { BootLogger } from '../logger';

export interface RunningRedis {
  url: string;
  stop(): Promise<void>;
}

export const REDIS_MISSING_MESSAGE =
  'REDIS_URL is not set and the redis-server binary was not found. Install Redis ' +
  '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL=redis://host:6379.';

async function servesDir(port: number, dir: string): Promise<boolean> {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const [, servedDir] = (await client.config('GET', 'dir')) as [string, string];
    return servedDir === dir;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function spawnRedis(dir: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no', '--logfile', join(dir, 'redis.log')],
      { stdio: 'ignore' },
    );
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new Error(REDIS_MISSING_MESSAGE) : error));
    child.once('spawn', () => resolve(child));
  });
}

// Starts (or reuses, when another process of this service already runs it) redis-server with its
// append-only file under dataDir/redis.
export async function startLocalRedis(dataDir: string, logger: BootLogger): Promise<RunningRedis> {
  const dir = join(dataDir, 'redis');
  const portFile = join(dir, 'port');
  await mkdir(dir, { recursive: true });
  if (existsSync(portFile)) {
    const port = Number(await readFile(portFile, 'utf8'));
    if (port > 0 && (await servesDir(port, dir))) {
      logger.info(`REDIS_URL not set: using the local redis-server already running on port ${port} (${dir})`);
      return { url: `redis://127.0.0.1:${port}`, stop: () => Promise.resolve() };
    }
  }
  const port = await freePort();
  const child = await spawnRedis(dir, port);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntil(() => servesDir(port, dir), 15_000, 'redis-server');
  await writeFile(portFile, String(port));
  logger.info(`REDIS_URL not set: started redis-server on port ${port} with its append-only file in ${dir}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
