import { Injectable } from '@nestjs/common';
import { FieldError } from '../common/errors';
import { AssignTo, isAssignToKeyword, KEYWORD_KINDS } from './assign-to';
import { TasksRepository } from './tasks.repository';

export interface Resolved {
  unitIds: string[];
  errors: FieldError[];
}

// Turns assignTo and supportUnitIds into units, naming each id that is not an active unit.
@Injectable()
export class AssigneesService {
  constructor(private readonly tasks: TasksRepository) {}

  // The lead units: the active units a keyword stands for, or the listed units, each of which
  // must exist and be active. No unit at all is an error on the field.
  async leads(assignTo: AssignTo, field = 'assignTo'): Promise<Resolved> {
    const resolved = isAssignToKeyword(assignTo) ? { unitIds: await this.tasks.activeUnitIds(KEYWORD_KINDS[assignTo]), errors: [] } : await this.listed(assignTo, field);
    if (resolved.errors.length === 0 && resolved.unitIds.length === 0) return { unitIds: [], errors: [{ field, message: 'names no active unit' }] };
    return resolved;
  }

  // The listed units, each of which must exist and be active.
  async listed(ids: readonly string[], field: string): Promise<Resolved> {
    const states = await this.tasks.unitStates([...new Set(ids)]);
    const errors: FieldError[] = [];
    ids.forEach((id, index) => {
      const state = states.get(id);
      if (!state) errors.push({ field: `${field}[${index}]`, message: `unit ${id} does not exist` });
      else if (!state.active) errors.push({ field: `${field}[${index}]`, message: `unit ${id} is inactive` });
    });
    return { unitIds: [...new Set(ids)], errors };
  }

  // For tasks made from templates: the units a template names that are still active, silently
  // leaving out those deactivated since.
  async activeLeads(assignTo: AssignTo): Promise<string[]> {
    if (isAssignToKeyword(assignTo)) return this.tasks.activeUnitIds(KEYWORD_KINDS[assignTo]);
    const states = await this.tasks.unitStates([...new Set(assignTo)]);
    return [...new Set(assignTo)].filter((id) => states.get(id)?.active);
  }
}
