/** The structured logger (pino): JSON lines on stdout, level from LOG_LEVEL. */
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'wenzheng' }, timestamp: pino.stdTimeFunctions.isoTime });
}
