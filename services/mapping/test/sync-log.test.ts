import { holdChangeOf, outcomeOf, syncLogLine } from '../src/domain/sync-log';

describe('sync-log outcomes', () => {
  it('calls a filter skip "skipped" and a hold "held", never a success', () => {
    expect(outcomeOf('invoice.skipped')).toBe('skipped');
    expect(outcomeOf('payment.skipped')).toBe('skipped');
    expect(outcomeOf('invoice.held')).toBe('held');
    expect(outcomeOf('payment.held')).toBe('held');
    expect(outcomeOf('invoice.pushed')).toBe('succeeded');
    expect(outcomeOf('invoice.push_failed')).toBe('failed');
    expect(outcomeOf('settings.applied')).toBe('info');
    expect(outcomeOf('sync.retry_requested')).toBe('requested');
  });

  it('logs a disabled webhook endpoint as information, not as a synced record', () => {
    expect(outcomeOf('webhook.endpoint_disabled')).toBe('info');
    expect(outcomeOf('sync.phase_scanned')).toBe('info');
  });

  it('takes a hold reason from `reason` and a skip reason from `filter`', () => {
    expect(syncLogLine('invoice.held', 't1', { tenantId: 't1', platformId: 'i1', reason: 'sync_disabled', message: 'invoices are off' })).toMatchObject({ outcome: 'held', reason: 'sync_disabled', platformId: 'i1' });
    expect(syncLogLine('payment.skipped', 't1', { tenantId: 't1', platformId: 'p1', filter: 'market_segment', message: 'West only' })).toMatchObject({ outcome: 'skipped', reason: 'market_segment' });
  });

  it('holds on *.held and releases on a later outcome of the same entity only', () => {
    const line = (type: string, platformId = 'r1') => syncLogLine(type, 't1', { tenantId: 't1', platformId, reason: 'not_connected' });
    expect(holdChangeOf(line('invoice.held'))).toEqual({ kind: 'hold', entity: 'invoice', platformId: 'r1', reason: 'not_connected' });
    for (const type of ['invoice.pushed', 'invoice.push_failed', 'invoice.voided', 'invoice.deleted', 'invoice.skipped', 'customer.synced', 'customer.sync_failed']) {
      expect(holdChangeOf(line(type))?.kind).toBe('release');
    }
    expect(holdChangeOf(line('payment.pushed'))).toEqual({ kind: 'release', entity: 'payment', platformId: 'r1' });
    expect(holdChangeOf(line('sync.retry_requested'))).toBeUndefined();
    expect(holdChangeOf(line('customer.changed_in_qbo'))).toBeUndefined();
    expect(holdChangeOf(syncLogLine('invoice.held', 't1', { tenantId: 't1', reason: 'not_connected' }))).toBeUndefined();
  });
});
