import { describe, expect, it } from 'vitest';
import { createGroupWriter } from './group-writer.js';

/** A write port that records each group and completes only when told to. */
function controlledWrite(fail: (item: string) => boolean = () => false) {
  const groups: string[][] = [];
  const pending: (() => void)[] = [];
  const write = (items: string[]) =>
    new Promise<void>((resolve, reject) => {
      groups.push([...items]);
      pending.push(() => (items.some(fail) ? reject(new Error(`bad item in ${items.join(',')}`)) : resolve()));
    });
  const settleNext = async () => {
    while (pending.length === 0) await new Promise((r) => setImmediate(r));
    pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { write, groups, settleNext };
}

describe('group writer', () => {
  it('writes a lone item at once, without waiting for company', async () => {
    const w = controlledWrite();
    const writer = createGroupWriter(w.write);
    const done = writer.append('a');
    await w.settleNext();
    await done;
    expect(w.groups).toEqual([['a']]);
  });

  it('puts items that arrive while a write is in flight into one next group, in order', async () => {
    const w = controlledWrite();
    const writer = createGroupWriter(w.write);
    const first = writer.append('a');
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(w.groups).toEqual([['a']]);
    const later = ['b', 'c', 'd'].map((x) => writer.append(x));
    await w.settleNext();
    await first;
    await w.settleNext();
    await Promise.all(later);
    expect(w.groups).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('resolves no caller before its own group is written', async () => {
    const w = controlledWrite();
    const writer = createGroupWriter(w.write);
    let resolved = false;
    const p = writer.append('a').then(() => (resolved = true));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(resolved).toBe(false);
    await w.settleNext();
    await p;
    expect(resolved).toBe(true);
  });

  it('retries a failed group item by item, so only the bad item fails its caller', async () => {
    const w = controlledWrite((x) => x === 'bad');
    const writer = createGroupWriter(w.write);
    const first = writer.append('a');
    await new Promise((r) => setImmediate(r));
    const results = ['b', 'bad', 'c'].map((x) => writer.append(x).then(() => 'ok', (e: Error) => e.message));
    await w.settleNext(); // a
    await first;
    await w.settleNext(); // b,bad,c fails
    await w.settleNext(); // b
    await w.settleNext(); // bad
    await w.settleNext(); // c
    expect(await Promise.all(results)).toEqual(['ok', 'bad item in bad', 'ok']);
    expect(w.groups).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('writes an item appended by a caller the moment its own write resolves', async () => {
    const written: string[] = [];
    const writer = createGroupWriter(async (items: string[]) => void written.push(...items));
    // The second append runs in the continuation of the first, right after its group completes.
    await writer.append('first').then(() => writer.append('second'));
    await writer.idle();
    expect(written).toEqual(['first', 'second']);
  });

  it('caps a group and keeps the rest for the next write', async () => {
    const sizes: number[] = [];
    const writer = createGroupWriter(async (items: number[]) => void sizes.push(items.length), 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => writer.append(i)));
    expect(sizes).toEqual([3, 3, 2]);
  });

  it('idle() waits until everything appended is written', async () => {
    const w = controlledWrite();
    const writer = createGroupWriter(w.write);
    void writer.append('a');
    let idle = false;
    const p = writer.idle().then(() => (idle = true));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(idle).toBe(false);
    await w.settleNext();
    await p;
    expect(idle).toBe(true);
  });
});
