import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { ClockService } from './clock.service';

@Global()
@Module({
  providers: [{ provide: ClockService, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new ClockService(config.clockStart) }],
  exports: [ClockService],
})
export class ClockModule {}
