/**
 * Group writes (the audit trail's group insert): the first item is written at
 * once, in the next turn of the event loop; items that arrive while a write
 * is in flight wait and go together in the next one. A busy server thus
 * writes one statement for many requests, and an idle one adds no delay.
 * Each caller learns whether its own item was written: when a group fails,
 * its items are retried one by one, so a bad item fails only its own caller.
 */
export interface GroupWriter<T> {
  /** Resolves once `item` is written; rejects with the write's error if it could not be. */
  append(item: T): Promise<void>;
  /** Resolves when nothing is queued or being written. */
  idle(): Promise<void>;
}

export function createGroupWriter<T>(write: (items: T[]) => Promise<void>, maxGroup = 256): GroupWriter<T> {
  let queue: { item: T; resolve: () => void; reject: (err: unknown) => void }[] = [];
  let running = false;
  let done: Promise<void> = Promise.resolve();

  async function drain(): Promise<void> {
    try {
      // Items appended during the rest of this turn join the first group.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (queue.length > 0) {
        const group = queue.slice(0, maxGroup);
        queue = queue.slice(group.length);
        try {
          await write(group.map((g) => g.item));
          for (const g of group) g.resolve();
        } catch (err) {
          if (group.length === 1) group[0]!.reject(err);
          else for (const g of group) await write([g.item]).then(g.resolve, g.reject);
        }
      }
    } finally {
      // Cleared in the same turn as the last empty check, so an item appended
      // by a caller that has just been resolved always starts a new drain.
      running = false;
    }
  }

  return {
    append(item: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (running) return;
        running = true;
        done = drain();
      });
    },
    async idle(): Promise<void> {
      while (running) await done;
    },
  };
}
