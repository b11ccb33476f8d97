import pino from 'pino';

/**
 * Structured logs on stderr (stdout belongs to the console chat and the CLI).
 * Secrets are redacted by key wherever they appear.
 */
export function createLogger(level = 'info') {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['token', '*.token', 'cookie', '*.cookie', 'cookies', '*.cookies', 'imei', '*.imei', 'secret', '*.secret', 'config.telegram.token'],
        censor: '[ẩn]',
      },
    },
    pino.destination(2),
  );
}

export type AppLogger = ReturnType<typeof createLogger>;
