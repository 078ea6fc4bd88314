import { pino, type Logger } from 'pino';
import type { Config } from '#platform/config.js';

export type { Logger };

export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'] });
}
