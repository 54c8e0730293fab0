import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/infra/ports';

// These tests run the built service (`npm test` builds it first) as a real process, the way the
// README starts it: no DATABASE_URL or REDIS_URL, so it starts its embedded PostgreSQL and Redis.
const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

interface Service {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };
  return { ...env, ...extra };
}

function start(env: Record<string, string>): Service {
  const child = spawn(process.execPath, [MAIN], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

async function waitForHealth(port: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (ok) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`/health did not answer ok within ${timeoutMs} ms`);
}

// Processes whose command line mentions the data directory: the embedded servers.
function serversUsing(dir: string): string[] {
  const result = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return result.stdout.split('\n').filter((line) => line.includes(dir) && /postgres|redis-server/.test(line));
}

describe('the service process', () => {
  it('should stop with one line naming the variable when the configuration is malformed', () => {
    const result = spawnSync(process.execPath, [MAIN], { env: cleanEnv({ PORT: 'eighty' }), encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['giao-ban: configuration error: PORT must be a whole number from 0 to 65535 (got "eighty")']);
  });

  describe('on the embedded defaults', () => {
    let dataDir: string;
    const adminKey = 'embedded-defaults-admin-key';

    beforeAll(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'giaoban-process-'));
    });

    afterAll(() => {
      for (const line of serversUsing(dataDir)) execFileSync('kill', [line.trim().split(/\s+/)[0]]);
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function run(work: (port: number, service: Service) => Promise<void>): Promise<Service> {
      const port = await freePort();
      const service = start({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ADMIN_API_KEY: adminKey });
      try {
        const elapsed = await waitForHealth(port, 15_000);
        expect(elapsed).toBeLessThan(15_000);
        await work(port, service);
      } finally {
        service.process.kill('SIGTERM');
      }
      expect(await service.exited).toBe(0);
      return service;
    }

    it('should answer /health within 15 s, keep its data across a restart and leave no server running after SIGTERM', async () => {
      const first = await run(async (port) => {
        const created = await fetch(`http://127.0.0.1:${port}/api/v1/units`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json', 'x-request-id': 'process-test-1' },
          body: JSON.stringify({ code: 'XA-DAKRUONG', name: 'Xã Đăk Ruồng', kind: 'commune', emails: ['ubnd@dakruong.gov.vn'] }),
        });
        expect(created.status).toBe(201);
      });
      expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
      expect(existsSync(join(dataDir, 'redis', 'appendonlydir'))).toBe(true);
      expect(serversUsing(dataDir)).toEqual([]);
      const logLines = first
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'));
      expect(logLines.length).toBeGreaterThan(0);
      const parsed = logLines.map((line) => JSON.parse(line) as { msg?: string; reqId?: string; req?: { id?: string } });
      expect(parsed.some((line) => /embedded PostgreSQL/.test(line.msg ?? ''))).toBe(true);
      expect(parsed.some((line) => line.req?.id === 'process-test-1' || line.reqId === 'process-test-1')).toBe(true);

      await run(async (port) => {
        const found = await fetch(`http://127.0.0.1:${port}/api/v1/units?q=dak%20ruong`, { headers: { authorization: `Bearer ${adminKey}` } });
        const body = (await found.json()) as { total: number; items: Array<{ name: string }> };
        expect(body.total).toBe(1);
        expect(body.items[0].name).toBe('Xã Đăk Ruồng');
      });
      expect(serversUsing(dataDir)).toEqual([]);
    });
  });
});
