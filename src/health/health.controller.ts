import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { Public } from '../auth/roles';
import { REDIS_CLIENT } from '../infra/redis/redis.module';

type CheckStatus = 'up' | 'down';

class HealthChecks {
  @ApiProperty({ enum: ['up', 'down'] }) database!: CheckStatus;
  @ApiProperty({ enum: ['up', 'down'] }) redis!: CheckStatus;
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiProperty() checks!: HealthChecks;
}

const TIMEOUT_MS = 2_000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  @Get()
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const result = await this.health
      .check([() => this.database.pingCheck('database').withTimeout(TIMEOUT_MS), () => this.pingRedis()])
      .catch((error: { response?: { details?: Record<string, { status: string }> } }) => ({ status: 'error' as const, details: error.response?.details ?? {} }));
    const checks: HealthChecks = { database: result.details.database?.status === 'up' ? 'up' : 'down', redis: result.details.redis?.status === 'up' ? 'up' : 'down' };
    const status = checks.database === 'up' && checks.redis === 'up' ? 'ok' : 'error';
    void reply.status(status === 'ok' ? 200 : 503);
    return { status, checks };
  }

  private pingRedis() {
    return this.indicators
      .check('redis')
      .attempt(async () => {
        if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
        await this.redis.ping();
      })
      .withTimeout(TIMEOUT_MS);
  }
}
