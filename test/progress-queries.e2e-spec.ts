import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, Logger, QueryRunner } from 'typeorm';
import { growQuarter, QuarterCounts, seedQuarter, SeededQuarter } from '../bench/support/seed-quarter';
import { startTestApp, TestApp } from './support/test-app';

// The three aggregates of a quarter must cost one or two SQL statements whatever the number of
// units, reports and tasks: never a query per unit. TypeORM's PostgresQueryRunner calls
// dataSource.logger.logQuery before every statement, whether logging is on or off (the logger
// decides what to print), so a logger that records the statements sees every one the app runs.

const NOW = new Date('2024-06-10T09:00:00+07:00');
const SMALL: QuarterCounts = { units: 50, indicators: 5, tasks: 3, submissions: 40, previousQuarterSubmissions: 20, lastYearSubmissions: 10, reportExtensions: 3, now: NOW };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const MAX_STATEMENTS = 2;

// Records every statement and passes everything on to the logger it replaces.
class StatementRecorder implements Logger {
  statements: string[] = [];

  constructor(private readonly inner: Logger) {}

  logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.statements.push(query.replace(/\s+/g, ' ').trim());
    this.inner.logQuery(query, parameters, queryRunner);
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.inner.logQueryError(error, query, parameters, queryRunner);
  }

  logQuerySlow(time: number, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.inner.logQuerySlow(time, query, parameters, queryRunner);
  }

  logSchemaBuild(message: string, queryRunner?: QueryRunner): void {
    this.inner.logSchemaBuild(message, queryRunner);
  }

  logMigration(message: string, queryRunner?: QueryRunner): void {
    this.inner.logMigration(message, queryRunner);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown, queryRunner?: QueryRunner): void {
    this.inner.log(level, message, queryRunner);
  }

  take(): string[] {
    return this.statements.splice(0);
  }
}

interface Measured {
  status: number;
  body: any;
  statements: string[];
}

