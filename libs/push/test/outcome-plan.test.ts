import type { OutcomePolicy } from '../src/outcome-plan';
import { planOutcomes, retryDelays } from '../src/outcome-plan';
import type { PushJob, PushOutcome } from '../src/types';

const NOW = new Date('2026-01-02T03:04:05.000Z');
const policy: OutcomePolicy = { service: 'invoice-push', entity: 'invoice', maxWaitMs: 60_000, maxAttempts: 3, waitDelay: () => 111, backoff: () => 222 };

function job(recordId: string, fields: Partial<PushJob> = {}): PushJob {
  return {
    tenantId: 't1', divisionId: null, recordId, op: 'upsert', version: 2, payload: { invoiceId: recordId }, eventId: `ev-${recordId}`, attempts: 1, inDoubt: false,
    waitingSince: new Date(NOW.getTime() - 1_000), realmId: null, qboId: null, qboSyncToken: null, qboDocNumber: null, qboState: null, pushedVersion: null,
    lastCode: null, runId: null, correlationId: `corr-${recordId}`, ...fields,
  };
}

function planOne(j: PushJob, outcome: PushOutcome | undefined, realm: { realmId?: string } = { realmId: 'r1' }) {
  return planOutcomes([j], new Map(outcome ? [[j.recordId, outcome]] : []), realm.realmId, policy, NOW);
}

