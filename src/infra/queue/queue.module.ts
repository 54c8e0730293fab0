import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConnectionOptions } from 'bullmq';
import { redisOptions } from '../redis/redis-options';
import { QUEUES } from './jobs';
import { QueueService } from './queue.service';

@Global()
@Module({})
export class QueueModule {
  static forRoot(redisUrl: string, prefix: string): DynamicModule {
    const queues = BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })));
    return {
      module: QueueModule,
      imports: [BullModule.forRoot({ connection: redisOptions(redisUrl) as ConnectionOptions, prefix }), queues],
      providers: [QueueService],
      exports: [QueueService, queues],
    };
  }
}
