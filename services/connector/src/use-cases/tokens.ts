/**
 * Access tokens for a realm. Proactive refresh (before expiry, with skew), single-flight
 * per realm: within a replica one promise per realm, across replicas the connection row
 * is locked (`SELECT … FOR UPDATE`) and the expiry re-checked after the lock is held, so
 * only the first replica calls Intuit; the rotated refresh token is written in that same
 * transaction. `invalid_grant` turns the connection to `reauthorization_required`.
 */
import { LedgerbusError, NotFoundError } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import type { ConnectorContext } from '../context';
import type { ConnectionRow } from '../db/connections.repository';
import { connectionsRepository } from '../db/connections.repository';
import { auditRepository } from '../db/audit.repository';
import { ReauthorizationRequiredError } from '../domain/errors';
import type { TokenKeyRing } from '../domain/token-crypto';
import { needsRefresh } from '../domain/versions';
import type { IntuitTokens } from '../intuit/intuit-oauth';
import { InvalidGrantError } from '../intuit/intuit-oauth';
import { publishFact, publishState } from './connection-state';

export function tokenAad(connectionId: string): string {
  return `ledgerbus.connector.connection:${connectionId}`;
}

/** Column values for freshly issued tokens (ciphertexts only). */
export function encryptedTokenColumns(keys: TokenKeyRing, connectionId: string, tokens: IntuitTokens, now: Date): Partial<ConnectionRow> {
  const aad = tokenAad(connectionId);
  const access = keys.encrypt(tokens.accessToken, aad);
  const refresh = keys.encrypt(tokens.refreshToken, aad);
  return {
    token_key_id: access.keyId,
    access_token_enc: access.ciphertext,
    refresh_token_enc: refresh.ciphertext,
    access_expires_at: new Date(now.getTime() + tokens.expiresIn * 1000),
    refresh_expires_at: tokens.refreshExpiresIn === undefined ? null : new Date(now.getTime() + tokens.refreshExpiresIn * 1000),
    tokens_refreshed_at: now,
  };
}

export function decryptAccess(keys: TokenKeyRing, row: ConnectionRow): string {
  if (row.access_token_enc === null || row.token_key_id === null) throw new NotFoundError(`realm ${row.realm_id} has no access token`);
  return keys.decrypt(row.token_key_id, row.access_token_enc, tokenAad(row.id));
}

export function decryptRefresh(keys: TokenKeyRing, row: ConnectionRow): string | undefined {
  if (row.refresh_token_enc === null || row.token_key_id === null) return undefined;
  return keys.decrypt(row.token_key_id, row.refresh_token_enc, tokenAad(row.id));
}

export interface AccessToken {
  realmId: string;
  accessToken: string;
  expiresAt: Date;
}

export interface TokenService {
  getAccessToken(realmId: string, options?: { forceRefresh?: boolean }): Promise<AccessToken>;
}

/** A forced refresh (after a 401) is skipped when the tokens were refreshed this recently. */
const FORCED_REFRESH_MIN_AGE_MS = 30_000;

export function createTokenService(ctx: Pick<ConnectorContext, 'knex' | 'keys' | 'intuit' | 'clock' | 'logger' | 'settings' | 'topics'>): TokenService {
  const inFlight = new Map<string, Promise<AccessToken>>();

  const live = async (realmId: string): Promise<ConnectionRow> => {
    const row = await connectionsRepository.liveByRealm(ctx.knex, realmId);
    if (row === undefined) throw new NotFoundError(`no connection for realm ${realmId}`, { realmId });
    if (row.status === 'reauthorization_required') throw new ReauthorizationRequiredError(realmId);
    return row;
  };

  const result = (row: ConnectionRow): AccessToken => ({ realmId: row.realm_id, accessToken: decryptAccess(ctx.keys, row), expiresAt: new Date(row.access_expires_at!) });

  const refreshLocked = async (connectionId: string, realmId: string, force: boolean): Promise<AccessToken> => {
    let reauth = false;
    const token = await ctx.knex.transaction(async (trx: Knex.Transaction) => {
      const row = await connectionsRepository.byId(trx, connectionId, { forUpdate: true });
      if (row === undefined || row.status === 'disconnected') throw new NotFoundError(`no connection for realm ${realmId}`, { realmId });
      if (row.status === 'reauthorization_required') throw new ReauthorizationRequiredError(realmId);
      const now = ctx.clock();
      // Another replica (or request) may have refreshed while we waited for the lock.
      const recentlyRefreshed = row.tokens_refreshed_at !== null && now.getTime() - new Date(row.tokens_refreshed_at).getTime() < FORCED_REFRESH_MIN_AGE_MS;
      if (!needsRefresh(row.access_expires_at, now, ctx.settings.refreshSkewMs) && (!force || recentlyRefreshed)) return result(row);
      const refreshToken = decryptRefresh(ctx.keys, row);
      if (refreshToken === undefined) throw new ReauthorizationRequiredError(realmId);
      try {
        const tokens = await ctx.intuit.refresh(refreshToken);
        const updated = await connectionsRepository.update(trx, row.id, encryptedTokenColumns(ctx.keys, row.id, tokens, now), now);
        ctx.logger.info({ realmId, connectionId }, 'access token refreshed');
        return result(updated);
      } catch (err) {
        if (!(err instanceof InvalidGrantError)) throw err;
        const reason = `refresh token rejected by Intuit (invalid_grant)`;
        const updated = await connectionsRepository.update(trx, row.id, { status: 'reauthorization_required', status_reason: reason }, now);
        await publishState(ctx.topics, trx, updated);
        await publishFact(ctx.topics, trx, 'connection.reauthorization_required', updated, { actor: 'system', reason }, now);
        await auditRepository.record(trx, {
          tenantId: updated.tenant_id,
          divisionId: updated.division_id || undefined,
          realmId,
          actor: 'system',
          action: 'connection.reauthorization_required',
          details: { reason },
          at: now,
        });
        ctx.logger.warn({ realmId, connectionId }, 'refresh token rejected: connection needs reauthorization');
        reauth = true;
        return undefined;
      }
    });
    if (reauth || token === undefined) throw new ReauthorizationRequiredError(realmId);
    return token;
  };

  return {
    async getAccessToken(realmId, options = {}) {
      const force = options.forceRefresh ?? false;
      const row = await live(realmId);
      if (!force && !needsRefresh(row.access_expires_at, ctx.clock(), ctx.settings.refreshSkewMs)) return result(row);
      const key = `${realmId}:${force ? 'force' : 'auto'}`;
      let pending = inFlight.get(key);
      if (pending === undefined) {
        pending = refreshLocked(row.id, realmId, force).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}

export function isReauthorization(err: unknown): boolean {
  return err instanceof LedgerbusError && err.code === 'reauthorization_required';
}
