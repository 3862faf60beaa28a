// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { Proposal } from '../../src/shared/domain/proposal';
import { newProposal } from '../../src/shared/domain/factory';
import { CHECK_DELAY_MS, createCheckStore, type CheckResult } from '../../src/renderer/src/features/rules/checkStore';
import { controlledCall, fakeTimersInEachTest, settle } from './helpers/deferred';

/** A check result with one pack holding `errors` error findings and one title counter at `chars`. */
function result(errors: number, chars: number): CheckResult {
  return {
    results: [
      {
        pack: 'legal',
        name: '法律法规',
        version: '1.0.0',
        ok: errors === 0,
        counts: { error: errors, warning: 0, info: 0 },
        findings: Array.from({ length: errors }, (_, i) => ({
          ruleId: `r${i}`,
          severity: 'error' as const,
          pack: 'legal',
          field: 'title',
          range: null,
          message: '标题缺少受益人',
          fix: '写明受益人',
          source: { kind: 'law', title: '中华人民共和国慈善法', verified: true },
        })),
      },
    ],
    counters: [
      { pack: 'legal', fieldId: 'title', label: '项目名称', sources: ['title'], current: chars, max: 30, min: null, mode: 'chars', state: 'ok', verified: true },
    ],
  };
}

const edit = (p: Proposal, title: string): Proposal => ({ ...p, title });

fakeTimersInEachTest();

describe('the rules check of the open editor', () => {
  it('checks a proposal just opened at once, and each later edit after a pause, one call at a time', async () => {
    const { call, calls } = controlledCall<Proposal, CheckResult>();
    const store = createCheckStore(call);
    const p = newProposal({ title: '山区儿童' });
    store.request(p);
    vi.advanceTimersByTime(0);
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(result(1, 4));
    await settle();
    expect(store.get().input).toBe(p);

    const typed = edit(p, '山区儿童午餐');
    store.request(typed);
    vi.advanceTimersByTime(CHECK_DELAY_MS - 1);
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(calls[1]!.input).toBe(typed);
    // The draft the marks' ranges refer to is the one checked, not the one on screen.
    store.request(edit(typed, '山区儿童午餐计划'));
    calls[1]!.resolve(result(0, 6));
    await settle();
    expect(store.get()).toMatchObject({ input: typed, pending: true });
  });

  it('keeps the findings array when only a counter moved, so the checklist is not drawn again', async () => {
    const { call, calls } = controlledCall<Proposal, CheckResult>();
    const store = createCheckStore(call);
    const p = newProposal({ title: '山区儿童' });
    store.request(p);
    vi.advanceTimersByTime(0);
    calls[0]!.resolve(result(1, 4));
    await settle();
    const first = store.get().data!;

    store.request(edit(p, '山区儿童们'));
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    calls[1]!.resolve(result(1, 5));
    await settle();
    const second = store.get().data!;
    expect(second.results).toBe(first.results);
    expect(second.counters).not.toBe(first.counters);
    expect(second.counters[0]!.current).toBe(5);

    store.request(edit(p, '山区儿童！'));
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    calls[2]!.resolve(result(1, 5));
    await settle();
    expect(store.get().data).toBe(second);
  });

  it('opening another proposal clears the old findings and ignores the old answer', async () => {
    const { call, calls } = controlledCall<Proposal, CheckResult>();
    const store = createCheckStore(call);
    store.request(newProposal({ title: '甲' }));
    vi.advanceTimersByTime(0);
    const other = newProposal({ title: '乙' });
    store.request(other);
    expect(store.get()).toMatchObject({ data: null, input: null, pending: true });
    calls[0]!.resolve(result(3, 1));
    await settle();
    expect(store.get().data).toBeNull();
    vi.advanceTimersByTime(0);
    expect(calls[1]!.input).toBe(other);
    calls[1]!.resolve(result(0, 1));
    await settle();
    expect(store.get()).toMatchObject({ input: other, pending: false, error: null });
  });
});
