import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import multipart from '@fastify/multipart';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, Connections } from './app.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { PathExceptionFilter } from './common/path-exception.filter';
import { createValidationPipe } from './common/validation.pipe';
import { AppConfig } from './config/config';
import { PortalExceptionFilter } from './portal/portal-exception.filter';

// Keeps the caller's X-Request-Id when it looks sane, so a request can be followed across
// services; pino-http reads the same id from the raw request for every log line.
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
  Object.assign(request, { id });
  return id;
}

export const API_PREFIX = 'api/v1';
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

// Builds the application exactly as production runs it; main.ts and the tests both use it.
export async function createApp(config: AppConfig, connections: Connections): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, trustProxy: config.trustProxy, genReqId: requestId, requestIdHeader: false });
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, connections), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }, 'portal', 'portal/{*path}'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new PathExceptionFilter([{ prefix: '/portal/', filter: new PortalExceptionFilter() }], new HttpExceptionFilter()));
  setUpOpenApi(app);
  return app;
}

function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Giao ban — admin API')
      .setDescription('Units, quarters, tasks, reports, reminders and briefing packs for a steering committee secretariat.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
