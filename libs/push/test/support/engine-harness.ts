/**
 * The push engine on real PostgreSQL (a fresh schema per test) and the in-memory bus (the
 * real adapter that shares the Kafka adapter's contract suite), driven by a scripted
 * pusher: a test double of our own `Pusher` port that answers the outcomes the test
 * chooses and records the jobs it was handed. Nothing here talks to QBO.
 */
import type { MemoryBroker } from '@ledgerbus/bus';
import { createMemoryBus } from '@ledgerbus/bus';
import type { CloudEvent, TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, dlqTopicName, effectiveSettingsSchema, mappingSettings, platformInvoices, syncEvents, syncLinks } from '@ledgerbus/contracts';
import { createDatabase } from '@ledgerbus/db';
import { createMemoryRateLimiter, createQboClient } from '@ledgerbus/qbo';
import type { QboClient } from '@ledgerbus/qbo';
import type { ReadMessage } from '@ledgerbus/testing';
import type { Knex } from 'knex';
import { databaseUrlFromEnv, readMemoryTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import type { PushContext, PushEngine, PushEngineOptions, PushJob, PushOp, PushOutcome, Pusher } from '../../src';
import { createPushEngine } from '../../src';

export const SERVICE = 'push-engine-test';

/** What the pusher answers for one job; `undefined` means it gives no outcome for it. */
export type Script = (job: PushJob, ctx: PushContext) => PushOutcome | undefined | Promise<PushOutcome | undefined>;

export interface ScriptedPusher extends Pusher {
  /** Every `push` call in order: the realm it was for and the jobs it was handed. */
  readonly calls: Array<{ realmId: string; jobs: PushJob[] }>;
  /** The jobs of one record, in the order the pusher was handed them. */
  seen(recordId: string): PushJob[];
}

export function scriptedPusher(script: Script): ScriptedPusher {
  const calls: ScriptedPusher['calls'] = [];
  return {
    entity: 'invoice',
    calls,
    enabled: (settings) => settings.settings.invoices.enabled,
    async push(ctx, jobs) {
      calls.push({ realmId: ctx.realmId, jobs });
      const outcomes = new Map<string, PushOutcome>();
      for (const job of jobs) {
        const outcome = await script(job, ctx);
        if (outcome) outcomes.set(job.recordId, outcome);
      }
      return outcomes;
    },
    seen: (recordId) => calls.flatMap((c) => c.jobs.filter((j) => j.recordId === recordId)),
  };
}

/** A promise the test resolves: holds a push in flight until the test has done its part. */
export interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

/** One `push_jobs` row as a test checks it. */
export interface JobState {
  recordId: string;
  op: PushOp;
  version: number;
  status: string;
  attempts: number;
  inDoubt: boolean;
  lastCode: string | null;
  lastMessage: string | null;
  realmId: string | null;
  qboId: string | null;
  syncToken: string | null;
  docNumber: string | null;
  qboState: string | null;
  pushedVersion: number | null;
  pushedOp: string | null;
  /** `not_before` is in the future: the job backs off or waits. */
  deferred: boolean;
  waitingSince: Date;
  /** The sync run that last queued the job. */
  runId: string | null;
}

export interface PublishedRecord {
  id: string;
  version?: number;
  /** Default upsert (`invoice.upserted`). */
  op?: PushOp;
  /** Overrides of the upsert's invoice fields. */
  fields?: Record<string, unknown>;
}

export type Tuning = Partial<Pick<PushEngineOptions, 'concurrency' | 'batchSize' | 'maxWaitMs' | 'maxAttempts' | 'backoff'>>;

export interface Harness {
  readonly engine: PushEngine;
  readonly pusher: ScriptedPusher;
  readonly tenantId: string;
  readonly realmId: string;
  readonly topics: { invoices: TopicDefinition; settings: TopicDefinition; links: TopicDefinition; events: TopicDefinition };
  /** The engine's schema (push_jobs, push_leases …). */
  readonly knex: Knex;
  /** Publish platform invoice events (one message each, keyed by the tenant); returns them. */
  publish(records: PublishedRecord[]): Promise<CloudEvent[]>;
  /** Publish a command or fact onto the events topic (as mapping would). */
  publishEvent(type: string, data: Record<string, unknown>): Promise<void>;
  states(): Promise<Map<string, JobState>>;
  state(recordId: string): Promise<JobState>;
  /** Resolves once the outbox is empty: every outcome event written so far is on its topic. */
  settled(): Promise<void>;
  /** The engine's outcome events on the events topic (not the ones the test published, nor `settings.applied`), in order. */
  events(): Promise<CloudEvent[]>;
  /** Publish a `link.created` onto the links topic (as customer-sync or another push service would). */
  publishLink(data: Record<string, unknown>): Promise<void>;
  /** The engine's `settings.applied` events, in order. */
  settingsApplied(): Promise<CloudEvent[]>;
  /** Publish settings for the tenant (as mapping would): `settings` merged over the defaults. */
  publishSettings(version: number, settings: { realmId?: string | null; invoicesEnabled?: boolean; integrationEnabled?: boolean }): Promise<void>;
  links(): Promise<CloudEvent[]>;
  /** The messages on the source topic's DLQ; with `count`, once there are that many (30 s at most). */
  deadLetters(count?: number): Promise<ReadMessage[]>;
  /** A gate that `stop()` opens too, so a failed test never leaves a round hanging. */
  gate(): Gate;
  stop(): Promise<void>;
}

function freshTopic(topic: TopicDefinition, short: string): TopicDefinition {
  return { ...topic, name: `${uniqueName(`test.push-engine.${short}`)}.v1` };
}

/** A client for the realm that is never called (the scripted pusher does not touch QBO); its token provider refuses. */
function unusedQboClient(realmId: string): QboClient {
  return createQboClient({
    baseUrl: 'http://127.0.0.1:9',
    realmId,
    limiter: createMemoryRateLimiter(),
    tokenProvider: () => Promise.reject(new Error('the scripted pusher does not call QBO')),
  });
}

export function invoiceData(tenantId: string, id: string, version: number, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tenantId,
    invoiceId: id,
    number: `N-${id}`,
    customerId: 'c1',
    txnDate: '2024-03-01',
    lines: [{ productId: 'p1', quantity: '1', unitPrice: '10.00' }],
    version,
    ...fields,
  };
}

