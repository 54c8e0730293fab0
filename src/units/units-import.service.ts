import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { diffChanges } from '../audit/audit';
import { Actor } from '../auth/roles';
import { flattenValidationErrors, invalidField } from '../common/errors';
import { ClockService } from '../infra/clock/clock.service';
import { searchKey } from './search-key';
import { UnitEntity } from './unit.entity';
import { parseUnitFile, UnitFileError, UnitFileRow } from './unit-file';
import { CreateUnitDto, ImportResult, ImportRowError } from './units.dto';
import { NewUnit, UnitBatchItem, UnitsRepository } from './units.repository';
import { auditedFields } from './units.service';

interface ValidRow {
  row: number;
  dto: CreateUnitDto;
  parentCode: string;
}

async function validateRow(row: UnitFileRow): Promise<ValidRow | ImportRowError[]> {
  const { values } = row;
  const plain = {
    code: values.code,
    name: values.name,
    kind: values.kind.toLowerCase(),
    emails: values.emails.split(/[;,\s]+/).filter(Boolean),
    ...(values.headEmail ? { headEmail: values.headEmail } : {}),
  };
  const dto = plainToInstance(CreateUnitDto, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) return flattenValidationErrors(errors).map((error) => ({ row: row.row, field: error.field.replace(/\[\d+\]$/, ''), message: error.message }));
  return { row: row.row, dto, parentCode: values.parentCode };
}

// Orders rows so that a parent created by the file comes before its children; reports cycles.
function parentsFirst(rows: ValidRow[]): { ordered: ValidRow[]; cyclic: ValidRow[] } {
  const byCode = new Map(rows.map((row) => [row.dto.code.toLowerCase(), row]));
  const ordered: ValidRow[] = [];
  const state = new Map<ValidRow, 'visiting' | 'done'>();
  const cyclic: ValidRow[] = [];
  const visit = (row: ValidRow): boolean => {
    if (state.get(row) === 'done') return true;
    if (state.get(row) === 'visiting') return false;
    state.set(row, 'visiting');
    const parent = byCode.get(row.parentCode.toLowerCase());
    const ok = !parent || visit(parent);
    state.set(row, 'done');
    if (ok) ordered.push(row);
    else cyclic.push(row);
    return ok;
  };
  rows.forEach(visit);
  return { ordered, cyclic };
}

@Injectable()
export class UnitsImportService {
  constructor(
    private readonly units: UnitsRepository,
    private readonly clock: ClockService,
  ) {}

  async import(content: Buffer, partial: boolean, actor: Actor): Promise<ImportResult> {
    const rows = await parseUnitFile(content).catch((error: unknown) => {
      throw error instanceof UnitFileError ? invalidField('file', error.message) : error;
    });
    if (rows.length === 0) throw invalidField('file', 'has no data rows');
    const { valid, errors } = await this.check(rows);
    if (errors.length && !partial) return { created: 0, updated: 0, errors, applied: false };
    // Parent codes too: a row's parent may exist only in the database.
    const codes = valid.flatMap((row) => [row.dto.code, row.parentCode]).filter(Boolean);
    const existing = new Map((await this.units.findByCodes(codes)).map((unit) => [unit.code.toLowerCase(), unit]));
    const result = this.plan(valid, existing, actor);
    await this.units.applyBatch(result.batch);
    return { created: result.created, updated: result.updated, errors, applied: true };
  }

