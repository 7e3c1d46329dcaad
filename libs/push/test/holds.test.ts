import { effectiveSettingsSchema } from '@ledgerbus/contracts';
import { holdBeforeQbo, holdReasonOfCode, scopeToRealm } from '../src/holds';
import { newestOfChunk } from '../src/job-row';
import type { IntakeRecord } from '../src/job-row';
import type { PushJob } from '../src/types';

const settings = (fields: { realmId?: string; enabled?: boolean; invoices?: boolean }) =>
  effectiveSettingsSchema.parse({
    settings: { integration: { enabled: fields.enabled ?? true }, invoices: { enabled: fields.invoices ?? true } },
    mappings: {},
    ...(fields.realmId ? { realmId: fields.realmId } : {}),
  });
const invoicesOn = (s: ReturnType<typeof settings>): boolean => s.settings.invoices.enabled;

describe('holds before QBO (no database)', () => {
  it('holds for missing settings, no company, a disabled integration and the entity switched off, in that order', () => {
    expect(holdBeforeQbo(undefined, 'invoice', invoicesOn, 'tenant t')?.reason).toBe('settings_missing');
    expect(holdBeforeQbo({ settings: settings({}) }, 'invoice', invoicesOn, 'tenant t')?.reason).toBe('not_connected');
    expect(holdBeforeQbo({ settings: settings({ realmId: 'r', enabled: false }) }, 'invoice', invoicesOn, 'tenant t')?.reason).toBe('sync_disabled');
    expect(holdBeforeQbo({ settings: settings({ realmId: 'r', invoices: false }) }, 'invoice', invoicesOn, 'tenant t')?.message).toBe('invoice sync is off in the settings of the tenant t');
    expect(holdBeforeQbo({ settings: settings({ realmId: 'r' }) }, 'invoice', invoicesOn, 'tenant t')).toBeUndefined();
  });

  it('reads the connector answers that need an admin as holds', () => {
    expect(holdReasonOfCode('reauthorization_required')).toBe('reauthorization_required');
    expect(holdReasonOfCode('not_connected')).toBe('not_connected');
    expect(holdReasonOfCode('qbo_unavailable')).toBeUndefined();
  });

  it("shows a record pushed to another company as never pushed and in doubt, and leaves the current company's state alone", () => {
    const pushed = { realmId: 'A', qboId: '5', qboSyncToken: '1', qboDocNumber: 'X', qboState: 'created', pushedVersion: 1, inDoubt: false } as PushJob;
    expect(scopeToRealm(pushed, 'B')).toMatchObject({ realmId: 'B', qboId: null, qboSyncToken: null, qboDocNumber: null, qboState: null, pushedVersion: null, inDoubt: true });
    expect(scopeToRealm(pushed, 'A')).toBe(pushed);
  });
});

describe('the intake of a chunk (no database)', () => {
  const rec = (recordId: string, version: number, op: IntakeRecord['op'], payload?: unknown): IntakeRecord => ({ tenantId: 't', divisionId: null, recordId, op, version, payload, eventId: `${recordId}-${version}-${op}`, correlationId: 'c' });

  it('keeps the newest version of each record, the strongest op at one version, and the newest upsert payload for a void', () => {
    const out = newestOfChunk([rec('a', 1, 'upsert', { v: 1 }), rec('a', 2, 'upsert', { v: 2 }), rec('a', 2, 'void'), rec('a', 1, 'delete'), rec('b', 3, 'upsert', { b: 1 })]);
    expect(out.map((o) => [o.record.recordId, o.record.version, o.record.op, o.upsertPayload])).toEqual([
      ['a', 2, 'void', { v: 2 }],
      ['b', 3, 'upsert', { b: 1 }],
    ]);
  });
});
