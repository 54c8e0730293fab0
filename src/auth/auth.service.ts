import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { diffChanges } from '../audit/audit';
import { notFound } from '../common/errors';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ClockService } from '../infra/clock/clock.service';
import { generateApiKey, hashApiKey, keyPrefix } from './api-key.hash';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse, toApiKeyResponse } from './auth.dto';
import { Actor } from './roles';

const CACHE_TTL_MS = 30_000;
const CACHE_MAX = 1_000;

interface CachedActor {
  actor: Actor | null;
  expiresAt: number;
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);
  // Every admin request authenticates; a short cache saves a query per request. A deleted key
  // stops working at once on this process and within CACHE_TTL_MS on the others.
  private readonly cache = new Map<string, CachedActor>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.adminApiKey) return;
    const key = this.config.adminApiKey;
    await this.keys.upsertFromEnvironment({ name: 'ADMIN_API_KEY', role: 'admin', keyHash: hashApiKey(key), keyPrefix: keyPrefix(key), createdAt: this.clock.now() });
    this.logger.log('admin API key from ADMIN_API_KEY is in place');
  }

  async authenticate(key: string): Promise<Actor | null> {
    const keyHash = hashApiKey(key);
    const cached = this.cache.get(keyHash);
    if (cached && cached.expiresAt > Date.now()) return cached.actor;
    const found = await this.keys.findByHash(keyHash);
    const actor: Actor | null = found ? { keyId: found.id, name: found.name, role: found.role } : null;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(keyHash, { actor, expiresAt: Date.now() + CACHE_TTL_MS });
    if (found) await this.keys.touch(found.id, this.clock.now());
    return actor;
  }

  async create(dto: CreateApiKeyDto, actor: Actor): Promise<CreatedApiKeyResponse> {
    const key = generateApiKey();
    const created = await this.keys.create(
      { name: dto.name, role: dto.role, keyHash: hashApiKey(key), keyPrefix: keyPrefix(key), fromEnvironment: false, createdAt: this.clock.now(), lastUsedAt: null },
      { actor: actor.name, at: this.clock.now(), action: 'create', entity: 'api_key', changes: diffChanges(undefined, { name: dto.name, role: dto.role }) },
    );
    this.cache.delete(created.keyHash);
    return { ...toApiKeyResponse(created), key };
  }

  async list(): Promise<ApiKeyResponse[]> {
    return (await this.keys.list()).map(toApiKeyResponse);
  }

  async delete(id: string, actor: Actor): Promise<void> {
    const existing = await this.keys.findById(id);
    if (!existing) throw notFound('API key', id);
    await this.keys.delete(existing, {
      actor: actor.name,
      at: this.clock.now(),
      action: 'delete',
      entity: 'api_key',
      changes: diffChanges({ name: existing.name, role: existing.role }, undefined),
    });
    this.cache.delete(existing.keyHash);
  }
}
