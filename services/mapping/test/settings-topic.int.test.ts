/**
 * `mapping.settings.v1` on a real Kafka broker and real PostgreSQL: every change publishes
 * the complete effective settings (not a diff) with the version the admin saw, and a
 * consumer that starts over (a new group from the beginning, as a push worker after a
 * restart) rebuilds the same view as the service's GET.
 */
import type { IncomingMessage } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import { mappingSettings } from '@ledgerbus/contracts';
import { uniqueName, waitFor } from '@ledgerbus/testing';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import type { KafkaHarness } from './kafka-harness';
import { startKafkaHarness } from './kafka-harness';

interface Scope {
  tenant: string;
  division?: string;
}
interface SettingsDocument {
  tenantId: string;
  divisionId?: string;
  version: number;
  settings: Record<string, unknown>;
  mappings: Record<string, unknown>;
  problems: unknown[];
}
interface SettingsRecord {
  key: string;
  partition: number;
  offset: string;
  data: { tenantId: string; divisionId?: string; version: number; settings: { settings: unknown; mappings: unknown; realmId?: string; problems: unknown[] }; updatedAt: string };
}

const run = uniqueName('st').replace(/_/g, '-');
const A: Scope = { tenant: `${run}-a` };
const A_EAST: Scope = { tenant: `${run}-a`, division: 'east' };
const B: Scope = { tenant: `${run}-b` };
const SCOPES = [A, A_EAST, B];
const keyOf = (s: Scope): string => (s.division === undefined ? s.tenant : `${s.tenant}/${s.division}`);
const MINE = new Set(SCOPES.map(keyOf));

let h: KafkaHarness;

beforeAll(async () => {
  h = await startKafkaHarness();
});
afterAll(async () => {
  await h.close();
});

function url(scope: Scope, path: 'settings' | 'mappings'): string {
  return `/v1/tenants/${scope.tenant}/${path}${scope.division === undefined ? '' : `?division=${scope.division}`}`;
}

async function getDocument(scope: Scope): Promise<{ etag: string; doc: SettingsDocument }> {
  const res = await h.service.http.inject({ method: 'GET', url: url(scope, 'settings'), headers: { authorization: `Bearer ${await h.token(scope.tenant, 'viewer')}` } });
  expect(res.statusCode).toBe(200);
  return { etag: String(res.headers.etag), doc: res.json<SettingsDocument>() };
}

/** One admin change through the HTTP API; returns the full document the admin then sees. */
async function change(scope: Scope, path: 'settings' | 'mappings', body: object): Promise<SettingsDocument> {
  const { etag } = await getDocument(scope);
  const res = await h.service.http.inject({
    method: 'PUT',
    url: url(scope, path),
    headers: { authorization: `Bearer ${await h.token(scope.tenant, 'admin')}`, 'if-match': etag },
    payload: body,
  });
  expect(res.statusCode).toBe(200);
  return (await getDocument(scope)).doc;
}

/**
 * A worker's view of the topic: a consumer in a new group from the beginning, on its own
 * Kafka client (a process that just started), keeping the latest record per key.
 */
