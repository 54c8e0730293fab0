import { Injectable } from '@nestjs/common';
import { diffChanges } from '../audit/audit';
import { Actor } from '../auth/roles';
import { uniqueViolation } from '../common/database-errors';
import { conflict, notFound } from '../common/errors';
import { Page, parseSort, toPage } from '../common/pagination';
import { ClockService } from '../infra/clock/clock.service';
import { IndicatorEntity } from './indicator.entity';
import { CreateIndicatorDto, IndicatorQuery, IndicatorResponse, toIndicatorResponse, UpdateIndicatorDto } from './indicators.dto';
import { INDICATOR_SORT_FIELDS, IndicatorsRepository, NewIndicator } from './indicators.repository';

export const INDICATOR_AUDIT_ENTITY = 'indicator';

// The fields of an indicator the audit log follows.
export function auditedFields(indicator: Partial<NewIndicator>): Record<string, unknown> {
  const { createdAt: _createdAt, updatedAt: _updatedAt, id: _id, ...fields } = indicator;
  return fields;
}

@Injectable()
export class IndicatorsService {
  constructor(
    private readonly indicators: IndicatorsRepository,
    private readonly clock: ClockService,
  ) {}

  async list(query: IndicatorQuery): Promise<Page<IndicatorResponse>> {
    const order = parseSort(query.sort, INDICATOR_SORT_FIELDS, 'position');
    const { indicators, total } = await this.indicators.list({ active: query.active, order, offset: (query.page - 1) * query.limit, limit: query.limit });
    return toPage(indicators.map(toIndicatorResponse), total, query);
  }

  async get(id: string): Promise<IndicatorResponse> {
    return toIndicatorResponse(await this.require(id));
  }

  async create(dto: CreateIndicatorDto, actor: Actor): Promise<IndicatorResponse> {
    const now = this.clock.now();
    const indicator: NewIndicator = {
      code: dto.code,
      name: dto.name,
      measure: dto.measure,
      aggregation: dto.aggregation ?? 'sum',
      position: dto.position ?? (await this.indicators.nextPosition()),
      active: dto.active ?? true,
      createdAt: now,
      updatedAt: now,
    };
    const audit = { at: now, actor: actor.name, action: 'create' as const, entity: INDICATOR_AUDIT_ENTITY, changes: diffChanges(undefined, auditedFields(indicator)) };
    return toIndicatorResponse(await this.indicators.create(indicator, audit).catch((error: unknown) => this.rethrowDuplicate(error, dto.code)));
  }

  async update(id: string, dto: UpdateIndicatorDto, actor: Actor): Promise<IndicatorResponse> {
    const existing = await this.require(id);
    const changes = diffChanges(auditedFields(existing), { ...auditedFields(existing), ...dto });
    if (Object.keys(changes).length === 0) return toIndicatorResponse(existing);
    const now = this.clock.now();
    const updated = await this.indicators
      .update(id, { ...dto, updatedAt: now }, { at: now, actor: actor.name, action: 'update', entity: INDICATOR_AUDIT_ENTITY, changes })
      .catch((error: unknown) => this.rethrowDuplicate(error, dto.code ?? existing.code));
    return toIndicatorResponse(updated);
  }

  // For other features (submissions, period totals, briefings): entities, not responses.

  // Every indicator, or only the active ones, in display order (position, then code).
  all(options: { active?: boolean } = {}): Promise<IndicatorEntity[]> {
    return this.indicators.all(options.active);
  }

  // The indicators with these codes, ignoring case; unknown codes are simply absent.
  findByCodes(codes: string[]): Promise<IndicatorEntity[]> {
    return this.indicators.findByCodes(codes);
  }

  async require(id: string): Promise<IndicatorEntity> {
    const indicator = await this.indicators.findById(id);
    if (!indicator) throw notFound('indicator', id);
    return indicator;
  }

  private rethrowDuplicate(error: unknown, code: string): never {
    if (uniqueViolation(error) === 'indicators_code') throw conflict(`an indicator with code ${code} already exists`, 'code');
    throw error;
  }
}
