/**
 * Group commit: callers hand in items one by one; one flush at a time takes every item that
 * arrived meanwhile and handles them together (one statement, one produce request), then answers
 * each caller with its own result. Under load many requests share one round trip; alone, a request
 * is flushed at once (no waiting for company). A failed flush fails every item of it.
 */
export interface GroupCommitOptions<I> {
  /** Most weight per flush (an item is never split; a heavier one goes alone). Default 2000. */
  maxWeight?: number;
  /** An item's weight (e.g. its records). Default 1. */
  weight?: (item: I) => number;
}

interface Pending<I, O> {
  item: I;
  resolve: (output: O) => void;
  reject: (err: unknown) => void;
}

export function groupCommit<I, O>(flush: (items: I[]) => Promise<O[]>, options: GroupCommitOptions<I> = {}): (item: I) => Promise<O> {
  const maxWeight = options.maxWeight ?? 2000;
  const weight = options.weight ?? (() => 1);
  const queue: Array<Pending<I, O>> = [];
  let flushing = false;

  async function drain(): Promise<void> {
    flushing = true;
    try {
      while (queue.length > 0) {
        const group: Array<Pending<I, O>> = [];
        let total = 0;
        while (queue.length > 0 && (group.length === 0 || total + weight(queue[0]!.item) <= maxWeight)) {
          const next = queue.shift()!;
          group.push(next);
          total += weight(next.item);
        }
        try {
          const outputs = await flush(group.map((p) => p.item));
          group.forEach((p, i) => p.resolve(outputs[i] as O));
        } catch (err) {
          for (const p of group) p.reject(err);
        }
      }
    } finally {
      flushing = false;
    }
  }

  return (item) => {
    const done = new Promise<O>((resolve, reject) => queue.push({ item, resolve, reject }));
    if (!flushing) void drain();
    return done;
  };
}
