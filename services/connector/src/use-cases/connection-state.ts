import type { OutgoingMessage } from '@ledgerbus/bus';
import { createEvent } from '@ledgerbus/contracts';
import type { connectorConnections, syncEvents } from '@ledgerbus/contracts';
import type { EventData } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import type { Knex } from 'knex';
import { SOURCE } from '../context';
import type { ConnectorTopics } from '../context';
import type { ConnectionRow } from '../db/connections.repository';
import { connectionKey } from '../domain/versions';

export type ConnectionState = EventData<typeof connectorConnections, 'connection.state'>;
export type ConnectionFactType = 'connection.connected' | 'connection.reauthorization_required' | 'connection.disconnected';

function iso(d: Date | null | undefined): string | undefined {
  return d === null || d === undefined ? undefined : new Date(d).toISOString();
}

/** The public view of a connection (what HTTP serves and `connector.connections.v1` carries); never a token. */
export function toConnectionState(row: ConnectionRow): ConnectionState {
  const state: ConnectionState = {
    tenantId: row.tenant_id,
    realmId: row.realm_id,
    companyName: row.company_name,
    status: row.status,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
  if (row.division_id !== '') state.divisionId = row.division_id;
  if (row.connected_by !== null) state.connectedBy = row.connected_by;
  const connectedAt = iso(row.connected_at);
  if (connectedAt) state.connectedAt = connectedAt;
  const lastWebhookAt = iso(row.last_webhook_at);
  if (lastWebhookAt) state.lastWebhookAt = lastWebhookAt;
  const watermark = iso(row.cdc_watermark);
  if (watermark) state.cdcWatermark = watermark;
  if (Object.keys(row.last_sync).length > 0) state.lastSyncByEntity = row.last_sync;
  if (row.status_reason !== null && row.status !== 'connected') state.statusReason = row.status_reason;
  return state;
}

export function rowKey(row: ConnectionRow): string {
  return connectionKey(row.tenant_id, row.division_id === '' ? undefined : row.division_id);
}

/** Enqueue the connection's current state on `connector.connections.v1` (compacted) in the caller's transaction. */
export async function publishState(topics: ConnectorTopics, trx: Knex.Transaction, row: ConnectionRow): Promise<void> {
  const message: OutgoingMessage = {
    key: rowKey(row),
    event: createEvent({ type: 'connection.state', source: SOURCE, subject: row.realm_id, tenantid: row.tenant_id, data: toConnectionState(row), time: new Date(row.updated_at) }),
  };
  await outbox.enqueue(trx, topics.connections, [message]);
}

/** Enqueue a connection lifecycle fact on `sync.events.v1` for integrators. */
export async function publishFact(topics: ConnectorTopics, trx: Knex.Transaction, type: ConnectionFactType, row: ConnectionRow, extra: { actor?: string; reason?: string }, at: Date): Promise<void> {
  const data: EventData<typeof syncEvents, 'connection.connected'> = {
    tenantId: row.tenant_id,
    realmId: row.realm_id,
    companyName: row.company_name,
    at: at.toISOString(),
  };
  if (row.division_id !== '') data.divisionId = row.division_id;
  if (extra.actor !== undefined) data.actor = extra.actor;
  if (extra.reason !== undefined) data.reason = extra.reason.slice(0, 1000);
  await outbox.enqueue(trx, topics.events, [
    { key: rowKey(row), event: createEvent({ type, source: SOURCE, subject: row.realm_id, tenantid: row.tenant_id, data, time: at }) },
  ]);
}
