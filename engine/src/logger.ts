/** The one pino logger; modules take children: `log.child({ mod: 'store' })`. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'password', '*.password', 'token', '*.token', 'req.body.password'],
      censor: '[redacted]',
    },
  });
}
