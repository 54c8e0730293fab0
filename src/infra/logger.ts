// The few log calls made before Nest (and its pino logger) is up.
export interface BootLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
