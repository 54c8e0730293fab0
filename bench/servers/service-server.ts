import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/infra/ports';
import { ChildServer, startChildServer } from './child-server';

export interface ServiceServerOptions {
  rootDir: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  adminApiKey: string;
  role?: 'api' | 'worker' | 'all';
  logLevel?: string;
}

export interface RunningService extends ChildServer {
  baseUrl: string;
}

// The real service, built into dist/, started the way production starts it (node dist/src/main.js).
export async function startServiceServer(options: ServiceServerOptions): Promise<RunningService> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'giaoban-bench-service-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ROLE: options.role ?? 'api',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.redisPrefix,
    ADMIN_API_KEY: options.adminApiKey,
    LOG_LEVEL: options.logLevel ?? 'warn',
  };
  try {
    const server = await startChildServer({ name: 'service', script: join(options.rootDir, 'dist', 'src', 'main.js'), env, readyUrl: `${baseUrl}/health` });
    return {
      ...server,
      baseUrl,
      stop: async () => {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
