import { join } from 'node:path';
import Fastify, { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { dataSourceOptions } from '../../src/infra/database/data-source-options';
import { freePort } from '../../src/infra/ports';
import { unitListSql } from '../../src/units/units.repository';
import { ChildServer, startChildServer } from './child-server';

// The floor the service is compared with: a bare Fastify route running the service's own SQL
// (unitListSql) through plain pg, with the service's pool size and the same JSON shape. No Nest,
// no TypeORM, no validation, guard, logging or request id.

export interface RunningBaseline extends ChildServer {
  baseUrl: string;
}

interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
  emails: string[];
  head_email: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  total: string;
}

function poolSize(databaseUrl: string): number {
  const extra = dataSourceOptions(databaseUrl).extra as { max?: number } | undefined;
  return extra?.max ?? 10;
}

function listLimit(raw: unknown): number {
  const limit = Number(raw ?? 50);
  return Number.isInteger(limit) && limit >= 1 && limit <= 500 ? limit : 50;
}

function toUnitJson(row: UnitRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    emails: row.emails,
    headEmail: row.head_email,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function buildBaselineApp(databaseUrl: string): { app: FastifyInstance; pool: Pool } {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize(databaseUrl), application_name: 'giao-ban-bench-baseline' });
  const app = Fastify({ logger: false });
  app.get('/health', () => Promise.resolve({ status: 'ok' }));
  app.get<{ Querystring: { limit?: string } }>('/units', async (request) => {
    const limit = listLimit(request.query.limit);
    // The service's defaults for GET /api/v1/units: page 1, sorted by code ascending, no filter.
    const { sql, params } = unitListSql({ order: { field: 'code', direction: 'ASC' }, offset: 0, limit });
    const { rows } = await pool.query<UnitRow>(sql, params);
    return { items: rows.map(toUnitJson), total: rows.length ? Number(rows[0].total) : 0, page: 1, limit };
  });
  app.addHook('onClose', () => pool.end());
  return { app, pool };
}

// Started by the bench process; runs this file again as a child.
export async function startBaselineServer(databaseUrl: string): Promise<RunningBaseline> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, BASELINE_DATABASE_URL: databaseUrl, BASELINE_PORT: String(port) };
  const server = await startChildServer({ name: 'baseline', script: join(__dirname, 'baseline-server.js'), env, readyUrl: `${baseUrl}/health` });
  return { ...server, baseUrl };
}

async function main(): Promise<void> {
  const databaseUrl = process.env.BASELINE_DATABASE_URL;
  const port = Number(process.env.BASELINE_PORT);
  if (!databaseUrl || !port) throw new Error('BASELINE_DATABASE_URL and BASELINE_PORT must be set');
  const { app } = buildBaselineApp(databaseUrl);
  await app.listen({ host: '127.0.0.1', port });
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`baseline: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
