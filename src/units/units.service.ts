import { Injectable } from '@nestjs/common';
import { diffChanges } from '../audit/audit';
import { Actor } from '../auth/roles';
import { uniqueViolation } from '../common/database-errors';
import { conflict, invalidField, notFound } from '../common/errors';
import { Page, parseSort, toPage } from '../common/pagination';
import { ClockService } from '../infra/clock/clock.service';
import { searchKey } from './search-key';
import { UnitEntity } from './unit.entity';
import { CreateUnitDto, toUnitResponse, UnitQuery, UnitResponse, UpdateUnitDto } from './units.dto';
import { NewUnit, UNIT_SORT_FIELDS, UnitsRepository } from './units.repository';

// The fields of a unit the audit log follows.
export function auditedFields(unit: Partial<NewUnit>): Record<string, unknown> {
  const { searchKey: _searchKey, createdAt: _createdAt, updatedAt: _updatedAt, id: _id, ...fields } = unit;
  return fields;
}

@Injectable()
export class UnitsService {
  constructor(
    private readonly units: UnitsRepository,
    private readonly clock: ClockService,
  ) {}

  async list(query: UnitQuery): Promise<Page<UnitResponse>> {
    const order = parseSort(query.sort, UNIT_SORT_FIELDS, 'code');
    const folded = query.q ? searchKey(query.q) : undefined;
    const { units, total } = await this.units.list({
      kind: query.kind,
      active: query.active,
      searchKey: folded,
      order,
      offset: (query.page - 1) * query.limit,
      limit: query.limit,
    });
    return toPage(units.map(toUnitResponse), total, query);
  }

  async get(id: string): Promise<UnitResponse> {
    return toUnitResponse(await this.require(id));
  }

  async create(dto: CreateUnitDto, actor: Actor): Promise<UnitResponse> {
    if (dto.parentId) await this.checkParent(dto.parentId);
    const now = this.clock.now();
    const unit: NewUnit = {
      code: dto.code,
      name: dto.name,
      kind: dto.kind,
      parentId: dto.parentId ?? null,
      emails: [...new Set(dto.emails)],
      headEmail: dto.headEmail ?? null,
      active: dto.active ?? true,
      searchKey: searchKey(`${dto.code} ${dto.name}`),
      createdAt: now,
      updatedAt: now,
    };
    const audit = { at: now, actor: actor.name, action: 'create' as const, entity: 'unit', changes: diffChanges(undefined, auditedFields(unit)) };
    return toUnitResponse(await this.units.create(unit, audit).catch((error: unknown) => this.rethrowDuplicate(error, dto.code)));
  }

  async update(id: string, dto: UpdateUnitDto, actor: Actor): Promise<UnitResponse> {
    const existing = await this.require(id);
    if (dto.parentId) await this.checkParent(dto.parentId, id);
    const next: Partial<NewUnit> = { ...dto, ...(dto.emails ? { emails: [...new Set(dto.emails)] } : {}) };
    const changes = diffChanges(auditedFields(existing), { ...auditedFields(existing), ...next });
    if (Object.keys(changes).length === 0) return toUnitResponse(existing);
    const now = this.clock.now();
    const merged = { ...existing, ...next };
    const updated = await this.units
      .update(id, { ...next, searchKey: searchKey(`${merged.code} ${merged.name}`), updatedAt: now }, { at: now, actor: actor.name, action: 'update', entity: 'unit', changes })
      .catch((error: unknown) => this.rethrowDuplicate(error, dto.code ?? existing.code));
    return toUnitResponse(updated);
  }

  // Units are never deleted: their reports and tasks stay in the history.
  async deactivate(id: string, actor: Actor): Promise<UnitResponse> {
    const existing = await this.require(id);
    if (!existing.active) return toUnitResponse(existing);
    const now = this.clock.now();
    const updated = await this.units.update(
      id,
      { active: false, updatedAt: now },
      { at: now, actor: actor.name, action: 'delete', entity: 'unit', changes: { active: { from: true, to: false } } },
    );
    return toUnitResponse(updated);
  }

  private async require(id: string): Promise<UnitEntity> {
    const unit = await this.units.findById(id);
    if (!unit) throw notFound('unit', id);
    return unit;
  }

  private async checkParent(parentId: string, childId?: string): Promise<void> {
    const parent = await this.units.findById(parentId);
    if (!parent) throw invalidField('parentId', `unit ${parentId} does not exist`);
    if (childId && (await this.units.ancestorIds(parentId)).includes(childId)) {
      throw invalidField('parentId', 'would make the unit its own ancestor');
    }
  }

  private rethrowDuplicate(error: unknown, code: string): never {
    if (uniqueViolation(error) === 'units_code') throw conflict(`a unit with code ${code} already exists`, 'code');
    throw error;
  }
}
