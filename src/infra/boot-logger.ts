import pino from 'pino';
import { LogLevel } from '../config/config';
import { BootLogger } from './logger';

export function createBootLogger(level: LogLevel): BootLogger {
  const logger = pino({ level, base: { pid: process.pid, context: 'Bootstrap' } });
  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(message),
  };
}
