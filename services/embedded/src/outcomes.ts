/**
 * Step 4: the outcome of every published record, as an integrator learns it — from
 * `sync.events.v1` (customer.synced / customer.sync_failed, invoice.pushed /
 * invoice.push_failed / invoice.skipped, payment.*).
 */
import type { MessageBus, Subscription } from '@ledgerbus/bus';
import { syncEvents } from '@ledgerbus/contracts';

export type RecordEntity = 'customer' | 'invoice' | 'payment';

export interface Outcome {
  entity: RecordEntity;
  platformId: string;
  status: 'synced' | 'failed' | 'skipped';
  qboId?: string;
  docNumber?: string;
  action?: string;
  code?: string;
  message?: string;
  retriable?: boolean;
  at: string;
}

export interface OutcomeCollector {
  /** The latest outcome per record ("customer:cust-001"). */
  readonly outcomes: Map<string, Outcome>;
  /** Resolves when every key has an outcome, or at the deadline; returns the keys still pending. */
  waitFor(keys: string[], timeoutMs: number, onProgress?: (done: number, total: number) => void): Promise<string[]>;
  stop(): Promise<void>;
}

export function recordKey(entity: RecordEntity, platformId: string): string {
  return `${entity}:${platformId}`;
}

interface EventData {
  tenantId?: string;
  platformId?: string;
  qboId?: string;
  docNumber?: string;
  action?: string;
  code?: string;
  message?: string;
  retriable?: boolean;
  direction?: string;
  at?: string;
  filter?: string;
}

function outcomeOf(type: string, data: EventData): Outcome | undefined {
  const [entity, fact] = type.split('.') as [string, string | undefined];
  if ((entity !== 'customer' && entity !== 'invoice' && entity !== 'payment') || data.platformId === undefined) return undefined;
  const base = { entity, platformId: data.platformId, at: data.at ?? new Date().toISOString() } as const;
  switch (fact) {
    case 'synced':
      if (data.direction !== 'to_qbo') return undefined;
      return { ...base, status: 'synced', ...(data.qboId ? { qboId: data.qboId } : {}), ...(data.action ? { action: data.action } : {}) };
    case 'pushed':
      return { ...base, status: 'synced', ...(data.qboId ? { qboId: data.qboId } : {}), ...(data.docNumber ? { docNumber: data.docNumber } : {}), ...(data.action ? { action: data.action } : {}) };
    case 'sync_failed':
    case 'push_failed':
      return { ...base, status: 'failed', code: data.code ?? 'unknown', message: data.message ?? '', ...(data.retriable === undefined ? {} : { retriable: data.retriable }) };
    case 'skipped':
      return { ...base, status: 'skipped', code: data.filter ?? 'skipped', message: data.message ?? '' };
    default:
      return undefined;
  }
}

export async function collectOutcomes(bus: MessageBus, tenantId: string, groupId = 'embedded.demo-outcomes'): Promise<OutcomeCollector> {
  const outcomes = new Map<string, Outcome>();
  let changed: () => void = () => undefined;
  const subscription: Subscription = await bus.subscribe({
    groupId,
    topics: [syncEvents],
    fromBeginning: true,
    handlerName: 'embedded.demo-outcomes',
    handler: async (message) => {
      const data = message.event.data as EventData;
      if (data.tenantId !== tenantId) return;
      const outcome = outcomeOf(message.event.type, data);
      if (outcome === undefined) return;
      outcomes.set(recordKey(outcome.entity, outcome.platformId), outcome);
      changed();
    },
  });
  return {
    outcomes,
    async waitFor(keys, timeoutMs, onProgress) {
      const deadline = Date.now() + timeoutMs;
      const pending = (): string[] => keys.filter((k) => !outcomes.has(k));
      let lastReported = -1;
      for (;;) {
        const left = pending();
        const done = keys.length - left.length;
        if (onProgress !== undefined && done !== lastReported) {
          lastReported = done;
          onProgress(done, keys.length);
        }
        if (left.length === 0 || Date.now() >= deadline) return left;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(1_000, Math.max(0, deadline - Date.now())));
          changed = () => {
            clearTimeout(timer);
            changed = () => undefined;
            resolve();
          };
        });
      }
    },
    stop: () => subscription.stop(),
  };
}
