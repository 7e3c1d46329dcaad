/**
 * Connect: the signed connect URL, and the OAuth callback that exchanges the code, reads
 * CompanyInfo and stores the connection (tokens encrypted) with its state and events in
 * one transaction. One company per tenant/division: another company while one is live →
 * 409; the same company → reconnect.
 *
 * The state is stored with the hash of a nonce that only the admin's browser holds (an
 * HttpOnly cookie set with the connect URL); the callback consumes it atomically BEFORE the
 * code is sent to Intuit: a state works once, within its lifetime, from that browser only, so
 * another tenant's code cannot be planted with it and a replayed callback (a refresh) never
 * reuses a code (which would make Intuit revoke the grant just issued).
 */
import { ConflictError, ValidationError } from '@ledgerbus/kit';
import type { Principal } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import type { ConnectorContext } from '../context';
import { auditRepository } from '../db/audit.repository';
import type { ConnectionRow } from '../db/connections.repository';
import { connectionsRepository } from '../db/connections.repository';
import { oauthStatesRepository } from '../db/oauth-states.repository';
import { RealmMismatchError } from '../domain/errors';
import { hashBrowserNonce, newBrowserNonce, readCookie, signOAuthState, stateCookie, stateCookieName, verifyOAuthState } from '../domain/oauth-state';
import type { VerifiedOAuthState } from '../domain/oauth-state';
import type { IntuitTokens } from '../intuit/intuit-oauth';
import { publishFact, publishState } from './connection-state';
import { encryptedTokenColumns } from './tokens';

/** How far back the first CDC poll of a new connection looks (the snapshot covers the rest; duplicates collapse). */
const INITIAL_WATERMARK_LOOKBACK_MS = 60_000;

export interface ConnectUrl {
  url: string;
  expiresAt: string;
  /** `Set-Cookie` value binding the flow to the browser that asked (HttpOnly, SameSite=Lax, the callback's path). */
  cookie: string;
}

/** A new flow: its state (stored with the browser nonce's hash and the picked realm) and Intuit's authorize URL. */
export async function connectUrl(
  ctx: ConnectorContext,
  principal: Principal,
  tenantId: string,
  divisionId: string | undefined,
  pickedRealmId?: string,
): Promise<ConnectUrl> {
  const now = ctx.clock();
  const ttl = ctx.settings.stateTtlMs;
  const { state, stateId } = signOAuthState(ctx.settings.stateSecret, { tenantId, divisionId, userId: principal.sub }, ttl, now);
  const { nonce, hash } = newBrowserNonce();
  const expiresAt = new Date(now.getTime() + ttl);
  await oauthStatesRepository.insert(ctx.knex, {
    id: stateId,
    tenant_id: tenantId,
    division_id: divisionId ?? '',
    user_id: principal.sub,
    realm_id: pickedRealmId ?? null,
    nonce_hash: hash,
    created_at: now,
    expires_at: expiresAt,
  });
  return { url: ctx.intuit.authorizeUrl(state), expiresAt: expiresAt.toISOString(), cookie: stateCookie(stateId, nonce, ttl, ctx.settings.stateCookie) };
}

export interface CallbackInput {
  /** The callback URL as received (path and query): intuit-oauth reads the code from it. */
  url: string;
  state: string | undefined;
  realmId: string | undefined;
  code: string | undefined;
  error: string | undefined;
  /** The request's `Cookie` header (the browser binding). */
  cookieHeader: string | undefined;
}

export interface CallbackResult {
  connection: ConnectionRow;
  reconnected: boolean;
  /** `Set-Cookie` value that clears the flow's cookie. */
  clearCookie: string;
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
  const claims: VerifiedOAuthState = verifyOAuthState(ctx.settings.stateSecret, input.state, ctx.clock());
  // Single use, unexpired, this browser: consumed before anything else happens (and before the code is exchanged).
  const nonce = readCookie(input.cookieHeader, stateCookieName(claims.stateId));
  const stored = await oauthStatesRepository.consume(ctx.knex, claims.stateId, nonce === undefined || nonce === '' ? undefined : hashBrowserNonce(nonce), ctx.clock());
  const clearCookie = stateCookie(claims.stateId, '', 0, ctx.settings.stateCookie);
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
  if (stored.realm_id !== null && stored.realm_id !== realmId) throw new RealmMismatchError(stored.realm_id, realmId);
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
      return { connection: row, reconnected, clearCookie };
    });
  } catch (err) {
    // Tokens we will not keep are revoked, so no grant is left behind.
    await revokeQuietly(ctx, tokens);
    throw err;
  }
}
