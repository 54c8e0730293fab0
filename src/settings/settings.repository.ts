import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { SettingsEntity } from './settings.entity';

export type SettingsValues = Omit<SettingsEntity, 'id' | 'updatedAt'>;

@Injectable()
export class SettingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(): Promise<SettingsEntity> {
    return this.dataSource.getRepository(SettingsEntity).findOneByOrFail({ id: 1 });
  }

  async update(values: Partial<SettingsValues>, updatedAt: Date, audit: AuditDraft): Promise<SettingsEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.update(SettingsEntity, { id: 1 }, { ...values, updatedAt });
      await insertAudit(manager, { ...audit, entityId: '1' });
      return manager.findOneByOrFail(SettingsEntity, { id: 1 });
    });
  }
}
