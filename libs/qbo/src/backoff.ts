/**
 * Retry policy and backoff math. Exponential backoff with "equal jitter": the delay for
 * attempt n (0-based) lies in [cap/2, cap] with cap = min(maxMs, baseMs * 2^n), so
 * retries spread out but never collapse to zero.
 */
export interface RetryOptions {
  /** Retries after the first attempt (throttling and unavailability each count). Default 4. */
  maxRetries: number;
  /** Base delay for 5xx/network retries. Default 250 ms. */
  baseMs: number;
  /** Base delay after a 429 without Retry-After. Default 2000 ms (Intuit advises ~60 s in total). */
  throttleBaseMs: number;
  /** Upper bound of any single delay. Default 60 s. */
  maxDelayMs: number;
  /** Random source in [0, 1); injectable for tests. */
  random: () => number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 4,
  baseMs: 250,
  throttleBaseMs: 2000,
  maxDelayMs: 60_000,
  random: Math.random,
};

export function backoffDelay(attempt: number, baseMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxDelayMs, baseMs * 2 ** Math.max(0, attempt));
  const half = exp / 2;
  return Math.round(half + random() * half);
}

/**
 * Delay before retrying a throttled call: Retry-After when QBO sent one (capped at
 * maxDelayMs), else exponential with jitter from `throttleBaseMs`.
 */
export function throttleDelay(attempt: number, retryAfterMs: number | undefined, options: RetryOptions): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, options.maxDelayMs);
  return backoffDelay(attempt, options.throttleBaseMs, options.maxDelayMs, options.random);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
