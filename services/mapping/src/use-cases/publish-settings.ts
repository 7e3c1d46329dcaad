import type { Knex } from 'knex';
import { createEvent, mappingSettings, syncEvents } from '@ledgerbus/contracts';
import type { EffectiveSettings, SettingsProblem } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import { EVENT_SOURCE } from '../context';
import type { SettingsScope, StoredSettings } from '../db/settings.repository';

export function scopeKey(scope: SettingsScope): string {
  return scope.divisionId === undefined ? scope.tenantId : `${scope.tenantId}/${scope.divisionId}`;
}

export function effectiveSettings(stored: StoredSettings, realmId: string | undefined): EffectiveSettings {
  return {
    settings: stored.settings,
    mappings: stored.mappings,
    ...(realmId === undefined ? {} : { realmId }),
    problems: stored.problems,
  };
}

/** The complete effective settings as one compacted record, in the caller's transaction. */
export async function publishSettingsState(trx: Knex.Transaction, stored: StoredSettings, realmId: string | undefined, now: Date): Promise<void> {
  const key = scopeKey(stored);
  await outbox.enqueue(trx, mappingSettings, [
    {
      key,
      event: createEvent({
        type: 'settings.state',
        source: EVENT_SOURCE,
        subject: key,
        tenantid: stored.tenantId,
        time: now,
        data: {
          tenantId: stored.tenantId,
          ...(stored.divisionId === undefined ? {} : { divisionId: stored.divisionId }),
          version: stored.version,
          settings: effectiveSettings(stored, realmId),
          updatedAt: now.toISOString(),
        },
      }),
    },
  ]);
}

export async function publishSettingsInvalidated(
  trx: Knex.Transaction,
  stored: StoredSettings,
  realmId: string,
  problems: SettingsProblem[],
  now: Date,
): Promise<void> {
  const key = scopeKey(stored);
  await outbox.enqueue(trx, syncEvents, [
    {
      key,
      event: createEvent({
        type: 'settings.invalidated',
        source: EVENT_SOURCE,
        subject: key,
        tenantid: stored.tenantId,
        time: now,
        data: {
          tenantId: stored.tenantId,
          ...(stored.divisionId === undefined ? {} : { divisionId: stored.divisionId }),
          realmId,
          version: stored.version,
          problems,
          at: now.toISOString(),
        },
      }),
    },
  ]);
}
