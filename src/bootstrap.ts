import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.setup';
import { AppConfig, ConfigError, loadConfig, runsApi } from './config/config';
import { createBootLogger } from './infra/boot-logger';
import { startInfrastructure } from './infra/infrastructure';
import { BootLogger } from './infra/logger';

const SHUTDOWN_TIMEOUT_MS = 30_000;

export interface BootstrapOptions {
  // Runs once the application is initialised, before it accepts requests (the demo loads its data here).
  beforeListen?: (app: NestFastifyApplication, config: AppConfig, logger: BootLogger) => Promise<void>;
}

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`giao-ban: configuration error: ${error.message}\n`);
    process.exit(1);
  }
}

function onSignals(app: NestFastifyApplication, stopInfrastructure: () => Promise<void>, logger: BootLogger): void {
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
      .then(stopInfrastructure)
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

// Starts the service as `npm start` does: configuration, servers (configured or embedded), the
// application in its role, and an orderly shutdown on SIGTERM/SIGINT.
export async function bootstrap(options: BootstrapOptions = {}): Promise<void> {
  const config = readConfig();
  const logger = createBootLogger(config.logLevel);
  const infrastructure = await startInfrastructure(config, logger);
  let app: NestFastifyApplication;
  try {
    app = await createApp(config, infrastructure);
    await app.init();
    if (options.beforeListen) await options.beforeListen(app, config, logger);
    if (runsApi(config)) await app.listen(config.port, config.host);
  } catch (error) {
    await infrastructure.stop();
    throw error;
  }
  logger.info(`giao-ban ${config.role} role running${runsApi(config) ? ` on http://${config.host}:${config.port}` : ''}`);
  onSignals(app, () => infrastructure.stop(), logger);
}

export function exitOnFailure(error: unknown): never {
  process.stderr.write(`giao-ban: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
