import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SettingsModule } from '../settings/settings.module';
import { MailMessageEntity } from './mail-message.entity';
import { MailTransportProvider } from './mail-transport.provider';
import { MailProcessor } from './mail.processor';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';

@Module({})
export class MailModule {
  static forRoot(worker: boolean): DynamicModule {
    return {
      module: MailModule,
      global: true,
      imports: [TypeOrmModule.forFeature([MailMessageEntity]), SettingsModule],
      providers: [MailRepository, MailService, MailTransportProvider, ...(worker ? [MailProcessor] : [])],
      exports: [MailService, MailTransportProvider],
    };
  }
}
