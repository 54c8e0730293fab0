import { Injectable } from '@nestjs/common';
import { invalid } from '../common/errors';
import { IndicatorsService } from '../indicators/indicators.service';
import { EditInput } from './submission-rules';
import { checkTaskAssignments, normalizeNote, normalizeSections, ResolvedValue, resolveValues } from './submission-validation';
import { UpsertSubmissionDto } from './submissions.dto';
import { SubmissionsRepository } from './submissions.repository';

export interface CheckedInput {
  edit: EditInput;
  values: ResolvedValue[];
  assignmentIds: string[];
}

// Checks what a PUT refers to (indicators by code, the unit's assignments) and gives the input in
// the form the rules take; every wrong field is named in one 400, and nothing is written.
@Injectable()
export class SubmissionInput {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly submissions: SubmissionsRepository,
  ) {}

  async check(periodId: string, unitId: string, dto: UpsertSubmissionDto): Promise<CheckedInput> {
    const taskUpdates = (dto.taskUpdates ?? []).map((update) => ({ assignmentId: update.assignmentId.toLowerCase(), status: update.status, note: normalizeNote(update.note) }));
    const assignmentIds = taskUpdates.map((update) => update.assignmentId);
    const [indicators, assignments] = await Promise.all([this.indicators.findByCodes(Object.keys(dto.values)), this.submissions.findAssignments([...new Set(assignmentIds)])]);
    const values = resolveValues(dto.values, indicators);
    const errors = [...values.errors, ...checkTaskAssignments(assignmentIds, assignments, periodId, unitId)];
    if (errors.length > 0) throw invalid(errors);
    return {
      edit: {
        sections: normalizeSections(dto.sections),
        values: Object.fromEntries(values.values.map((value) => [value.code, value.value])),
        taskUpdates,
        submit: dto.submit ?? false,
      },
      values: values.values,
      assignmentIds,
    };
  }
}
