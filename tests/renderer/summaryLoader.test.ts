// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createSummaryLoader, type Loaded, type PackSummary } from '../../src/renderer/src/features/rules/summaryLoader';
import { controlledCall, fakeTimersInEachTest, settle } from './helpers/deferred';

const summary = (errors: number): PackSummary[] => [{ pack: 'legal', name: '法律法规', ok: errors === 0, errors, warnings: 0, infos: 0 }];

function setup() {
  const { call, calls } = controlledCall<string[], Map<string, PackSummary[]>>();
  const loader = createSummaryLoader(call);
  const seen: Record<string, Loaded[]> = {};
  const ask = (id: string, updatedAt: string) => loader.load(id, `${id}|${updatedAt}`, (r) => (seen[id] ??= []).push(r));
  return { loader, calls, seen, ask };
}

fakeTimersInEachTest();

describe('the library rows’ rules summaries', () => {
  it('gathers the rows of one page into one call and answers each row', async () => {
    const { calls, seen, ask } = setup();
    ask('a', 't1');
    ask('b', 't1');
    ask('b', 't1'); // the same row drawn twice waits on the same answer
    expect(calls).toHaveLength(0);
    vi.advanceTimersByTime(0);
    expect(calls.map((c) => c.input)).toEqual([['a', 'b']]);
    calls[0]!.resolve(new Map([['a', summary(2)]]));
    await settle();
    expect(seen.a).toEqual([{ packs: summary(2), error: null }]);
    // A proposal the core left out (deleted meanwhile) gets no summary rather than a wait forever.
    expect(seen.b).toEqual([
      { packs: null, error: null },
      { packs: null, error: null },
    ]);
  });

  it('keeps a summary while the proposal is unchanged, asks again once it was saved or the packs changed', async () => {
    const { loader, calls, seen, ask } = setup();
    ask('a', 't1');
    vi.advanceTimersByTime(0);
    calls[0]!.resolve(new Map([['a', summary(1)]]));
    await settle();

    ask('a', 't1');
    vi.advanceTimersByTime(0);
    expect(calls).toHaveLength(1);
    expect(seen.a).toHaveLength(2);

    ask('a', 't2');
    vi.advanceTimersByTime(0);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(new Map([['a', summary(0)]]));
    await settle();
    expect(seen.a!.at(-1)!.packs).toEqual(summary(0));

    loader.forget();
    ask('a', 't2');
    vi.advanceTimersByTime(0);
    expect(calls).toHaveLength(3);
  });

  it('a row saved while waiting is asked about in its newest state only', async () => {
    const { loader, calls, ask } = setup();
    const old = vi.fn();
    loader.load('a', 'a|t1', old);
    ask('a', 't2');
    vi.advanceTimersByTime(0);
    calls[0]!.resolve(new Map([['a', summary(3)]]));
    await settle();
    expect(old).not.toHaveBeenCalled();
    expect(loader.cached('a|t2')).toEqual({ packs: summary(3), error: null });
    expect(loader.cached('a|t1')).toBeUndefined();
  });

  it('tells every waiting row when the call fails, and caches nothing', async () => {
    const { loader, calls, seen, ask } = setup();
    ask('a', 't1');
    ask('b', 't1');
    vi.advanceTimersByTime(0);
    calls[0]!.reject(new Error('规则包读取失败'));
    await settle();
    expect(seen.a).toEqual([{ packs: null, error: '规则包读取失败' }]);
    expect(seen.b).toEqual([{ packs: null, error: '规则包读取失败' }]);
    expect(loader.cached('a|t1')).toBeUndefined();
  });
});
