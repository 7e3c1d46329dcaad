import type { IncomingMessage, MessageBus, Subscription } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import type { IntakeRecord } from './job-row';
import type { JobsRepository } from './jobs.repository';
import type { Reactions } from './reactions';
import type { ReadModel } from './read-model';
import type { PhaseRequest, RunScan } from './run-scan';
import type { PushOp, Pusher } from './types';

/** The filters an admin chooses: a record they skip is not in QBO on purpose. */
const FILTERS: ReadonlySet<string> = new Set(['sync_data_after', 'market_segment']);

/** The data of the `sync.events.v1` / `sync.links.v1` / `mapping.settings.v1` events the engine reacts to (validated by their producers' contracts). */
interface StateEvents {
  'settings.state': { version: number; updatedAt: string; settings: unknown };
  'connection.connected': { tenantId: string };
  'link.created': { tenantId: string; realmId: string; entity: string; platformId: string; qboId: string };
  'link.removed': { tenantId: string; entity: string; platformId: string };
  'customer.sync_failed': { tenantId: string; direction: string; platformId?: string; code: string; message: string };
  'sync.phase_requested': PhaseRequest;
  'sync.retry_requested': { tenantId: string; failedType: string; platformId?: string };
  /** `<other entity>.push_failed` */
  push_failed: { tenantId: string; platformId: string; code: string; message: string };
  /** `<other entity>.skipped` */
  skipped: { tenantId: string; platformId: string; filter: string; message: string };
}
type StateHandlers = { [K in keyof StateEvents]: (data: StateEvents[K], message: IncomingMessage, type: string) => Promise<void> };

export interface ConsumerDeps {
  bus: MessageBus;
  service: string;
  groupPrefix: string;
  pusher: Pusher;
  readModel: ReadModel;
  jobs: JobsRepository;
  reactions: Reactions;
  runScan: RunScan;
  topics: { source: TopicDefinition; settings: TopicDefinition; links: TopicDefinition; events: TopicDefinition };
  /** The field of the event data that holds the record id ("invoiceId"). */
  recordIdField: string;
  partitionsConsumedConcurrently: number;
  /** Records were taken in: wake the push loops soon. */
  taken: (count: number) => void;
}

function opOf(eventType: string): PushOp {
  if (eventType.endsWith('.voided')) return 'void';
  if (eventType.endsWith('.deleted')) return 'delete';
  return 'upsert';
}

/** A platform event as the intake takes it into `push_jobs`. */
export function intakeRecordOf(message: IncomingMessage, recordIdField: string): IntakeRecord {
  const data = message.event.data as Record<string, unknown> & { tenantId: string; divisionId?: string; version: number };
  const op = opOf(message.event.type);
  const { id, correlationid } = message.event;
  return { tenantId: data.tenantId, divisionId: data.divisionId ?? null, recordId: String(data[recordIdField]), op, version: data.version, payload: op === 'upsert' ? data : undefined, eventId: id, correlationId: correlationid ?? id };
}

function stateHandlers(deps: ConsumerDeps): StateHandlers {
  const { readModel, reactions, pusher, runScan } = deps;
  const entity = pusher.entity;
  return {
    async 'settings.state'(data, message) {
      const before = await readModel.settings(message.key);
      if (!(await readModel.saveSettings(message.key, data.version, data.updatedAt, data.settings))) return;
      await reactions.settingsApplied(message.key, data.version);
      // While the integration is disabled nothing is released; when it is enabled, its
      // enable run releases the held records phase by phase (customers before invoices).
      const after = await readModel.settings(message.key);
      const enabledNow = after?.settings.settings.integration.enabled !== false;
      const wasDisabled = before?.settings.settings.integration.enabled === false;
      if (enabledNow && !wasDisabled) await reactions.releaseHeld(message.key.split('/')[0] as string);
    },
    'connection.connected': (d) => reactions.releaseHeld(d.tenantId),
    async 'link.created'(d) {
      await readModel.saveLink(d);
      if (d.entity === entity) return;
      await reactions.dependencyLinked(d.tenantId, d.entity, d.platformId);
      await reactions.wakeTenant(d.tenantId);
    },
    'link.removed': (d) => readModel.removeLink(d),
    async 'customer.sync_failed'(d) {
      if (d.platformId && d.direction !== 'from_qbo') await reactions.dependencyFailed(d.tenantId, 'customer', d.platformId, d.code, d.message);
    },
    async 'sync.phase_requested'(d) {
      if (d.phase === runScan.phase) await runScan.scan(d);
    },
    async 'sync.retry_requested'(d) {
      if (d.failedType.startsWith(`${entity}.`) && d.platformId) await reactions.retryRequested(d.tenantId, d.platformId);
    },
    push_failed: (d, _m, type) => reactions.dependencyFailed(d.tenantId, type.slice(0, -'.push_failed'.length), d.platformId, d.code, d.message),
    async skipped(d, _m, type) {
      // A dependency a filter left out of QBO (its code is the filter): what needs it is skipped by the same filter.
      if (FILTERS.has(d.filter)) await reactions.dependencyFailed(d.tenantId, type.slice(0, -'.skipped'.length), d.platformId, d.filter, d.message);
    },
  };
}

/** Which state handler takes an event type: its own, or another entity's push failure or skip. */
function handlerKey(type: string, entity: string): keyof StateEvents | undefined {
  const own = ['settings.state', 'connection.connected', 'link.created', 'link.removed', 'customer.sync_failed', 'sync.phase_requested', 'sync.retry_requested'];
  if (own.includes(type)) return type as keyof StateEvents;
  if (type.startsWith(`${entity}.`)) return undefined;
  if (type.endsWith('.push_failed')) return 'push_failed';
  if (type.endsWith('.skipped')) return 'skipped';
  return undefined;
}

/**
 * The engine's two consumers: `<service>.state` (settings, links and the events of
 * `sync.events.v1` that change what can be pushed) and `<service>` (the intake: a fetched chunk
 * of a partition goes into `push_jobs` with one statement before its offsets are committed).
 */
export async function subscribeConsumers(deps: ConsumerDeps): Promise<Subscription[]> {
  const { bus, service, groupPrefix, topics } = deps;
  const handlers = stateHandlers(deps);
  const state = await bus.subscribe({
    groupId: `${groupPrefix}${service}.state`,
    handlerName: `${service}.state`,
    topics: [topics.settings, topics.links, topics.events],
    partitionsConsumedConcurrently: 4,
    handler: async (message) => {
      const key = handlerKey(message.event.type, deps.pusher.entity);
      if (!key) return;
      const handler = handlers[key] as (data: unknown, message: IncomingMessage, type: string) => Promise<void>;
      await handler(message.event.data, message, message.event.type);
    },
  });
  const take = async (messages: readonly IncomingMessage[]): Promise<void> => {
    await deps.jobs.ingest(messages.map((m) => intakeRecordOf(m, deps.recordIdField)));
    deps.taken(messages.length);
  };
  const intake = await bus.subscribe({
    groupId: `${groupPrefix}${service}`,
    handlerName: `${service}.intake`,
    topics: [topics.source],
    partitionsConsumedConcurrently: deps.partitionsConsumedConcurrently,
    // The per-message handler is the fallback that dead-letters a bad record on its own.
    batch: { maxMessages: 500, handler: take },
    handler: (message) => take([message]),
  });
  return [state, intake];
}
