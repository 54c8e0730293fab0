import { Injectable } from '@nestjs/common';
import { AttachmentsService } from '../attachments/attachments.service';
import { localDate, workingDaysBetween } from '../calendar/working-days';
import { notFound } from '../common/errors';
import { CalendarService } from '../holidays/calendar.service';
import { IndicatorsService } from '../indicators/indicators.service';
import { ClockService } from '../infra/clock/clock.service';
import { PeriodsService } from '../periods/periods.service';
import { SettingsRepository } from '../settings/settings.repository';
import { SubmissionsService } from '../submissions/submissions.service';
import { SubmissionResponse } from '../submissions/submissions.dto';
import { AssignmentsService } from '../tasks/assignments.service';
import { UnitsRepository } from '../units/units.repository';
import { FormContext } from './portal-form';
import { PortalAccess } from './portal-tokens.repository';
import { PortalSubmissionView, PortalView } from './portal-view';

export interface LoadedPortal {
  view: PortalView;
  // The unit's own indicators and assignments: all a posted form may name.
  context: FormContext;
  portalBaseUrl: string | null;
}

function previousQuarter(year: number, quarter: number): { year: number; quarter: number } {
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

function toSubmissionView(submission: SubmissionResponse): PortalSubmissionView {
  const instant = (text: string | null) => (text ? new Date(text) : null);
  return {
    status: submission.status,
    sections: submission.sections,
    values: submission.values,
    submittedAt: instant(submission.submittedAt),
    lastSubmittedAt: instant(submission.lastSubmittedAt),
    late: submission.late,
    reviewComment: submission.reviewComment,
    reviewedAt: instant(submission.reviewedAt),
  };
}

// Everything the unit's page shows, read through the features that own it.
@Injectable()
export class PortalViews {
  constructor(
    private readonly periods: PeriodsService,
    private readonly units: UnitsRepository,
    private readonly settings: SettingsRepository,
    private readonly calendar: CalendarService,
    private readonly assignments: AssignmentsService,
    private readonly indicators: IndicatorsService,
    private readonly submissions: SubmissionsService,
    private readonly attachments: AttachmentsService,
    private readonly clock: ClockService,
  ) {}

  async load(access: PortalAccess): Promise<LoadedPortal> {
    const { periodId, unitId } = access;
    const [period, unit, settings, reportDueAt, calendar, assignments, indicators, submission, attachments] = await Promise.all([
      this.periods.require(periodId),
      this.units.findById(unitId),
      this.settings.get(),
      this.periods.effectiveReportDueAt(periodId, unitId),
      this.calendar.calendar(),
      this.assignments.forUnit(periodId, unitId),
      this.indicators.all({ active: true }),
      this.submissions.findByPeriodAndUnit(periodId, unitId),
      this.attachments.list(periodId, unitId),
    ]);
    if (!unit) throw notFound('unit', unitId);
    const previous = previousQuarter(period.year, period.quarter);
    const previousValues = await this.previousValues(previous.year, previous.quarter, unitId);
    const now = this.clock.now();
    const view: PortalView = {
      committeeName: settings.committeeName,
      unitName: unit.name,
      year: period.year,
      quarter: period.quarter,
      reportDueAt,
      now,
      timeZone: settings.timezone,
      workingDaysLeft: workingDaysBetween(calendar, localDate(now, settings.timezone), localDate(reportDueAt, settings.timezone)),
      previousPeriod: previousValues ? previous : null,
      tasks: assignments.map((assignment) => ({
        id: assignment.id,
        title: assignment.taskTitle,
        role: assignment.role,
        dueAt: assignment.dueAt,
        status: assignment.status,
        note: assignment.note,
      })),
      indicators: indicators.map((indicator) => ({
        id: indicator.id,
        code: indicator.code,
        name: indicator.name,
        measure: indicator.measure,
        previousValue: previousValues?.[indicator.code] ?? null,
      })),
      submission: submission && toSubmissionView(submission),
      attachments: attachments.map((attachment) => ({ id: attachment.id, filename: attachment.filename, size: attachment.size })),
    };
    const context: FormContext = {
      indicators: indicators.map((indicator) => ({ id: indicator.id, code: indicator.code })),
      assignments: assignments.map((assignment) => ({ id: assignment.id, status: assignment.status, note: assignment.note })),
    };
    return { view, context, portalBaseUrl: settings.portalBaseUrl };
  }

  // The unit's values in the previous quarter's report when it was sent (a draft is no hint);
  // null when there is no such period.
  private async previousValues(year: number, quarter: number, unitId: string): Promise<Record<string, number> | null> {
    const period = await this.periods.findByQuarter(year, quarter);
    if (!period) return null;
    const submission = await this.submissions.findByPeriodAndUnit(period.id, unitId);
    return submission && submission.status !== 'draft' ? submission.values : {};
  }
}
