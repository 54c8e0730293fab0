import 'reflect-metadata';
import { createApp } from './app.setup';
import { AppConfig, ConfigError, loadConfig, runsApi } from './config/config';
import { createBootLogger } from './infra/boot-logger';
import { startInfrastructure } from './infra/infrastructure';

const SHUTDOWN_TIMEOUT_MS = 30_000;

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`giao-ban: configuration error: ${error.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createBootLogger(config.logLevel);
  const infrastructure = await startInfrastructure(config, logger);
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config, infrastructure);
    if (runsApi(config)) await app.listen(config.port, config.host);
    else await app.init();
  } catch (error) {
    await infrastructure.stop();
    throw error;
  }
  logger.info(`giao-ban ${config.role} role running${runsApi(config) ? ` on http://${config.host}:${config.port}` : ''}`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: draining requests and jobs`);
    setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    // app.close() stops the HTTP server (in-flight requests finish), closes the BullMQ workers
    // after their current job, then the database and Redis; the embedded servers go last.
    void app
      .close()
      .then(() => infrastructure.stop())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`giao-ban: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
