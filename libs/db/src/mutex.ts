/** A FIFO async mutex. `lock()` resolves to a release function (idempotent). */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /**
   * Wait for the lock. With `timeoutMs`, rejects with `onTimeout()` when the lock is
   * not granted in time (the waiter then gives up its place without ever holding it).
   */
  lock(timeoutMs?: number, onTimeout?: () => Error): Promise<() => void> {
    let releaseNext!: () => void;
    const next = new Promise<void>((resolve) => {
      releaseNext = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => next);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      releaseNext();
    };
    if (timeoutMs === undefined) return previous.then(() => release);
    return new Promise<() => void>((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        reject(onTimeout ? onTimeout() : new Error(`lock not granted within ${timeoutMs} ms`));
      }, timeoutMs);
      void previous.then(() => {
        clearTimeout(timer);
        if (timedOut) release();
        else resolve(release);
      });
    });
  }

  /** Run `fn` while holding the lock. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.lock();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
