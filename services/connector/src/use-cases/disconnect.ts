/**
 * Disconnect: revoke at Intuit (best effort, the outcome recorded), destroy the tokens,
 * status `disconnected`, state and event published, audited. Webhooks and CDC for the
 * realm stop being published (both check the status).
 */
import { NotFoundError } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import type { ConnectorContext } from '../context';
import { auditRepository } from '../db/audit.repository';
import type { ConnectionRow } from '../db/connections.repository';
import { connectionsRepository } from '../db/connections.repository';
import { publishFact, publishState } from './connection-state';
import { decryptRefresh } from './tokens';

export async function disconnect(ctx: ConnectorContext, actor: string, tenantId: string, divisionId: string | undefined): Promise<{ connection: ConnectionRow; revoke: string }> {
  return ctx.knex.transaction(async (trx: Knex.Transaction) => {
    const row = await connectionsRepository.byTenant(trx, tenantId, divisionId, { forUpdate: true });
    if (row === undefined) throw new NotFoundError('no QBO connection for this tenant', { tenantId, divisionId });
    if (row.status === 'disconnected') return { connection: row, revoke: 'already_disconnected' };
    let revoke = 'no_token';
    let refreshToken: string | undefined;
    try {
      refreshToken = decryptRefresh(ctx.keys, row);
    } catch {
      revoke = 'token_unreadable';
    }
    if (refreshToken !== undefined) {
      try {
        await ctx.intuit.revoke(refreshToken);
        revoke = 'revoked';
      } catch (err) {
        revoke = `failed: ${(err as { code?: string }).code ?? 'error'}`;
        ctx.logger.warn({ realmId: row.realm_id, code: (err as { code?: string }).code }, 'revoke at Intuit failed; tokens destroyed anyway');
      }
    }
    const now = ctx.clock();
    const updated = await connectionsRepository.update(
      trx,
      row.id,
      {
        status: 'disconnected',
        status_reason: `disconnected by ${actor}`,
        disconnected_by: actor,
        disconnected_at: now,
        token_key_id: null,
        access_token_enc: null,
        refresh_token_enc: null,
        access_expires_at: null,
        refresh_expires_at: null,
        snapshot_requested_at: null,
        cdc_next_at: null,
      },
      now,
    );
    await publishState(ctx.topics, trx, updated);
    await publishFact(ctx.topics, trx, 'connection.disconnected', updated, { actor, reason: `revoke: ${revoke}` }, now);
    await auditRepository.record(trx, {
      tenantId,
      divisionId,
      realmId: row.realm_id,
      actor,
      action: 'connection.disconnected',
      details: { revoke, previousStatus: row.status },
      at: now,
    });
    return { connection: updated, revoke };
  });
}
