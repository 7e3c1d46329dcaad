import type { logCreator } from 'kafkajs';
import { logLevel } from 'kafkajs';
import type { BusLogger } from '../logger';

/** Routes kafkajs's own log lines into our logger (the bus sets kafkajs to warn and above). */
export function kafkaLogCreator(logger: BusLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...extra } = log;
      const fields = { ...extra, namespace, component: 'kafkajs' };
      if (level === logLevel.ERROR) logger.error(fields, message);
      else if (level === logLevel.WARN) logger.warn(fields, message);
      else if (level === logLevel.INFO) logger.info(fields, message);
      else logger.debug(fields, message);
    };
}
