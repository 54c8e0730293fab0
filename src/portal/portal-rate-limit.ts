import { CanActivate, ExecutionContext, HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { REDIS_CLIENT } from '../infra/redis/redis.module';
import { hashToken, isWellFormedToken } from './portal-token';

// Requests per client address and per portal link, counted in Redis under the app's prefix so
// that every API instance shares the counts. Each counter starts a window at its first request.
// Addresses are generous: many commune offices reach the Internet through one provincial address.
export const PORTAL_RATE_LIMITS = {
  perAddress: { requests: 600, windowMs: 10 * 60_000 },
  perToken: { requests: 120, windowMs: 10 * 60_000 },
} as const;

export class PortalRateLimited extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super('too many requests', 429);
  }
}

interface Counted {
  count: number;
  ttlMs: number;
}

@Injectable()
export class PortalRateLimiter {
  private readonly logger = new Logger(PortalRateLimiter.name);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Seconds to wait before the next request, or 0 when it may go ahead. When Redis cannot be
  // reached the portal stays open (a unit must be able to report); the failure is logged.
  async retryAfter(address: string, token: string | undefined): Promise<number> {
    const counters: Array<{ key: string; requests: number; windowMs: number }> = [{ key: this.key('ip', address), ...PORTAL_RATE_LIMITS.perAddress }];
    if (token !== undefined && isWellFormedToken(token)) counters.push({ key: this.key('token', hashToken(token)), ...PORTAL_RATE_LIMITS.perToken });
    try {
      const counted = await Promise.all(counters.map((counter) => this.count(counter.key, counter.windowMs)));
      const waits = counted.filter((result, index) => result.count > counters[index].requests).map((result) => Math.max(1, Math.ceil(result.ttlMs / 1000)));
      return waits.length ? Math.max(...waits) : 0;
    } catch (error) {
      this.logger.warn(`portal rate limiting is off for this request, Redis failed: ${String(error)}`);
      return 0;
    }
  }

  private key(kind: 'ip' | 'token', id: string): string {
    return `${this.config.redisPrefix}:portal:rate:${kind}:${id}`;
  }

  // The window starts with the counter (SET NX with its expiry), in one transaction with the increment.
  private async count(key: string, windowMs: number): Promise<Counted> {
    const results = await this.redis.multi().set(key, '0', 'PX', windowMs, 'NX').incr(key).pttl(key).exec();
    if (!results || results.some(([error]) => error)) throw new Error(`rate counter ${key} failed`);
    return { count: Number(results[1][1]), ttlMs: Number(results[2][1]) };
  }
}

interface PortalRequest {
  ip: string;
  params?: { token?: string };
}

@Injectable()
export class PortalRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: PortalRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PortalRequest>();
    const wait = await this.limiter.retryAfter(request.ip, request.params?.token);
    if (wait > 0) throw new PortalRateLimited(wait);
    return true;
  }
}
