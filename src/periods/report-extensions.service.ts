import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/roles';
import { invalidField, notFound } from '../common/errors';
import { ClockService } from '../infra/clock/clock.service';
import { UnitsRepository } from '../units/units.repository';
import { ExtensionDto, ExtensionResponse } from './periods.dto';
import { PeriodsService } from './periods.service';
import { ReportExtension, ReportExtensionsRepository } from './report-extensions.repository';

export const REPORT_EXTENSION_AUDIT_ENTITY = 'report_extension';

function toExtensionResponse(periodId: string, unitId: string, reportDueAt: Date, history: ReportExtension[]): ExtensionResponse {
  return {
    periodId,
    unitId,
    reportDueAt: reportDueAt.toISOString(),
    history: history.map((extension) => ({
      reportDueAt: extension.reportDueAt.toISOString(),
      previousDueAt: extension.previousDueAt.toISOString(),
      reason: extension.reason,
      actor: extension.actor,
      createdAt: extension.createdAt.toISOString(),
    })),
  };
}

// A unit's own report deadline for a period. Every extension is kept; the latest one counts.
@Injectable()
export class ReportExtensionsService {
  constructor(
    private readonly extensions: ReportExtensionsRepository,
    private readonly periods: PeriodsService,
    private readonly units: UnitsRepository,
    private readonly clock: ClockService,
  ) {}

  async get(periodId: string, unitId: string): Promise<ExtensionResponse> {
    await this.requireBoth(periodId, unitId);
    return this.current(periodId, unitId);
  }

  // The new deadline must be later than the period's: an extension never shortens the time a
  // unit was given. It may be earlier than a previous extension, to correct it.
  async extend(periodId: string, unitId: string, dto: ExtensionDto, actor: Actor): Promise<ExtensionResponse> {
    await this.requireBoth(periodId, unitId);
    const reportDueAt = new Date(dto.reportDueAt);
    // Checked under the period's lock, so that a concurrent change of the period's deadline cannot slip in between.
    const added = await this.extensions.add(periodId, unitId, ({ periodDueAt, dueAt: previousDueAt }) => {
      if (reportDueAt <= periodDueAt) throw invalidField('reportDueAt', `must be after the period's report deadline ${periodDueAt.toISOString()}`);
      const at = this.clock.now();
      const changes = {
        periodId: { to: periodId },
        unitId: { to: unitId },
        reportDueAt: { from: previousDueAt.toISOString(), to: reportDueAt.toISOString() },
        reason: { to: dto.reason },
      };
      return {
        extension: { reportDueAt, reason: dto.reason, actor: actor.name, createdAt: at },
        audit: { at, actor: actor.name, action: 'create', entity: REPORT_EXTENSION_AUDIT_ENTITY, changes },
      };
    });
    if (!added) throw notFound('period', periodId);
    return this.current(periodId, unitId);
  }

  private async current(periodId: string, unitId: string): Promise<ExtensionResponse> {
    const [reportDueAt, history] = await Promise.all([this.periods.effectiveReportDueAt(periodId, unitId), this.extensions.history(periodId, unitId)]);
    return toExtensionResponse(periodId, unitId, reportDueAt, history);
  }

  private async requireBoth(periodId: string, unitId: string): Promise<void> {
    const [, unit] = await Promise.all([this.periods.require(periodId), this.units.findById(unitId)]);
    if (!unit) throw notFound('unit', unitId);
  }
}