/** Start an engine around `script` for one tenant whose settings (invoices on, connected to a realm) are already stored. */
export async function startHarness(script: Script, tuning: Tuning = {}): Promise<Harness> {
  const schema = uniqueName('push_engine');
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 6 } });
  const bus = createMemoryBus();
  const broker: MemoryBroker = bus.broker;
  const topics = { invoices: freshTopic(platformInvoices, 'inv'), settings: freshTopic(mappingSettings, 'set'), links: freshTopic(syncLinks, 'links'), events: freshTopic(syncEvents, 'events') };
  const tenantId = uniqueName('tenant');
  const realmId = '9130357766';
  const pusher = scriptedPusher(script);
  const gates: Gate[] = [];
  const engine = createPushEngine({
    service: SERVICE,
    db,
    bus,
    pusher,
    sourceTopic: topics.invoices,
    recordIdField: 'invoiceId',
    qboClientFor: unusedQboClient,
    topics: { settings: topics.settings, links: topics.links, events: topics.events },
    groupPrefix: uniqueName('g'),
    pollMs: 20,
    outboxPollMs: 20,
    concurrency: 2,
    // Long back-offs by default: a job left pending by a round stays as that round left it.
    backoff: { baseMs: 60_000, maxMs: 60_000 },
    maxWaitMs: 600_000,
    ...tuning,
  });
  await engine.migrate();
  await engine.start();

  const settings = effectiveSettingsSchema.parse({ settings: { invoices: { enabled: true } }, mappings: {}, realmId });
  await bus.publish(topics.settings, [
    { key: tenantId, event: createEvent({ type: 'settings.state', source: 'test/mapping', data: { tenantId, version: 1, settings, updatedAt: new Date().toISOString() } }) },
  ]);
  await waitFor(() => engine.readModel.settings(tenantId), { description: 'the settings in the read model' });

  const read = async (topic: string): Promise<CloudEvent[]> =>
    (await readMemoryTopic(broker, topic)).flatMap((m) => (m.event && m.event.source === `ledgerbus/${SERVICE}` ? [m.event] : []));

  const states = async (): Promise<Map<string, JobState>> => {
    const rows = await db.knex.raw<{ rows: Array<Record<string, unknown>> }>(
      `select record_id, op, version::int as version, status, attempts, in_doubt, last_code, last_message, realm_id, qbo_id,
              qbo_sync_token, qbo_doc_number, qbo_state, pushed_version::int as pushed_version, pushed_op,
              not_before > now() as deferred, waiting_since, run_id
       from push_jobs where tenant_id = ?`,
      [tenantId],
    );
    return new Map(
      rows.rows.map((r) => [
        r.record_id as string,
        {
          recordId: r.record_id,
          op: r.op,
          version: r.version,
          status: r.status,
          attempts: r.attempts,
          inDoubt: r.in_doubt,
          lastCode: r.last_code,
          lastMessage: r.last_message,
          realmId: r.realm_id,
          qboId: r.qbo_id,
          syncToken: r.qbo_sync_token,
          docNumber: r.qbo_doc_number,
          qboState: r.qbo_state,
          pushedVersion: r.pushed_version,
          pushedOp: r.pushed_op,
          deferred: r.deferred,
          waitingSince: r.waiting_since,
          runId: r.run_id,
        } as JobState,
      ]),
    );
  };

  return {
    engine,
    pusher,
    tenantId,
    realmId,
    topics,
    knex: db.knex,

    async publish(records) {
      const events = records.map(({ id, version = 1, op = 'upsert', fields }) =>
        op === 'upsert'
          ? createEvent({ type: 'invoice.upserted', source: 'test/platform', data: invoiceData(tenantId, id, version, fields) })
          : createEvent({ type: op === 'void' ? 'invoice.voided' : 'invoice.deleted', source: 'test/platform', data: { tenantId, invoiceId: id, version } }),
      );
      await bus.publish(topics.invoices, events.map((event) => ({ key: tenantId, event })));
      return events;
    },

    async publishEvent(type, data) {
      await bus.publish(topics.events, [{ key: tenantId, event: createEvent({ type, source: 'test/mapping', tenantid: tenantId, data }) }]);
    },

    states,

    async state(recordId) {
      const s = (await states()).get(recordId);
      if (!s) throw new Error(`no push_jobs row for ${recordId}`);
      return s;
    },

    async settled() {
      await waitFor(async () => Number((await db.knex('outbox').count<Array<{ count: string }>>('* as count'))[0]?.count) === 0, { description: 'an empty outbox' });
    },

    events: async () => (await read(topics.events.name)).filter((e) => e.type !== 'settings.applied'),
    settingsApplied: async () => (await read(topics.events.name)).filter((e) => e.type === 'settings.applied'),

    async publishLink(data) {
      await bus.publish(topics.links, [{ key: tenantId, event: createEvent({ type: 'link.created', source: 'test/customer-sync', tenantid: tenantId, data }) }]);
    },

    async publishSettings(version, { realmId: realm = realmId, invoicesEnabled = true, integrationEnabled = true }) {
      const body = effectiveSettingsSchema.parse({ settings: { integration: { enabled: integrationEnabled }, invoices: { enabled: invoicesEnabled } }, mappings: {}, ...(realm ? { realmId: realm } : {}) });
      await bus.publish(topics.settings, [
        { key: tenantId, event: createEvent({ type: 'settings.state', source: 'test/mapping', data: { tenantId, version, settings: body, updatedAt: new Date().toISOString() } }) },
      ]);
    },
    links: () => read(topics.links.name),
    deadLetters: (count) => readMemoryTopic(broker, dlqTopicName(topics.invoices.name), count === undefined ? {} : { count, timeoutMs: 30_000 }),

    gate() {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      const g = { opened, open };
      gates.push(g);
      return g;
    },

    async stop() {
      for (const g of gates) g.open();
      await engine.stop();
      await bus.close();
      await db.knex.raw('drop schema if exists ?? cascade', [schema]);
      await db.destroy();
    },
  };
}