  private async check(rows: UnitFileRow[]): Promise<{ valid: ValidRow[]; errors: ImportRowError[] }> {
    const errors: ImportRowError[] = [];
    const valid: ValidRow[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      const checked = await validateRow(row);
      if (Array.isArray(checked)) errors.push(...checked);
      else if (seen.has(checked.dto.code.toLowerCase()))
        errors.push({ row: row.row, field: 'code', message: `${checked.dto.code} already appears on row ${seen.get(checked.dto.code.toLowerCase())}` });
      else {
        seen.set(checked.dto.code.toLowerCase(), row.row);
        valid.push(checked);
      }
    }
    const parents = await this.knownParents(valid);
    const withParents = valid.filter((row) => {
      if (!row.parentCode || parents.has(row.parentCode.toLowerCase())) return true;
      errors.push({ row: row.row, field: 'parentCode', message: `no unit with code ${row.parentCode} in the file or the database` });
      return false;
    });
    const { ordered, cyclic } = parentsFirst(withParents);
    const cyclicThroughDatabase = await this.cyclicThroughDatabase(ordered);
    for (const row of [...cyclic, ...cyclicThroughDatabase]) errors.push({ row: row.row, field: 'parentCode', message: 'the parent codes form a cycle' });
    errors.sort((a, b) => a.row - b.row);
    return { valid: ordered.filter((row) => !cyclicThroughDatabase.has(row)), errors };
  }

  // A parent that exists only in the database may lead back to a row of the file through the
  // database's parent links (A → B in the database → A); parentsFirst sees only the file.
  private async cyclicThroughDatabase(rows: ValidRow[]): Promise<Set<ValidRow>> {
    const fileParents = new Map(rows.map((row) => [row.dto.code.toLowerCase(), row.parentCode.toLowerCase()]));
    const databaseParents = new Map<string, string>();
    const parentOf = async (code: string): Promise<string> => {
      if (fileParents.has(code)) return fileParents.get(code) ?? '';
      if (!databaseParents.has(code)) {
        const [unit] = await this.units.findByCodes([code]);
        const parent = unit?.parentId ? await this.units.findById(unit.parentId) : null;
        databaseParents.set(code, parent?.code.toLowerCase() ?? '');
      }
      return databaseParents.get(code) ?? '';
    };
    const cyclic = new Set<ValidRow>();
    for (const row of rows) {
      const seen = new Set([row.dto.code.toLowerCase()]);
      for (let code = row.parentCode.toLowerCase(); code; code = await parentOf(code)) {
        if (seen.has(code)) {
          cyclic.add(row);
          break;
        }
        seen.add(code);
      }
    }
    return cyclic;
  }

  private async knownParents(rows: ValidRow[]): Promise<Set<string>> {
    const inFile = rows.map((row) => row.dto.code.toLowerCase());
    const wanted = rows.map((row) => row.parentCode).filter(Boolean);
    const inDatabase = (await this.units.findByCodes(wanted)).map((unit) => unit.code.toLowerCase());
    return new Set([...inFile, ...inDatabase]);
  }

  private plan(rows: ValidRow[], existing: Map<string, UnitEntity>, actor: Actor) {
    const now = this.clock.now();
    const ids = new Map<string, string>([...existing].map(([code, unit]) => [code, unit.id]));
    const batch: UnitBatchItem[] = [];
    let created = 0;
    let updated = 0;
    for (const { dto, parentCode } of rows) {
      const code = dto.code.toLowerCase();
      const parentId = parentCode ? (ids.get(parentCode.toLowerCase()) ?? null) : null;
      const fields = { code: dto.code, name: dto.name, kind: dto.kind, parentId, emails: [...new Set(dto.emails)], headEmail: dto.headEmail ?? null, active: true };
      const current = existing.get(code);
      if (!current) {
        const unit: NewUnit = { ...fields, id: randomUUID(), searchKey: searchKey(`${dto.code} ${dto.name}`), createdAt: now, updatedAt: now };
        ids.set(code, unit.id as string);
        batch.push({ kind: 'create', unit, audit: { at: now, actor: actor.name, action: 'create', entity: 'unit', changes: diffChanges(undefined, auditedFields(unit)) } });
        created += 1;
        continue;
      }
      const changes = diffChanges(auditedFields(current), { ...auditedFields(current), ...fields });
      if (Object.keys(changes).length === 0) continue;
      batch.push({
        kind: 'update',
        id: current.id,
        changes: { ...fields, searchKey: searchKey(`${dto.code} ${dto.name}`), updatedAt: now },
        audit: { at: now, actor: actor.name, action: 'update', entity: 'unit', changes },
      });
      updated += 1;
    }
    return { batch, created, updated };
  }
}
