import { describe, expect, it } from 'vitest';
import { TextCache } from '../../src/federation/textCache';

describe("the server's cache of proposals' JSON text by change number", () => {
  it('hands a pull the texts after its cursor and drops the least recently used beyond its size', () => {
    const cache = new TextCache(10);
    cache.set(1, 'aaaa');
    cache.set(2, 'bbbb');
    expect([...cache.after(0).keys()]).toEqual([1, 2]);
    expect([...cache.after(1).entries()]).toEqual([[2, 'bbbb']]);
    // 1 used again: 2 is now the oldest, and goes when 3 does not fit beside both.
    cache.set(1, 'aaaa');
    cache.set(3, 'cccc');
    expect([...cache.after(0).keys()].sort()).toEqual([1, 3]);
    // A text larger than the whole cache is not kept (and evicts nothing).
    cache.set(4, 'x'.repeat(11));
    expect([...cache.after(0).keys()].sort()).toEqual([1, 3]);
  });

  it('answers the texts after a cursor, in change order, through texts arriving out of order and the oldest going', () => {
    // A model kept the plain way: every entry, most recently used last.
    const cache = new TextCache(60);
    let model: [number, string][] = [];
    let x = 7;
    const next = () => (x = (x * 48271) % 2147483647);
    for (let step = 0; step < 400; step++) {
      const seq = next() % 40;
      const text = 'z'.repeat(1 + (next() % 9));
      cache.set(seq, text);
      model = [...model.filter(([s]) => s !== seq), [seq, text]];
      while (model.reduce((n, [, t]) => n + t.length, 0) > 60) model.shift();
      const cursor = next() % 40;
      const want = model.filter(([s]) => s > cursor).sort((a, b) => a[0] - b[0]);
      expect([...cache.after(cursor).entries()]).toEqual(want);
      expect([...cache.after(cursor, 3).entries()]).toEqual(want.slice(0, 3));
      expect(cache.get(seq)).toBe(text);
    }
  });
});
