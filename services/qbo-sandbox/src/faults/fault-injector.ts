import type { Random } from '../random';
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

  /** Whether to drop this committed write's response. */
  dropAfterCommit(realmId: string): boolean {
    const f = faultsFor(this.settings(), realmId);
    return f.dropAfterCommitRate > 0 && this.random.chance(f.dropAfterCommitRate);
  }
}
