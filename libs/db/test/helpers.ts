import { randomUUID } from 'node:crypto';
import type { OutgoingMessage } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, defineTopic, syncLinks } from '@ledgerbus/contracts';
import type { Knex } from 'knex';

/** Poll `check` until it returns a truthy value (or stops throwing); fail after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T> | T, { timeoutMs = 20_000, intervalMs = 25, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** A fresh topic with sync.links.v1's contract (keys are tenant ids). */
export function freshTopic(partitions = 3): TopicDefinition {
  return defineTopic({ ...syncLinks, name: `test.db-outbox-${randomUUID().slice(0, 8)}.v1`, partitions });
}

/** The n-th event of a key: `qboId` carries the sequence number. */
export function linkMessage(key: string, seq: number): OutgoingMessage {
  return {
    key,
    event: createEvent({
      type: 'link.created',
      source: 'ledgerbus/db-test',
      data: { tenantId: key, realmId: '4620816365', entity: 'invoice', platformId: `inv-${key}-${seq}`, qboId: String(seq), at: new Date().toISOString() },
    }),
  };
}

/** A link event that breaks sync.links.v1's contract: its realmId is not a QBO realm id. */
export function brokenLinkMessage(key: string, seq: number): OutgoingMessage {
  const message = linkMessage(key, seq);
  (message.event.data as { realmId: string }).realmId = 'not-a-realm';
  return message;
}

/** Insert an outbox row directly, past enqueue's validation (as a bug or an older writer could leave it). */
export async function writeOutboxRow(trx: Knex.Transaction, topic: string, message: OutgoingMessage): Promise<void> {
  await trx('outbox').insert({ topic, key: message.key, event: JSON.stringify(message.event) });
}

export function seqOf(event: { data: unknown }): number {
  return Number((event.data as { qboId: string }).qboId);
}

/** `count` messages spread round-robin over `keys`, seq increasing per key. */
export function messagesFor(keys: string[], count: number): OutgoingMessage[] {
  const next = new Map<string, number>();
  const out: OutgoingMessage[] = [];
  for (let i = 0; i < count; i++) {
    const key = keys[i % keys.length]!;
    const seq = next.get(key) ?? 0;
    next.set(key, seq + 1);
    out.push(linkMessage(key, seq));
  }
  return out;
}

/** Assert-friendly summary: per key, does the first occurrence of each seq come in order 0..n-1? */
export function perKeyFirstSeen(records: Array<{ key: string; seq: number }>): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  const seen = new Set<string>();
  for (const r of records) {
    const id = `${r.key}#${r.seq}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const list = byKey.get(r.key) ?? [];
    list.push(r.seq);
    byKey.set(r.key, list);
  }
  return byKey;
}
