import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../../config/config';
import { createBootLogger } from '../boot-logger';
import { startInfrastructure } from '../infrastructure';
import { dataSourceOptions } from './data-source-options';
import { runMigrationsLocked } from './migration-runner';

// `npm run migration:run` (and `migration:revert`): the same migrations the service applies at start-up.
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createBootLogger(config.logLevel);
  const infrastructure = await startInfrastructure(config, logger, { redis: false });
  const dataSource = await new DataSource(dataSourceOptions(infrastructure.databaseUrl)).initialize();
  try {
    if (process.argv.includes('--revert')) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      logger.info('reverted the last migration');
    } else {
      const applied = await runMigrationsLocked(dataSource);
      logger.info(applied.length ? `applied migrations: ${applied.join(', ')}` : 'no pending migrations');
    }
  } finally {
    await dataSource.destroy();
    await infrastructure.stop();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`giao-ban: ${error instanceof ConfigError ? 'configuration error: ' : ''}${message}\n`);
  process.exit(1);
});
