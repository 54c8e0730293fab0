import { AppConfig } from '../config/config';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { BootLogger } from './logger';
import { startLocalRedis } from './redis/local-redis';

// The servers the service talks to: the configured ones, or embedded defaults that this process
// started and must stop when it exits.
export interface Infrastructure {
  databaseUrl: string;
  redisUrl: string;
  stop(): Promise<void>;
}

export async function startInfrastructure(config: AppConfig, logger: BootLogger, needs = { redis: true }): Promise<Infrastructure> {
  const stops: Array<() => Promise<void>> = [];
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const postgres = await startEmbeddedPostgres(config.dataDir, logger);
      stops.push(postgres.stop);
      databaseUrl = postgres.url;
    }
    let redisUrl = config.redisUrl ?? '';
    if (!redisUrl && needs.redis) {
      const redis = await startLocalRedis(config.dataDir, logger);
      stops.push(redis.stop);
      redisUrl = redis.url;
    }
    if (!config.smtpUrl) logger.info(`SMTP_URL not set: e-mails are written to ${config.dataDir}/outbox as .eml files`);
    return { databaseUrl, redisUrl, stop: () => stopAll(stops) };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

async function stopAll(stops: Array<() => Promise<void>>): Promise<void> {
  for (const stop of stops.reverse()) await stop();
}
