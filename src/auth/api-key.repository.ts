import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditDraft } from '../audit/audit';
import { insertAudit } from '../audit/audit.repository';
import { ApiKeyEntity } from './api-key.entity';

@Injectable()
export class ApiKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get keys() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  findByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ keyHash });
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ id });
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'ASC', name: 'ASC' } });
  }

  create(key: Omit<ApiKeyEntity, 'id'>, audit: AuditDraft): Promise<ApiKeyEntity> {
    return this.dataSource.transaction(async (manager) => {
      const created = await manager.save(manager.create(ApiKeyEntity, key));
      await insertAudit(manager, { ...audit, entityId: created.id });
      return created;
    });
  }

  async upsertFromEnvironment(key: Pick<ApiKeyEntity, 'name' | 'role' | 'keyHash' | 'keyPrefix' | 'createdAt'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO api_keys (name, role, key_hash, key_prefix, from_environment, created_at)
       VALUES ($1, $2, $3, $4, true, $5)
       ON CONFLICT (from_environment) WHERE from_environment
       DO UPDATE SET key_hash = EXCLUDED.key_hash, key_prefix = EXCLUDED.key_prefix, role = EXCLUDED.role`,
      [key.name, key.role, key.keyHash, key.keyPrefix, key.createdAt],
    );
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.keys.update({ id }, { lastUsedAt: at });
  }

  async delete(key: ApiKeyEntity, audit: AuditDraft): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(ApiKeyEntity, { id: key.id });
      await insertAudit(manager, { ...audit, entityId: key.id });
    });
  }
}
