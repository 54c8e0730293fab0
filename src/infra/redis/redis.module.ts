import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { redisOptions } from './redis-options';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

// A plain client for health checks and maintenance; queues open their own connections from the
// same options.
@Global()
@Module({})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis) {}

  static forRoot(redisUrl: string): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS_CLIENT,
          useFactory: () => {
            const client = new Redis({ ...redisOptions(redisUrl), maxRetriesPerRequest: 1, lazyConnect: true });
            client.on('error', () => undefined);
            return client;
          },
        },
      ],
      exports: [REDIS_CLIENT],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
