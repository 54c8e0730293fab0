import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { BriefingsModule } from './briefings/briefings.module';
import { AuthModule } from './auth/auth.module';
import { AppConfig, runsWorker } from './config/config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { HolidaysModule } from './holidays/holidays.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { ClockModule } from './infra/clock/clock.module';
import { DatabaseModule } from './infra/database/database.module';
import { QueueModule } from './infra/queue/queue.module';
import { RedisModule } from './infra/redis/redis.module';
import { MailModule } from './mail/mail.module';
import { PeriodsModule } from './periods/periods.module';
import { PortalModule } from './portal/portal.module';
import { withoutPortalToken } from './portal/portal-token';
import { ProgressModule } from './progress/progress.module';
import { RemindersModule } from './reminders/reminders.module';
import { SettingsModule } from './settings/settings.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { TasksModule } from './tasks/tasks.module';
import { UnitsModule } from './units/units.module';

// The resolved addresses of the servers this process talks to (configured or embedded).
export interface Connections {
  databaseUrl: string;
  redisUrl: string;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, connections: Connections): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (request: IncomingMessage & { id?: string }) => request.id ?? randomUUID(),
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
            serializers: { req: (request: { url?: string }) => Object.assign(request, { url: withoutPortalToken(request.url) }) },
            autoLogging: { ignore: (request) => request.url === '/health' },
          },
        }),
        ClockModule,
        DatabaseModule.forRoot(connections.databaseUrl, config.runMigrations),
        RedisModule.forRoot(connections.redisUrl),
        QueueModule.forRoot(connections.redisUrl, config.redisPrefix),
        MailModule.forRoot(runsWorker(config)),
        AuthModule,
        AuditModule,
        SettingsModule,
        UnitsModule,
        HolidaysModule,
        IndicatorsModule,
        PeriodsModule,
        TasksModule,
        SubmissionsModule,
        PortalModule,
        AttachmentsModule,
        ProgressModule,
        RemindersModule.forRoot(runsWorker(config)),
        BriefingsModule.forRoot(runsWorker(config)),
        HealthModule,
      ],
    };
  }
}
