/**
 * Entities named by a webhook that could not be fetched (unsupported type, id not found, bad id):
 * one row each, with the reason, so an admin sees them (GET …/connection/webhook-failures). Ids and
 * reasons only, never an entity body.
 */
import type { Knex } from 'knex';

export type WebhookFailureReason = 'unsupported_entity' | 'invalid_entity' | 'not_found' | 'invalid_id';

export interface WebhookFailure {
  realmId: string;
  tenantId: string;
  divisionId: string;
  entity: string;
  entityId: string;
  operation: string;
  reason: WebhookFailureReason;
  /** The QBO error's code when there was one. */
  errorCode?: string | undefined;
}

export interface WebhookFailureRow {
  id: string;
  realm_id: string;
  tenant_id: string;
  division_id: string;
  entity: string;
  entity_id: string;
  operation: string;
  reason: WebhookFailureReason;
  error_code: string | null;
  at: Date;
}

export const webhookFailuresRepository = {
  async record(trx: Knex | Knex.Transaction, failures: readonly WebhookFailure[], at: Date): Promise<void> {
    if (failures.length === 0) return;
    await trx('webhook_fetch_failures').insert(
      failures.map((f) => ({
        realm_id: f.realmId,
        tenant_id: f.tenantId,
        division_id: f.divisionId,
        entity: f.entity.slice(0, 50),
        entity_id: f.entityId.slice(0, 50),
        operation: f.operation,
        reason: f.reason,
        error_code: f.errorCode ?? null,
        at,
      })),
    );
  },

  async list(db: Knex, tenantId: string, divisionId: string | undefined, limit = 100): Promise<WebhookFailureRow[]> {
    return (await db('webhook_fetch_failures')
      .where({ tenant_id: tenantId, division_id: divisionId ?? '' })
      .orderBy('id', 'desc')
      .limit(limit)) as WebhookFailureRow[];
  },
};
