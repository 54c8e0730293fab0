import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/infra/database/embedded-postgres';
import { startLocalRedis } from '../../src/infra/redis/local-redis';

const quiet = { info: () => undefined, warn: () => undefined, error: (message: string) => process.stderr.write(`${message}\n`) };

// Tests use DATABASE_URL and REDIS_URL when set (CI sets them to the machine's servers); otherwise
// the same embedded defaults as the service, started once for the whole run in a temporary folder.
export default async function globalSetup(): Promise<void> {
  const stops: Array<() => Promise<void>> = [];
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'giaoban-test-'));
    if (!process.env.DATABASE_URL) {
      const postgres = await startEmbeddedPostgres(dir, quiet);
      process.env.DATABASE_URL = postgres.url;
      stops.push(postgres.stop);
    }
    if (!process.env.REDIS_URL) {
      const redis = await startLocalRedis(dir, quiet);
      process.env.REDIS_URL = redis.url;
      stops.push(redis.stop);
    }
    process.env.GIAOBAN_TEST_TMP = dir;
  }
  (globalThis as { __giaobanStops?: Array<() => Promise<void>> }).__giaobanStops = stops;
}
