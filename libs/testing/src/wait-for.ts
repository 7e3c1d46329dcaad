export interface WaitForOptions {
  /** Give up after this long. Default 10 s. */
  timeoutMs?: number;
  /** Poll this often. Default 25 ms. */
  intervalMs?: number;
  /** What is awaited, for the timeout error ("all 10 events consumed"). */
  description?: string;
}

export class WaitForTimeoutError extends Error {
  constructor(
    message: string,
    readonly lastValue: unknown,
    readonly lastError: unknown,
  ) {
    super(message);
    this.name = 'WaitForTimeoutError';
  }
}

function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    const json = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    if (json === undefined) return String(value);
    return json.length > 2000 ? `${json.slice(0, 2000)}…` : json;
  } catch {
    return String(value);
  }
}

/**
 * Polls `condition` until it returns a truthy value (which is returned) or the timeout
 * passes. A throwing condition counts as "not yet". On timeout, the error names what
 * was awaited and shows the last value (or the last error).
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitForOptions = {}): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  let lastValue: unknown = undefined;
  let lastError: unknown = undefined;
  for (;;) {
    try {
      const value = await condition();
      lastValue = value;
      lastError = undefined;
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const what = options.description ?? 'condition';
      const last = lastError !== undefined ? `last error: ${show(lastError)}` : `last value: ${show(lastValue)}`;
      throw new WaitForTimeoutError(`timed out after ${timeoutMs} ms waiting for ${what}; ${last}`, lastValue, lastError);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
}