describe('outcome planning (no database)', () => {
  it('records a pushed invoice as done in its company, says invoice.pushed naming the platform event as cause, and links a new QBO id', () => {
    const plan = planOne(job('a', { runId: 'run-1' }), { kind: 'pushed', qboId: '42', syncToken: '0', docNumber: 'LB-1', action: 'created' });
    expect(plan.rows).toEqual([expect.objectContaining({ record_id: 'a', kind: 'pushed', status: 'done', qbo_id: '42', sync_token: '0', doc_number: 'LB-1', qbo_state: 'created', realm_id: 'r1', in_doubt: false })]);
    expect(plan.events).toHaveLength(1);
    const event = plan.events[0]?.event;
    expect(event).toMatchObject({ type: 'invoice.pushed', source: 'ledgerbus/invoice-push', subject: 'a', causationid: 'ev-a', correlationid: 'corr-a' });
    expect(event?.data).toEqual({ tenantId: 't1', platformId: 'a', version: 2, at: NOW.toISOString(), realmId: 'r1', runId: 'run-1', qboId: '42', action: 'created', docNumber: 'LB-1', syncToken: '0' });
    expect(plan.links.map((l) => [l.event.type, (l.event.data as { qboId: string }).qboId])).toEqual([['link.created', '42']]);
    expect(plan.deadLetters).toEqual([]);
    expect(plan.counts).toEqual({ pushed: 1 });
  });

  it('does not link again a record that keeps its QBO id, and links a deletion as removed', () => {
    expect(planOne(job('a', { qboId: '42' }), { kind: 'pushed', qboId: '42', action: 'updated' }).links).toEqual([]);
    const deleted = planOne(job('a', { op: 'delete', qboId: '42' }), { kind: 'removed', how: 'deleted', qboId: '42' });
    expect(deleted.events[0]?.event.type).toBe('invoice.deleted');
    expect(deleted.links.map((l) => l.event.type)).toEqual(['link.removed']);
    expect(deleted.rows[0]).toMatchObject({ qbo_state: 'deleted', realm_id: 'r1' });
  });

  it('holds without using an attempt and says so once per reason', () => {
    const first = planOne(job('a', { attempts: 3 }), { kind: 'held', reason: 'sync_disabled', message: 'off' }, {});
    expect(first.rows[0]).toMatchObject({ status: 'held', attempts: 2, last_code: 'sync_disabled' });
    expect(first.events.map((e) => e.event.type)).toEqual(['invoice.held']);
    expect((first.events[0]?.event.data as Record<string, unknown>).realmId).toBeUndefined();
    expect(planOne(job('a', { lastCode: 'sync_disabled' }), { kind: 'held', reason: 'sync_disabled', message: 'off' }).events).toEqual([]);
  });

  it('keeps a skipped record in doubt and names the filter', () => {
    const plan = planOne(job('a', { inDoubt: true }), { kind: 'skipped', filter: 'market_segment', message: 'other segment' });
    expect(plan.rows[0]).toMatchObject({ status: 'skipped', in_doubt: true, last_code: 'market_segment' });
    expect(plan.events[0]?.event.data).toMatchObject({ filter: 'market_segment', message: 'other segment' });
  });

  it('waits for a dependency without spending an attempt, announcing the first wait as a hold, then fails when the wait is over', () => {
    const waiting = planOne(job('a', { attempts: 2 }), { kind: 'wait', code: 'customer_not_synced', message: 'no customer' });
    expect(waiting.rows[0]).toMatchObject({ status: 'pending', attempts: 1, delay_ms: 111, last_code: 'customer_not_synced' });
    expect(waiting.events.map((e) => [e.event.type, (e.event.data as { reason: string }).reason])).toEqual([['invoice.held', 'customer_not_synced']]);
    const again = planOne(job('a', { lastCode: 'customer_not_synced' }), { kind: 'wait', code: 'customer_not_synced', message: 'no customer' });
    expect(again.events).toEqual([]);
    const over = planOne(job('a', { lastCode: 'customer_not_synced', waitingSince: new Date(NOW.getTime() - 60_000) }), { kind: 'wait', code: 'customer_not_synced', message: 'no customer' });
    expect(over.rows[0]).toMatchObject({ status: 'failed' });
    expect(over.events[0]?.event).toMatchObject({ type: 'invoice.push_failed', data: expect.objectContaining({ code: 'customer_not_synced', retriable: true }) });
    expect(over.deadLetters).toEqual([expect.objectContaining({ code: 'customer_not_synced' })]);
  });

  it('backs off a transient failure in doubt, and fails and dead-letters it when the attempts are spent', () => {
    const transient: PushOutcome = { kind: 'failed', code: 'qbo_unavailable', message: '503', retriable: true };
    expect(planOne(job('a', { attempts: 2 }), transient).rows[0]).toMatchObject({ status: 'pending', in_doubt: true, delay_ms: 222 });
    const spent = planOne(job('a', { attempts: 3, qboId: '7' }), transient);
    expect(spent.rows[0]).toMatchObject({ status: 'failed', in_doubt: true });
    expect(spent.events[0]?.event.data).toMatchObject({ code: 'qbo_unavailable', retriable: true, attempts: 3, qboId: '7' });
    expect(spent.deadLetters).toEqual([expect.objectContaining({ code: 'qbo_unavailable', job: expect.objectContaining({ attempts: 3 }) })]);
  });

  it('fails a job the pusher gave no outcome for as no_outcome (retriable)', () => {
    const plan = planOne(job('a'), undefined);
    expect(plan.rows[0]).toMatchObject({ status: 'pending', last_code: 'no_outcome' });
    expect(plan.counts).toEqual({ failed: 1 });
  });

  it('names the division in events and links', () => {
    const plan = planOne(job('a', { divisionId: 'east' }), { kind: 'pushed', qboId: '1', action: 'created' });
    expect(plan.events[0]?.event.data).toMatchObject({ divisionId: 'east' });
    expect(plan.links[0]?.event.data).toMatchObject({ divisionId: 'east', entity: 'invoice', platformId: 'a' });
  });

  it('draws retry delays within half and all of the capped exponential back-off', () => {
    const d = retryDelays(500, 60_000);
    for (let i = 0; i < 50; i++) {
      const b = d.backoff(3);
      expect(b).toBeGreaterThanOrEqual(1_000);
      expect(b).toBeLessThanOrEqual(2_000);
      expect(d.backoff(30)).toBeLessThanOrEqual(60_000);
      const w = d.waitDelay(10_000);
      expect(w).toBeGreaterThanOrEqual(2_500);
      expect(w).toBeLessThanOrEqual(5_000);
    }
  });
});
