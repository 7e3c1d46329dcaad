import { Random, hashString } from '../random';
import type { SandboxSettings } from '../settings';
import { faultsFor } from '../settings';
import type { QboFault } from './qbo-fault';
import { faults } from './qbo-fault';

/** Rolls the fault knobs (global, or per realm) for one request. */
export class FaultInjector {
  constructor(
    private readonly random: Random,
    private readonly settings: () => SandboxSettings,
  ) {}

  /** Real milliseconds of added latency for this request (0 = none). */
  latencyMs(realmId: string): number {
    const f = faultsFor(this.settings(), realmId);
    let ms = 0;
    if (f.latencyMaxMs > 0) ms += f.latencyMinMs + this.random.next() * Math.max(0, f.latencyMaxMs - f.latencyMinMs);
    else if (f.latencyMinMs > 0) ms += f.latencyMinMs;
    if (f.latencySpikeRate > 0 && this.random.chance(f.latencySpikeRate)) ms += f.latencySpikeMs;
    return ms;
  }

  /** An injected 500/503 for this request, or undefined. */
  errorFault(realmId: string): QboFault | undefined {
    const f = faultsFor(this.settings(), realmId);
    if (f.errorRate503 > 0 && this.random.chance(f.errorRate503)) return faults.serviceUnavailable();
    if (f.errorRate500 > 0 && this.random.chance(f.errorRate500)) return faults.systemError();
    return undefined;
  }

  /**
   * A refusal of this write (one POST, or one item of a batch), or undefined. Decided by
   * `writeFailureSeed`, the realm and the write itself (entity, operation, body), not by a roll
   * of the shared random stream: the same write is refused every time while the knob is on.
   */
  writeFault(realmId: string, entity: string, operation: string, body: unknown): QboFault | undefined {
    const f = faultsFor(this.settings(), realmId);
    if (!(f.writeFailureRate > 0)) return undefined;
    const key = `${f.writeFailureSeed}\u0000${realmId}\u0000${entity}\u0000${operation}\u0000${JSON.stringify(body) ?? ''}`;
    // FNV-1a alone spreads similar bodies poorly: one mulberry32 step mixes it into [0, 1).
    return new Random(hashString(key)).next() < f.writeFailureRate ? faults.systemError() : undefined;
  }

  /** Whether to drop this committed write's response. */
  dropAfterCommit(realmId: string): boolean {
    const f = faultsFor(this.settings(), realmId);
    return f.dropAfterCommitRate > 0 && this.random.chance(f.dropAfterCommitRate);
  }
}
