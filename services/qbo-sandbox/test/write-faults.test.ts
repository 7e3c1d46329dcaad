import { FaultInjector } from '../src/faults/fault-injector';
import { Random } from '../src/random';
import type { SandboxSettings } from '../src/settings';
import { defaultSettings, mergeDeep } from '../src/settings';

const REALM = '9130350000000001';

function injector(patch: unknown): { faults: FaultInjector; settings: SandboxSettings } {
  const settings = mergeDeep(defaultSettings(), patch);
  return { faults: new FaultInjector(new Random(1), () => settings), settings };
}

/** 1000 distinct invoice creates, as a pusher would send them. */
const bodies = Array.from({ length: 1000 }, (_, i) => ({ DocNumber: `LB-${i}`, CustomerRef: { value: '58' }, Line: [{ Amount: '10.00' }] }));

function refused(faults: FaultInjector, realmId = REALM): Set<string> {
  return new Set(bodies.filter((b) => faults.writeFault(realmId, 'Invoice', 'create', b) !== undefined).map((b) => b.DocNumber));
}

describe('writeFailureRate: a share of writes refused, decided by the seed and the write', () => {
  it('refuses about the configured share of distinct writes with a 500 SystemFault', () => {
    const { faults } = injector({ faults: { global: { writeFailureRate: 0.1, writeFailureSeed: 42 } } });
    const hit = refused(faults);
    expect(hit.size).toBeGreaterThan(70);
    expect(hit.size).toBeLessThan(130);
    const fault = faults.writeFault(REALM, 'Invoice', 'create', bodies.find((b) => hit.has(b.DocNumber)));
    expect(fault).toMatchObject({ statusCode: 500, faultType: 'SystemFault', errors: [{ code: '10000' }] });
  });

  it('refuses the same writes every time and in any order (a record it refuses keeps being refused while the knob is on)', () => {
    const { faults } = injector({ faults: { global: { writeFailureRate: 0.1, writeFailureSeed: 42 } } });
    const first = refused(faults);
    const again = new Set([...bodies].reverse().filter((b) => faults.writeFault(REALM, 'Invoice', 'create', b) !== undefined).map((b) => b.DocNumber));
    expect([...again].sort()).toEqual([...first].sort());
    // Another sandbox with the same seed refuses the same ones.
    expect([...refused(injector({ faults: { global: { writeFailureRate: 0.1, writeFailureSeed: 42 } } }).faults)].sort()).toEqual([...first].sort());
  });

  it('refuses other writes with another seed, in another realm, for another operation', () => {
    const { faults, settings } = injector({ faults: { global: { writeFailureRate: 0.1, writeFailureSeed: 42 } } });
    const first = refused(faults);
    expect(refused(faults, '9130350000000002')).not.toEqual(first);
    expect(new Set(bodies.filter((b) => faults.writeFault(REALM, 'Invoice', 'update', b) !== undefined).map((b) => b.DocNumber))).not.toEqual(first);
    settings.faults.global.writeFailureSeed = 7;
    expect(refused(faults)).not.toEqual(first);
  });

  it('refuses nothing at rate 0 (the default) and everything at rate 1; a realm of its own overrides the global knob', () => {
    expect(refused(injector({}).faults).size).toBe(0);
    expect(refused(injector({ faults: { global: { writeFailureRate: 1 } } }).faults).size).toBe(bodies.length);
    const { faults } = injector({ faults: { global: { writeFailureRate: 1 }, perRealm: { [REALM]: { writeFailureRate: 0 } } } });
    expect(refused(faults).size).toBe(0);
    expect(refused(faults, '9130350000000002').size).toBe(bodies.length);
  });
});
