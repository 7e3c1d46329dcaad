/**
 * OAuth states issued by the connect URL: one row per flow, consumed at most once by the
 * callback, in one statement, before the authorization code is exchanged.
 */
import type { Knex } from 'knex';
import { InvalidOAuthStateError } from '../domain/errors';

export interface OAuthStateRow {
  id: string;
  tenant_id: string;
  division_id: string;
  user_id: string;
  /** The company the admin picked when starting the flow, if any. */
  realm_id: string | null;
  /** SHA-256 (hex) of the nonce in the admin's browser cookie; the nonce itself is never stored. */
  nonce_hash: string;
  created_at: Date;
  expires_at: Date;
  consumed_at: Date | null;
}

/** Consumed and expired states are kept this long (a replay then says "used", not "unknown"). */
const KEEP_MS = 24 * 60 * 60_000;

export const oauthStatesRepository = {
  async insert(db: Knex, row: Omit<OAuthStateRow, 'consumed_at'>): Promise<void> {
    await db('oauth_states').insert(row);
    await db('oauth_states')
      .where('expires_at', '<', new Date(row.created_at.getTime() - KEEP_MS))
      .delete();
  },

  /**
   * Marks the state used when it is unused, unexpired and the browser's nonce hash matches;
   * otherwise throws `InvalidOAuthStateError` with the reason, leaving the row as it was
   * (another browser's request does not burn the admin's state).
   */
  async consume(db: Knex, id: string, nonceHash: string | undefined, now: Date): Promise<OAuthStateRow> {
    if (nonceHash !== undefined) {
      const [row] = (await db('oauth_states')
        .update({ consumed_at: now })
        .where({ id, nonce_hash: nonceHash })
        .whereNull('consumed_at')
        .where('expires_at', '>', now)
        .returning('*')) as OAuthStateRow[];
      if (row !== undefined) return row;
    }
    const existing = (await db('oauth_states').where({ id }).first()) as OAuthStateRow | undefined;
    if (existing === undefined) throw new InvalidOAuthStateError('unknown');
    if (existing.consumed_at !== null) throw new InvalidOAuthStateError('used');
    if (new Date(existing.expires_at).getTime() <= now.getTime()) throw new InvalidOAuthStateError('expired');
    throw new InvalidOAuthStateError('browser_mismatch');
  },
};
