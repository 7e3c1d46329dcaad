import type { Knex } from 'knex';
import type { Logger } from '@ledgerbus/kit';

/** What the use cases need: the service's database (its schema is the search_path) and a clock. */
export interface MappingContext {
  knex: Knex;
  clock: () => Date;
  logger: Logger;
}

/** CloudEvents `source` of everything this service publishes. */
export const EVENT_SOURCE = 'ledgerbus/mapping';