describe('Progress queries', () => {
  let t: TestApp;
  let databaseUrl: string;
  let seeded: SeededQuarter;
  let recorder: StatementRecorder;
  let unitCount = SMALL.units;
  let dataSource: DataSource;
  let originalLogger: Logger;

  beforeAll(async () => {
    // ROLE=api: no queue workers, so the only statements are the ones requests cause.
    t = await startTestApp({ env: { ROLE: 'api' } });
    t.clock.travelTo(NOW);
    if (!t.config.databaseUrl) throw new Error('the test app has no DATABASE_URL');
    databaseUrl = t.config.databaseUrl;
    seeded = await seedQuarter(databaseUrl, SMALL);
    dataSource = t.app.get(DataSource);
    originalLogger = dataSource.logger;
    recorder = new StatementRecorder(originalLogger);
    dataSource.logger = recorder;
  });

  afterAll(async () => {
    if (dataSource) dataSource.logger = originalLogger;
    await t?.close();
  });

  // The statements of one request, after a first request of the same kind has warmed the
  // authentication cache (API keys are looked up once, then cached).
  async function measure(path: string): Promise<Measured> {
    await t.request('GET', path);
    recorder.take();
    const response = await t.request('GET', path);
    return { status: response.status, body: response.body, statements: recorder.take() };
  }

  // Adds units (after the seeded ones by code), gives them the quarter's tasks and reports, and
  // gives every unit but the last five a report.
  async function grow(units: number): Promise<void> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO units (code, name, kind, emails, active, search_key, created_at, updated_at)
         SELECT code, 'Xã Mở Rộng ' || i, 'commune', ARRAY[lower(code) || '@tinh.gov.vn'], true, lower(code) || ' xa mo rong ' || i, $3::timestamptz, $3::timestamptz
         FROM generate_series(1, $1::int) AS i, LATERAL (SELECT 'DX-' || $2::text || '-' || lpad(i::text, 5, '0') AS code) c`,
        [units, randomBytes(3).toString('hex'), NOW],
      );
    } finally {
      await client.end();
    }
    unitCount += units;
    await growQuarter(databaseUrl, seeded, { ...SMALL, units: unitCount, submissions: unitCount - 5, reportExtensions: SMALL.reportExtensions + 2 });
  }

  function expectFewStatements(measured: Measured): void {
    expect(measured.statements.length).toBeGreaterThanOrEqual(1);
    expect(measured.statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
  }

  describe('statement recorder', () => {
    it('should see the statements of authentication when a key is used for the first time', async () => {
      const created = await t.request('POST', '/api/v1/api-keys', { body: { name: `viewer ${randomBytes(3).toString('hex')}`, role: 'viewer' } });
      expect(created.status).toBe(201);
      recorder.take();

      const response = await t.request('GET', `/api/v1/periods/${seeded.periodId}/status`, { key: created.body.key });

      expect(response.status).toBe(200);
      const statements = recorder.take();
      expect(statements.some((sql) => /api_keys/i.test(sql))).toBe(true);
      expect(statements.length).toBeGreaterThan(1);
    });
  });

  describe('GET /api/v1/periods/:id/status', () => {
    it('should run the same one or two statements when the quarter grows', async () => {
      const path = `/api/v1/periods/${seeded.periodId}/status`;
      const before = await measure(path);
      expect(before.status).toBe(200);
      expect(before.body.totals.units).toBe(unitCount);
      expectFewStatements(before);

      await grow(100);
      const after = await measure(path);

      expect(after.status).toBe(200);
      expect(after.body.totals.units).toBe(unitCount);
      expect(after.body.totals.units).toBeGreaterThan(before.body.totals.units);
      expect(after.body.units.every((unit: { tasks: { total: number } }) => unit.tasks.total === SMALL.tasks)).toBe(true);
      expect(after.statements).toEqual(before.statements);
    });

    it('should answer 404 after at most two statements when the period is unknown', async () => {
      const measured = await measure(`/api/v1/periods/${UNKNOWN_ID}/status`);

      expect(measured.status).toBe(404);
      expectFewStatements(measured);
    });

    it('should answer 400 without a statement when the id is not a uuid', async () => {
      const measured = await measure('/api/v1/periods/not-a-uuid/status');

      expect(measured.status).toBe(400);
      expect(measured.statements).toEqual([]);
    });
  });

  describe('GET /api/v1/periods/:id/indicators', () => {
    it('should run the same one or two statements when the quarter grows', async () => {
      const path = `/api/v1/periods/${seeded.periodId}/indicators`;
      const before = await measure(path);
      expect(before.status).toBe(200);
      expect(before.body).toHaveLength(SMALL.indicators);
      expectFewStatements(before);

      await grow(100);
      const after = await measure(path);

      expect(after.status).toBe(200);
      expect(after.body).toHaveLength(SMALL.indicators);
      expect(after.body[0].byUnit.length).toBeGreaterThan(before.body[0].byUnit.length);
      expect(after.statements).toEqual(before.statements);
    });

    it('should answer 404 after at most two statements when the period is unknown', async () => {
      const measured = await measure(`/api/v1/periods/${UNKNOWN_ID}/indicators`);

      expect(measured.status).toBe(404);
      expectFewStatements(measured);
    });
  });

  describe('GET /api/v1/scorecards', () => {
    it('should run the same one or two statements when the quarter grows', async () => {
      const path = `/api/v1/scorecards?year=${seeded.year}&quarter=${seeded.quarter}`;
      const before = await measure(path);
      expect(before.status).toBe(200);
      expect(before.body).toHaveLength(unitCount);
      expectFewStatements(before);

      await grow(100);
      const after = await measure(path);

      expect(after.status).toBe(200);
      expect(after.body).toHaveLength(unitCount);
      expect(after.body.length).toBeGreaterThan(before.body.length);
      expect(after.statements).toEqual(before.statements);
    });

    it('should run the same statements for the whole year as for a quarter', async () => {
      const quarter = await measure(`/api/v1/scorecards?year=${seeded.year}&quarter=${seeded.quarter}`);
      const year = await measure(`/api/v1/scorecards?year=${seeded.year}`);

      expect(year.status).toBe(200);
      expectFewStatements(year);
      expect(year.statements).toEqual(quarter.statements);
    });
  });
});
