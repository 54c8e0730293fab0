import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.setup';
import { AppConfig, loadConfig } from '../../src/config/config';
import { ClockService } from '../../src/infra/clock/clock.service';
import { createTestDatabase, deleteRedisPrefix, requiredEnv, uniqueName } from './resources';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  key?: string | null;
  headers?: Record<string, string>;
  form?: FormData;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  adminKey: string;
  clock: ClockService;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  // Servers of the test's own (e.g. to stop them); by default a new database on DATABASE_URL and REDIS_URL.
  databaseUrl?: string;
  redisUrl?: string;
}

// Starts the real application on its own database and Redis prefix, listening on a free port.
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: () => Promise.resolve() } : await createTestDatabase();
  const redisUrl = options.redisUrl ?? requiredEnv('REDIS_URL');
  const dataDir = mkdtempSync(join(tmpdir(), 'giaoban-app-'));
  const adminKey = uniqueName('admin_key_for_tests');
  const config = loadConfig({
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: uniqueName('gbtest'),
    ADMIN_API_KEY: adminKey,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    ...options.env,
  });
  const app = await createApp(config, { databaseUrl: database.url, redisUrl });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    config,
    baseUrl,
    adminKey,
    clock: app.get(ClockService),
    request: (method, path, requestOptions = {}) => send(baseUrl, adminKey, method, path, requestOptions),
    close: async () => {
      await app.close();
      await database.drop();
      if (!options.redisUrl) await deleteRedisPrefix(redisUrl, config.redisPrefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function send<T>(baseUrl: string, adminKey: string, method: string, path: string, options: RequestOptions): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? adminKey : options.key;
  if (key) headers.authorization = `Bearer ${key}`;
  let body: string | FormData | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('json');
  return { status: response.status, body: (isJson && text ? JSON.parse(text) : text) as T, headers: response.headers };
}
