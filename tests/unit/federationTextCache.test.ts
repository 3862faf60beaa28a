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
});
