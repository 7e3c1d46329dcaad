/**
 * Connect: the signed connect URL, and the OAuth callback that exchanges the code, reads
 * CompanyInfo and stores the connection (tokens encrypted) with its state and events in
 * one transaction. One company per tenant/division: another company while one is live →
 * 409; the same company → reconnect.
 */
import { ConflictError, ValidationError } from '@ledgerbus/kit';
import type { Principal } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import type { ConnectorContext } from '../context';
import { auditRepository } from '../db/audit.repository';
import type { ConnectionRow } from '../db/connections.repository';
import { connectionsRepository } from '../db/connections.repository';
import { signOAuthState, verifyOAuthState } from '../domain/oauth-state';
import type { OAuthStateClaims } from '../domain/oauth-state';
import type { IntuitTokens } from '../intuit/intuit-oauth';
import { publishFact, publishState } from './connection-state';
import { encryptedTokenColumns } from './tokens';

/** How far back the first CDC poll of a new connection looks (the snapshot covers the rest; duplicates collapse). */
const INITIAL_WATERMARK_LOOKBACK_MS = 60_000;

export function connectUrl(ctx: ConnectorContext, principal: Principal, tenantId: string, divisionId: string | undefined): { url: string; expiresAt: string } {
  const now = ctx.clock();
  const state = signOAuthState(ctx.settings.stateSecret, { tenantId, divisionId, userId: principal.sub }, ctx.settings.stateTtlMs, now);
  return { url: ctx.intuit.authorizeUrl(state), expiresAt: new Date(now.getTime() + ctx.settings.stateTtlMs).toISOString() };
}

export interface CallbackInput {
  /** The callback URL as received (path and query): intuit-oauth reads the code from it. */
  url: string;
  state: string | undefined;
  realmId: string | undefined;
  code: string | undefined;
  error: string | undefined;
}

export interface CallbackResult {
  connection: ConnectionRow;
  reconnected: boolean;
}

async function revokeQuietly(ctx: ConnectorContext, tokens: IntuitTokens): Promise<void> {
  try {
    await ctx.intuit.revoke(tokens.refreshToken);
  } catch (err) {
    ctx.logger.warn({ code: (err as { code?: string }).code }, 'could not revoke tokens of a refused connection');
  }
}

export async function completeCallback(ctx: ConnectorContext, input: CallbackInput): Promise<CallbackResult> {
  if (input.state === undefined) throw new ValidationError('the callback has no state', { fields: [{ in: 'querystring', path: 'state', reason: 'required' }] });
  const claims: OAuthStateClaims = verifyOAuthState(ctx.settings.stateSecret, input.state, ctx.clock());
  if (input.error !== undefined) {
    throw new ValidationError(`Intuit did not authorize the connection: ${input.error}`.slice(0, 300), { reason: input.error });
  }
  if (input.code === undefined || input.realmId === undefined || !/^[0-9]{1,30}$/.test(input.realmId)) {
    throw new ValidationError('the callback needs code and a numeric realmId', {
      fields: [
        { in: 'querystring', path: 'code', reason: 'required' },
        { in: 'querystring', path: 'realmId', reason: 'required, numeric' },
      ],
    });
  }
  const realmId = input.realmId;
  const tokens = await ctx.intuit.exchangeCode(input.url);
  let companyName: string;
  try {
    const info = await ctx.qbo(realmId, async () => tokens.accessToken).companyInfo();
    const name = (info as { CompanyName?: unknown }).CompanyName;
    companyName = (typeof name === 'string' ? name.slice(0, 255) : '') || `QBO company ${realmId}`;
  } catch (err) {
    await revokeQuietly(ctx, tokens);
    throw err;
  }

  try {
    return await ctx.knex.transaction(async (trx: Knex.Transaction) => {
      const now = ctx.clock();
      const existing = await connectionsRepository.byTenant(trx, claims.tenantId, claims.divisionId, { forUpdate: true });
      const live = existing !== undefined && existing.status !== 'disconnected';
      if (live && existing.realm_id !== realmId) {
        throw new ConflictError(
          'different_company_connected',
          `this ${claims.divisionId === undefined ? 'tenant' : 'division'} is connected to "${existing.company_name}" (realm ${existing.realm_id}); disconnect it before connecting another company`,
          { connectedRealmId: existing.realm_id, companyName: existing.company_name },
        );
      }
      const elsewhere = await connectionsRepository.liveByRealm(trx, realmId);
      if (elsewhere !== undefined && elsewhere.id !== existing?.id) {
        throw new ConflictError('realm_connected_elsewhere', `QBO company ${realmId} is already connected to another tenant or division; disconnect it there first`, { realmId });
      }
      const reconnected = live;
      const resumeWatermark = live && existing.cdc_watermark !== null ? existing.cdc_watermark : new Date(now.getTime() - INITIAL_WATERMARK_LOOKBACK_MS);
      const base: Partial<ConnectionRow> = {
        realm_id: realmId,
        company_name: companyName,
        status: 'connected',
        status_reason: null,
        connected_by: claims.userId,
        connected_at: now,
        disconnected_by: null,
        disconnected_at: null,
        cdc_watermark: resumeWatermark,
        cdc_next_at: now,
        // A new connection (or one after a disconnect) gets the snapshot; a reconnect catches up with CDC.
        snapshot_requested_at: live ? existing.snapshot_requested_at : now,
        snapshot_completed_at: live ? existing.snapshot_completed_at : null,
        last_sync: live ? existing.last_sync : {},
      };
      let row: ConnectionRow;
      if (existing === undefined) {
        row = await connectionsRepository.insert(trx, {
          tenant_id: claims.tenantId,
          division_id: claims.divisionId ?? '',
          realm_id: realmId,
          company_name: companyName,
          status: 'connected',
        });
      } else {
        row = existing;
      }
      row = await connectionsRepository.update(trx, row.id, { ...base, ...encryptedTokenColumns(ctx.keys, row.id, tokens, now) }, now);
      await publishState(ctx.topics, trx, row);
      await publishFact(ctx.topics, trx, 'connection.connected', row, { actor: claims.userId }, now);
      await auditRepository.record(trx, {
        tenantId: row.tenant_id,
        divisionId: claims.divisionId,
        realmId,
        actor: claims.userId,
        action: reconnected ? 'connection.reconnected' : 'connection.connected',
        details: { companyName, realmId, previousStatus: existing?.status ?? null },
        at: now,
      });
      return { connection: row, reconnected };
    });
  } catch (err) {
    // Tokens we will not keep are revoked, so no grant is left behind.
    await revokeQuietly(ctx, tokens);
    throw err;
  }
}
