import { pino } from 'pino';

export type Logger = pino.Logger;

/** One logger per process; each service takes a child with its name. */
export function createLogger(name: string, level = 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}
