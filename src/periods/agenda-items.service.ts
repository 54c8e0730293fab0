import { Injectable } from '@nestjs/common';
import { diffChanges } from '../audit/audit';
import { Actor } from '../auth/roles';
import { notFound } from '../common/errors';
import { ClockService } from '../infra/clock/clock.service';
import { AgendaItem, inTimeOrder } from './agenda';
import { AgendaItemsRepository } from './agenda-items.repository';
import { AgendaItemDto, AgendaItemResponse, toAgendaItemResponse } from './periods.dto';
import { PeriodsService } from './periods.service';

export const AGENDA_AUDIT_ENTITY = 'agenda';

// The briefing meeting's programme: what is presented at what time, and by whom.
@Injectable()
export class AgendaItemsService {
  constructor(
    private readonly agenda: AgendaItemsRepository,
    private readonly periods: PeriodsService,
    private readonly clock: ClockService,
  ) {}

  async list(periodId: string): Promise<AgendaItemResponse[]> {
    await this.periods.require(periodId);
    return (await this.agenda.list(periodId)).map(toAgendaItemResponse);
  }

  // Replaces the whole agenda, kept in time order; the audit log keeps both versions.
  async replace(periodId: string, dtos: AgendaItemDto[], actor: Actor): Promise<AgendaItemResponse[]> {
    const items: AgendaItem[] = inTimeOrder(dtos.map((dto) => ({ time: dto.time, title: dto.title, presenter: dto.presenter || null })));
    const at = this.clock.now();
    const saved = await this.agenda.replace(periodId, items, (before) => {
      const changes = diffChanges({ items: before.map(toAgendaItemResponse) }, { items });
      return Object.keys(changes).length > 0 ? { at, actor: actor.name, action: 'update', entity: AGENDA_AUDIT_ENTITY, changes } : undefined;
    });
    if (!saved) throw notFound('period', periodId);
    return saved.map(toAgendaItemResponse);
  }
}
