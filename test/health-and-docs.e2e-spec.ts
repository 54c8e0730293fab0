import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { createTestDatabase, deleteRedisPrefix, requiredEnv } from './support/resources';
import { startTestApp, TestApp } from './support/test-app';

describe('GET /health', () => {
  let database: { url: string; drop: () => Promise<void> };
  let postgresProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let t: TestApp;

  // The application reaches PostgreSQL and Redis through proxies the test can cut. It runs the api
  // role, the one that serves /health: a BullMQ worker whose connection dropped can take up to
  // WORKER_CLOSE_TIMEOUT_MS to close (see BoundedWorkerHost), which is not what this test is about.
  beforeAll(async () => {
    database = await createTestDatabase();
    postgresProxy = await startTcpProxy(database.url);
    redisProxy = await startTcpProxy(requiredEnv('REDIS_URL'));
    t = await startTestApp({ databaseUrl: postgresProxy.url(database.url), redisUrl: redisProxy.url(requiredEnv('REDIS_URL')), env: { ROLE: 'api' } });
  });

  afterAll(async () => {
    await postgresProxy.restore();
    await redisProxy.restore();
    await t.close();
    await postgresProxy.close();
    await redisProxy.close();
    await database.drop();
    // startTestApp leaves a Redis it was given alone; the queues' keys under this prefix go here.
    await deleteRedisPrefix(requiredEnv('REDIS_URL'), t.config.redisPrefix);
  });

  it('should answer ok when the database and Redis are up', async () => {
    const response = await t.request('GET', '/health', { key: null });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('should answer 503 naming Redis when Redis is unreachable', async () => {
    await redisProxy.cut();
    const response = await t.request('GET', '/health', { key: null });
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'error', checks: { database: 'up', redis: 'down' } });
    await redisProxy.restore();
  });

  it('should answer 503 naming the database when PostgreSQL is unreachable', async () => {
    await postgresProxy.cut();
    const response = await t.request('GET', '/health', { key: null });
    expect(response.status).toBe(503);
    expect(response.body.checks.database).toBe('down');
    await postgresProxy.restore();
  });

  it('should answer ok again when both come back', async () => {
    const deadline = Date.now() + 20_000;
    let response = await t.request('GET', '/health', { key: null });
    while (response.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      response = await t.request('GET', '/health', { key: null });
    }
    expect(response.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });
});

describe('OpenAPI', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should describe every route with bearer auth when /docs-json is read', async () => {
    const response = await t.request('GET', '/docs-json', { key: null });
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const routes = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/api-keys',
        'GET /api/v1/api-keys',
        'DELETE /api/v1/api-keys/{id}',
        'GET /api/v1/settings',
        'PATCH /api/v1/settings',
        'POST /api/v1/units',
        'GET /api/v1/units',
        'GET /api/v1/units/{id}',
        'PATCH /api/v1/units/{id}',
        'DELETE /api/v1/units/{id}',
        'POST /api/v1/units/import',
        'GET /api/v1/audit',
        'GET /health',
      ]),
    );
    expect(document.components.schemas.CreateUnitDto.required).toEqual(expect.arrayContaining(['code', 'name', 'kind', 'emails']));
    expect(document.paths['/api/v1/units'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/UnitPage');
  });

  it('should serve the interactive documentation at /docs', async () => {
    const response = await t.request('GET', '/docs', { key: null });
    expect(response.status).toBe(200);
    expect(response.body).toContain('swagger');
  });
});
