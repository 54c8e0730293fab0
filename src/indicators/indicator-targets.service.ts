import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/roles';
import { FieldError, invalid, notFound } from '../common/errors';
import { ClockService } from '../infra/clock/clock.service';
import { UnitsRepository } from '../units/units.repository';
import { IndicatorTargetEntity } from './indicator-target.entity';
import { IndicatorTargetsRepository } from './indicator-targets.repository';
import { TargetDto, TargetQuery, TargetResponse, toTargetResponse } from './indicators.dto';
import { IndicatorsService } from './indicators.service';
import { duplicateTargets, planTargetWrites, TargetInput } from './targets';

function indexOf(error: FieldError): number {
  return Number(/^\[(\d+)\]/.exec(error.field)?.[1] ?? -1);
}

@Injectable()
export class IndicatorTargetsService {
  constructor(
    private readonly targets: IndicatorTargetsRepository,
    private readonly indicators: IndicatorsService,
    private readonly units: UnitsRepository,
    private readonly clock: ClockService,
  ) {}

  async list(indicatorId: string, query: TargetQuery): Promise<TargetResponse[]> {
    await this.indicators.require(indicatorId);
    return (await this.targets.listForIndicator(indicatorId, query.year)).map(toTargetResponse);
  }

  // Creates or updates each listed (year, unit) target; all of them or, on any error, none.
  async upsert(indicatorId: string, dtos: TargetDto[], actor: Actor): Promise<TargetResponse[]> {
    await this.indicators.require(indicatorId);
    const targets: TargetInput[] = dtos.map((dto) => ({ year: dto.year, value: dto.value, unitId: dto.unitId?.toLowerCase() ?? null }));
    const errors = [...duplicateTargets(targets), ...(await this.unknownUnits(targets))].sort((a, b) => indexOf(a) - indexOf(b));
    if (errors.length > 0) throw invalid(errors);
    const now = this.clock.now();
    const saved = await this.targets.upsert(indicatorId, (existing) => planTargetWrites(indicatorId, existing, targets, now, actor.name));
    if (!saved) throw notFound('indicator', indicatorId);
    return saved.map(toTargetResponse);
  }

  // Every indicator's targets for a year: unitId null is the program's, otherwise a unit's.
  listForYear(year: number): Promise<IndicatorTargetEntity[]> {
    return this.targets.listForYear(year);
  }

  private async unknownUnits(targets: TargetInput[]): Promise<FieldError[]> {
    const ids = [...new Set(targets.flatMap((target) => (target.unitId ? [target.unitId] : [])))];
    const known = new Set((await this.units.findByIds(ids)).map((unit) => unit.id));
    return targets.flatMap((target, index) =>
      target.unitId && !known.has(target.unitId) ? [{ field: `[${index}].unitId`, message: `unit ${target.unitId} does not exist` }] : [],
    );
  }
}
