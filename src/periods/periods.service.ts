import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { diffChanges } from '../audit/audit';
import { Actor } from '../auth/roles';
import { uniqueViolation } from '../common/database-errors';
import { errorBody, invalidField, notFound } from '../common/errors';
import { Page, parseSort, toPage } from '../common/pagination';
import { ClockService } from '../infra/clock/clock.service';
import { TasksService } from '../tasks/tasks.service';
import { PeriodEntity } from './period.entity';
import { CreatedPeriodResponse, CreatePeriodDto, PeriodQuery, PeriodResponse, toPeriodResponse, UpdatePeriodDto } from './periods.dto';
import { NewPeriod, PERIOD_SORT_FIELDS, PeriodsRepository } from './periods.repository';
import { ReportExtensionsRepository } from './report-extensions.repository';

export const PERIOD_AUDIT_ENTITY = 'period';

// The fields of a period the audit log follows, instants as ISO strings.
export function auditedFields(period: Partial<NewPeriod>): Record<string, unknown> {
  const { year, quarter, reportDueAt, briefingAt, briefingPlace } = period;
  return { year, quarter, reportDueAt: reportDueAt?.toISOString(), briefingAt: briefingAt?.toISOString(), briefingPlace };
}

// PostgreSQL reports a broken CHECK constraint as SQLSTATE 23514.
function checkViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } })?.driverError ?? (error as { code?: string });
  return driverError?.code === '23514';
}

function duplicateQuarter(year: number, quarter: number): ConflictException {
  const message = `a period for quarter ${quarter} of ${year} already exists`;
  return new ConflictException(
    errorBody(409, message, [
      { field: 'year', message },
      { field: 'quarter', message },
    ]),
  );
}

@Injectable()
export class PeriodsService {
  private readonly logger = new Logger(PeriodsService.name);

  constructor(
    private readonly periods: PeriodsRepository,
    private readonly extensions: ReportExtensionsRepository,
    private readonly clock: ClockService,
    private readonly tasks: TasksService,
  ) {}

  async list(query: PeriodQuery): Promise<Page<PeriodResponse>> {
    const order = query.sort ? parseSort(query.sort, PERIOD_SORT_FIELDS, 'year') : { field: 'year' as const, direction: 'DESC' as const };
    const { periods, total } = await this.periods.list({ year: query.year, quarter: query.quarter, order, offset: (query.page - 1) * query.limit, limit: query.limit });
    return toPage(periods.map(toPeriodResponse), total, query);
  }

  async get(id: string): Promise<PeriodResponse> {
    return toPeriodResponse(await this.require(id));
  }

  // With fromTemplates, the period gets a task per template; if that fails the period is removed
  // again, so that the request either does both or neither (see createTasks).
  async create(dto: CreatePeriodDto, actor: Actor): Promise<CreatedPeriodResponse> {
    const reportDueAt = new Date(dto.reportDueAt);
    const briefingAt = new Date(dto.briefingAt);
    if (reportDueAt >= briefingAt) throw invalidField('briefingAt', 'must be after reportDueAt');
    const now = this.clock.now();
    const period: NewPeriod = { year: dto.year, quarter: dto.quarter, reportDueAt, briefingAt, briefingPlace: dto.briefingPlace ?? null, createdAt: now, updatedAt: now };
    const audit = { at: now, actor: actor.name, action: 'create' as const, entity: PERIOD_AUDIT_ENTITY, changes: diffChanges(undefined, auditedFields(period)) };
    const created = await this.periods.create(period, audit).catch((error: unknown) => this.rethrow(error, dto.year, dto.quarter));
    if (!dto.fromTemplates) return toPeriodResponse(created);
    return { ...toPeriodResponse(created), tasksCreated: await this.createTasks(created, actor) };
  }

  async update(id: string, dto: UpdatePeriodDto, actor: Actor): Promise<PeriodResponse> {
    const existing = await this.require(id);
    const next: Partial<NewPeriod> = {
      ...(dto.year !== undefined ? { year: dto.year } : {}),
      ...(dto.quarter !== undefined ? { quarter: dto.quarter } : {}),
      ...(dto.reportDueAt !== undefined ? { reportDueAt: new Date(dto.reportDueAt) } : {}),
      ...(dto.briefingAt !== undefined ? { briefingAt: new Date(dto.briefingAt) } : {}),
      ...(dto.briefingPlace !== undefined ? { briefingPlace: dto.briefingPlace } : {}),
    };
    const merged = { ...existing, ...next };
    if (merged.reportDueAt >= merged.briefingAt) throw this.orderError(dto);
    const changes = diffChanges(auditedFields(existing), auditedFields(merged));
    if (Object.keys(changes).length === 0) return toPeriodResponse(existing);
    const now = this.clock.now();
    const updated = await this.periods
      .update(id, { ...next, updatedAt: now }, { at: now, actor: actor.name, action: 'update', entity: PERIOD_AUDIT_ENTITY, changes })
      .catch((error: unknown) => this.rethrow(error, merged.year, merged.quarter, this.orderError(dto)));
    return toPeriodResponse(updated);
  }

  // For other features (tasks, submissions, reminders, briefings): entities, not responses.

  async require(id: string): Promise<PeriodEntity> {
    const period = await this.periods.findById(id);
    if (!period) throw notFound('period', id);
    return period;
  }

  findByQuarter(year: number, quarter: number): Promise<PeriodEntity | null> {
    return this.periods.findByQuarter(year, quarter);
  }

  // A unit's report deadline in the period: its latest extension, else the period's.
  async effectiveReportDueAt(periodId: string, unitId: string): Promise<Date> {
    const due = await this.extensions.effectiveDueAt(periodId, unitId);
    if (!due) throw notFound('period', periodId);
    return due;
  }

  // The tasks are written in their own transaction by the tasks feature, after the period's has
  // committed. When they fail, the period is deleted again (recorded in the audit log), so a
  // failed request leaves no period behind; only a crash between the two steps could.
  private async createTasks(period: PeriodEntity, actor: Actor): Promise<number> {
    try {
      return await this.tasks.createFromTemplates({ id: period.id, year: period.year, quarter: period.quarter }, actor);
    } catch (error) {
      const audit = {
        at: this.clock.now(),
        actor: actor.name,
        action: 'delete' as const,
        entity: PERIOD_AUDIT_ENTITY,
        entityId: period.id,
        changes: diffChanges(auditedFields(period), undefined),
      };
      await this.periods
        .remove(period.id, audit)
        .catch((removeError: unknown) => this.logger.error(`period ${period.id} was left without its template tasks: ${String(removeError)}`));
      throw error;
    }
  }

  private orderError(dto: UpdatePeriodDto): Error {
    if (dto.briefingAt === undefined && dto.reportDueAt !== undefined) return invalidField('reportDueAt', 'must be before briefingAt');
    return invalidField('briefingAt', 'must be after reportDueAt');
  }

  private rethrow(error: unknown, year: number, quarter: number, orderError: Error = invalidField('briefingAt', 'must be after reportDueAt')): never {
    if (uniqueViolation(error) === 'periods_year_quarter') throw duplicateQuarter(year, quarter);
    // A concurrent change of the other instant can still break the order; the database refuses it.
    if (checkViolation(error)) throw orderError;
    throw error;
  }
}