async function startWorker() {
  const bus = createKafkaBus({ brokers: h.brokers, clientId: 'mapping-it-worker', logger: h.logger });
  const records: SettingsRecord[] = [];
  const consumed = new Map<number, bigint>();
  const subscription = await bus.subscribe({
    groupId: uniqueName('settings-worker'),
    topics: [mappingSettings],
    fromBeginning: true,
    handler: async (message: IncomingMessage<CloudEvent>) => {
      consumed.set(message.partition, BigInt(message.offset));
      if (MINE.has(message.key)) {
        records.push({ key: message.key, partition: message.partition, offset: message.offset, data: message.event.data as SettingsRecord['data'] });
      }
    },
  });
  const view = (): Map<string, SettingsRecord['data']> => new Map(records.map((r) => [r.key, r.data]));
  /** Waits until every partition was read up to its current end. */
  const caughtUp = async (): Promise<void> => {
    const admin = new Kafka({ clientId: 'mapping-it-admin', brokers: h.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(mappingSettings.name);
    await admin.disconnect();
    await waitFor(() => ends.every((p) => BigInt(p.high) === BigInt(p.low) || (consumed.get(p.partition) ?? -1n) >= BigInt(p.high) - 1n), {
      timeoutMs: 30_000,
      description: `the worker read ${mappingSettings.name} to its end`,
    });
  };
  return {
    records,
    view,
    caughtUp,
    async stop() {
      await subscription.stop();
      await bus.close();
    },
  };
}

describe('mapping.settings.v1 on Kafka', () => {
  const seen: SettingsDocument[] = [];

  it('exists as a compacted topic once the service started, before any worker subscribed', async () => {
    const admin = new Kafka({ clientId: 'mapping-it-admin', brokers: h.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: mappingSettings.name, configNames: ['cleanup.policy'] }] });
      expect(described.resources[0]?.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue).toBe('compact');
    } finally {
      await admin.disconnect();
    }
  });

  it('publishes the complete settings, not a diff, with the latest version after each change', async () => {
    seen.push(await change(A, 'settings', { entities: { customers: 'both' } }));
    seen.push(await change(B, 'settings', { entities: { employees: 'both' } }));
    seen.push(await change(A, 'mappings', { productTypes: { labor: { itemType: 'Service' } }, defaults: { platformProductId: 'misc', billProfileId: 'net-30' } }));
    seen.push(await change(A_EAST, 'settings', { filters: { marketSegment: 'Commercial' } }));
    // Only one field in this body: the record must still carry everything else (the mappings above included).
    seen.push(await change(A, 'settings', { conflictRule: 'qbo_wins' }));
    seen.push(await change(B, 'settings', { entities: { employees: 'both' }, documentPrefixes: { invoices: { prefix: 'B-' } } }));

    const worker = await startWorker();
    try {
      // Every change arrived: one record per (scope, version) the admins saw.
      await waitFor(() => seen.every((d) => worker.records.some((r) => r.key === keyOf({ tenant: d.tenantId, ...(d.divisionId === undefined ? {} : { division: d.divisionId }) }) && r.data.version === d.version)), {
        timeoutMs: 30_000,
        description: 'a record for every change',
      });
      for (const doc of seen) {
        const key = keyOf({ tenant: doc.tenantId, ...(doc.divisionId === undefined ? {} : { division: doc.divisionId }) });
        const record = worker.records.find((r) => r.key === key && r.data.version === doc.version);
        // The raw record, not a parse with defaults: it holds every field of the document as the admin saw it.
        expect(record?.data).toEqual({
          tenantId: doc.tenantId,
          ...(doc.divisionId === undefined ? {} : { divisionId: doc.divisionId }),
          version: doc.version,
          settings: { settings: doc.settings, mappings: doc.mappings, problems: [] },
          updatedAt: expect.any(String),
        });
      }
      const latestOfA = worker.records.find((r) => r.key === A.tenant && r.data.version === seen[4]!.version);
      expect(latestOfA?.data.settings.mappings).toMatchObject({ productTypes: { labor: { itemType: 'Service', itemId: null } }, defaults: { billProfileId: 'net-30' } });
      expect(latestOfA?.data.settings.settings).toMatchObject({ conflictRule: 'qbo_wins', entities: { customers: 'to_qbo', items: 'to_qbo', employees: 'off' } });

      // Per key, the records come in version order, and the last one is the current version.
      for (const scope of SCOPES) {
        const versions = worker.records.filter((r) => r.key === keyOf(scope)).map((r) => r.data.version);
        expect(versions).toEqual([...versions].sort((x, y) => x - y));
        expect(versions[versions.length - 1]).toBe((await getDocument(scope)).doc.version);
      }
      // One key keeps one tenant (or division) on one partition.
      for (const scope of SCOPES) expect(new Set(worker.records.filter((r) => r.key === keyOf(scope)).map((r) => r.partition)).size).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  it('rebuilds the same per-tenant view as GET in a consumer that starts over after a restart', async () => {
    // A worker runs, then goes away; changes happen while it is down.
    const first = await startWorker();
    await first.caughtUp();
    await first.stop();
    await change(B, 'mappings', { productTypes: { parts: { itemType: 'Inventory' } } });
    await change(A_EAST, 'settings', { entities: { employees: 'from_qbo' }, customerRules: { useDefaultState: true, defaultState: 'TX', defaultCountry: 'US' } });
    await change(A, 'settings', { conflictRule: 'platform_wins', filters: { syncDataAfter: '2025-01-01' } });

    // Wait until the service's outbox is empty (everything is on the topic), then start over.
    await waitFor(async () => Number((await h.db.knex('outbox').count<Array<{ count: string }>>('* as count'))[0]?.count ?? 1) === 0, { description: 'the outbox drained' });
    const restarted = await startWorker();
    try {
      await restarted.caughtUp();
      const view = restarted.view();
      expect([...view.keys()].sort()).toEqual([...MINE].sort());
      for (const scope of SCOPES) {
        const { doc } = await getDocument(scope);
        expect(view.get(keyOf(scope))).toEqual({
          tenantId: doc.tenantId,
          ...(doc.divisionId === undefined ? {} : { divisionId: doc.divisionId }),
          version: doc.version,
          settings: { settings: doc.settings, mappings: doc.mappings, problems: doc.problems },
          updatedAt: expect.any(String),
        });
      }
      expect(view.get(keyOf(A_EAST))?.settings.settings).toMatchObject({ entities: { employees: 'from_qbo' }, customerRules: { defaultState: 'TX' } });
    } finally {
      await restarted.stop();
    }
  });
});
