import type { Knex } from 'knex';

export type DisabledReason = 'consecutive_failures' | 'manual';

/** An endpoint as the API shows it (never its secret). */
export interface Endpoint {
  id: string;
  tenantId: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: DisabledReason | null;
  disabledAt: Date | null;
  consecutiveFailures: number;
  failingSince: Date | null;
  secretRotatedAt: Date | null;
  previousSecretExpiresAt: Date | null;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The encrypted secrets of an endpoint (decrypted only to sign). */
export interface EncryptedSecrets {
  secretKeyId: string;
  secretCiphertext: string;
  previousSecretKeyId: string | null;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: Date | null;
}

export interface EndpointRow {
  id: string;
  tenant_id: string;
  url: string;
  description: string | null;
  event_types: string[];
  enabled: boolean;
  disabled_reason: DisabledReason | null;
  disabled_at: Date | null;
  secret_key_id: string;
  secret_ciphertext: string;
  previous_secret_key_id: string | null;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Date | null;
  secret_rotated_at: Date | null;
  consecutive_failures: number;
  failing_since: Date | null;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
}

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

export function endpointOf(r: EndpointRow): Endpoint {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    url: r.url,
    description: r.description,
    eventTypes: r.event_types,
    enabled: r.enabled,
    disabledReason: r.disabled_reason,
    disabledAt: date(r.disabled_at),
    consecutiveFailures: r.consecutive_failures,
    failingSince: date(r.failing_since),
    secretRotatedAt: date(r.secret_rotated_at),
    previousSecretExpiresAt: date(r.previous_secret_expires_at),
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

export function secretsOf(r: Pick<EndpointRow, 'secret_key_id' | 'secret_ciphertext' | 'previous_secret_key_id' | 'previous_secret_ciphertext' | 'previous_secret_expires_at'>): EncryptedSecrets {
  return {
    secretKeyId: r.secret_key_id,
    secretCiphertext: r.secret_ciphertext,
    previousSecretKeyId: r.previous_secret_key_id,
    previousSecretCiphertext: r.previous_secret_ciphertext,
    previousSecretExpiresAt: date(r.previous_secret_expires_at),
  };
}

export interface NewEndpoint {
  id: string;
  tenantId: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  secret: { keyId: string; ciphertext: string };
  actor: string;
}

export interface EndpointPatch {
  url?: string;
  description?: string | null;
  eventTypes?: string[];
  enabled?: boolean;
}

/** The endpoints a batch of events may go to: every endpoint of those tenants, enabled or not. */
export interface RoutingEndpoint {
  id: string;
  tenantId: string;
  eventTypes: string[];
  enabled: boolean;
}

export const endpointsRepository = {
  async create(db: Knex, e: NewEndpoint): Promise<Endpoint> {
    const [row] = (await db('webhook_endpoints')
      .insert({
        id: e.id,
        tenant_id: e.tenantId,
        url: e.url,
        description: e.description,
        event_types: JSON.stringify(e.eventTypes),
        enabled: e.enabled,
        disabled_reason: e.enabled ? null : 'manual',
        disabled_at: e.enabled ? null : db.fn.now(),
        secret_key_id: e.secret.keyId,
        secret_ciphertext: e.secret.ciphertext,
        created_by: e.actor,
        updated_by: e.actor,
      })
      .returning('*')) as EndpointRow[];
    return endpointOf(row as EndpointRow);
  },

  async count(db: Knex, tenantId: string): Promise<number> {
    const row = (await db('webhook_endpoints').where({ tenant_id: tenantId }).count<Array<{ count: string }>>('* as count').first()) as { count: string | number } | undefined;
    return Number(row?.count ?? 0);
  },

  async list(db: Knex, tenantId: string): Promise<Endpoint[]> {
    const rows = (await db('webhook_endpoints').where({ tenant_id: tenantId }).orderBy([{ column: 'created_at' }, { column: 'id' }])) as EndpointRow[];
    return rows.map(endpointOf);
  },

  async row(db: Knex, tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<EndpointRow | undefined> {
    const q = db('webhook_endpoints').where({ tenant_id: tenantId, id });
    if (options.forUpdate) void q.forUpdate();
    return (await q.first()) as EndpointRow | undefined;
  },

  async update(db: Knex, tenantId: string, id: string, patch: EndpointPatch, actor: string): Promise<Endpoint | undefined> {
    const set: Record<string, unknown> = { updated_by: actor, updated_at: db.fn.now() };
    if (patch.url !== undefined) set.url = patch.url;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.eventTypes !== undefined) set.event_types = JSON.stringify(patch.eventTypes);
    if (patch.enabled === true) {
      // Enabled again: a fresh start, the failure run is forgotten.
      Object.assign(set, { enabled: true, disabled_reason: null, disabled_at: null, consecutive_failures: 0, failing_since: null, last_failure_status_code: null, last_failure_error: null });
    } else if (patch.enabled === false) {
      Object.assign(set, { enabled: false, disabled_reason: 'manual', disabled_at: db.fn.now() });
    }
    const [row] = (await db('webhook_endpoints').where({ tenant_id: tenantId, id }).update(set).returning('*')) as EndpointRow[];
    return row === undefined ? undefined : endpointOf(row);
  },

  async delete(db: Knex, tenantId: string, id: string): Promise<boolean> {
    return (await db('webhook_endpoints').where({ tenant_id: tenantId, id }).delete()) > 0;
  },

  /** The new secret signs from now on; the previous one also signs until `previousExpiresAt`. */
  async rotateSecret(db: Knex, row: EndpointRow, secret: { keyId: string; ciphertext: string }, previous: { keyId: string; ciphertext: string }, previousExpiresAt: Date, actor: string): Promise<Endpoint> {
    const [updated] = (await db('webhook_endpoints')
      .where({ id: row.id })
      .update({
        secret_key_id: secret.keyId,
        secret_ciphertext: secret.ciphertext,
        previous_secret_key_id: previous.keyId,
        previous_secret_ciphertext: previous.ciphertext,
        previous_secret_expires_at: previousExpiresAt,
        secret_rotated_at: db.fn.now(),
        updated_by: actor,
        updated_at: db.fn.now(),
      })
      .returning('*')) as EndpointRow[];
    return endpointOf(updated as EndpointRow);
  },

  /** The endpoints of these tenants and the platform's (tenant `platformOwner`), which take every tenant's events. */
  async routing(db: Knex, tenantIds: readonly string[], platformOwner: string): Promise<RoutingEndpoint[]> {
    if (tenantIds.length === 0) return [];
    const rows = await db('webhook_endpoints').whereIn('tenant_id', [...new Set([...tenantIds, platformOwner])]).select<Array<Pick<EndpointRow, 'id' | 'tenant_id' | 'event_types' | 'enabled'>>>('id', 'tenant_id', 'event_types', 'enabled');
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, eventTypes: r.event_types, enabled: r.enabled }));
  },
};
