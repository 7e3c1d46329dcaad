/**
 * A record's status: the latest version this door accepted and its newest outcome on
 * `sync.events.v1`. `waiting` until an outcome of the latest accepted version arrives.
 */
import { NotFoundError } from '@ledgerbus/kit';
import type { IngestContext } from '../context';
import { recordsRepository } from '../db/records.repository';
import { syncStatesRepository } from '../db/sync-states.repository';
import type { EntityName } from '../domain/entities';
import { ENTITIES, operationOf } from '../domain/entities';
import type { Outcome, SyncState } from '../domain/outcomes';

export interface RecordStatus {
  tenantId: string;
  entity: EntityName;
  platformId: string;
  divisionId: string | null;
  latestVersion: number | null;
  operation: 'upsert' | 'void' | 'delete' | null;
  acceptedAt: string | null;
  state: SyncState;
  qboId: string | null;
  outcome: {
    type: string;
    state: Exclude<SyncState, 'waiting'>;
    version: number | null;
    qboId: string | null;
    docNumber: string | null;
    action: string | null;
    reason: string | null;
    code: string | null;
    message: string | null;
    retriable: boolean | null;
    runId: string | null;
    at: string;
  } | null;
}

function stateOf(latestVersion: number | null, outcome: Outcome | undefined): SyncState {
  if (outcome === undefined) return 'waiting';
  // An outcome without a version is about the record as it is now.
  if (latestVersion !== null && outcome.version !== null && outcome.version < latestVersion) return 'waiting';
  return outcome.state;
}

export async function recordStatus(ctx: IngestContext, tenantId: string, entity: EntityName, platformId: string): Promise<RecordStatus> {
  const [record, outcome] = await Promise.all([
    recordsRepository.find(ctx.knex, tenantId, entity, platformId),
    syncStatesRepository.find(ctx.knex, tenantId, entity, platformId),
  ]);
  if (record === undefined && outcome === undefined) throw new NotFoundError(`${ENTITIES[entity].singular} ${platformId} not found`, { entity, platformId });
  const latestVersion = record?.acceptedVersion ?? null;
  return {
    tenantId,
    entity,
    platformId,
    divisionId: record?.divisionId ?? outcome?.divisionId ?? null,
    latestVersion,
    operation: record?.acceptedType == null ? null : (operationOf(ENTITIES[entity], record.acceptedType) ?? null),
    acceptedAt: record?.acceptedAt?.toISOString() ?? null,
    state: stateOf(latestVersion, outcome),
    qboId: outcome?.qboId ?? null,
    outcome:
      outcome === undefined
        ? null
        : {
            type: outcome.eventType,
            state: outcome.state,
            version: outcome.version,
            qboId: outcome.qboId,
            docNumber: outcome.docNumber,
            action: outcome.action,
            reason: outcome.reason,
            code: outcome.code,
            message: outcome.message,
            retriable: outcome.retriable,
            runId: outcome.runId,
            at: outcome.at.toISOString(),
          },
  };
}
