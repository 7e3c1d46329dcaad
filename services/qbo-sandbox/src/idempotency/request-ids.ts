import type { Random } from '../random';
import type { IdempotencySettings } from '../settings';
import type { Clock } from '../types';

export interface StoredResponse {
  statusCode: number;
  body: string;
}

interface Entry {
  expiresMs: number;
  response?: StoredResponse;
  pending?: Promise<StoredResponse | undefined>;
}

export type Claim =
  | { kind: 'execute'; finish: (response: StoredResponse | undefined) => void }
  | { kind: 'replay'; response: Promise<StoredResponse | undefined> };

/**
 * QBO's `requestid`: a repeat of (realm, requestid) within the window replays the original
 * response without running again. A share of repeats (setting) is not deduplicated, as users
 * report for the real service. A repeat that arrives while the original runs waits for it.
 */
export class RequestIdCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly settings: () => IdempotencySettings,
  ) {}

  claim(realmId: string, requestId: string): Claim {
    const s = this.settings();
    const noop: Claim = { kind: 'execute', finish: () => undefined };
    if (!s.enabled) return noop;
    const key = `${realmId}\u0000${requestId}`;
    const now = this.clock.now().getTime();
    const entry = this.entries.get(key);
    if (entry && entry.expiresMs > now) {
      if (!this.random.chance(s.noDedupeShare)) {
        if (entry.response) return { kind: 'replay', response: Promise.resolve(entry.response) };
        if (entry.pending) return { kind: 'replay', response: entry.pending };
      } else {
        return noop;
      }
    }
    let resolve: (r: StoredResponse | undefined) => void = () => undefined;
    const pending = new Promise<StoredResponse | undefined>((r) => (resolve = r));
    const fresh: Entry = { expiresMs: now + s.windowMs, pending };
    this.entries.set(key, fresh);
    this.prune(now);
    return {
      kind: 'execute',
      finish: (response) => {
        if (response) fresh.response = response;
        else if (this.entries.get(key) === fresh) this.entries.delete(key);
        fresh.pending = undefined;
        resolve(response);
      },
    };
  }

  private prune(now: number): void {
    if (this.entries.size < 10_000) return;
    for (const [k, e] of this.entries) if (e.expiresMs <= now && !e.pending) this.entries.delete(k);
  }

  reset(): void {
    this.entries.clear();
  }
}
