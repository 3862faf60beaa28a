// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { newProposal } from '../../src/shared/domain/factory';
import type { Proposal } from '../../src/shared/domain/proposal';
import { useAutosave } from '../../src/renderer/src/features/editor/useAutosave';
import { controlledCall, fakeTimersInEachTest, settle } from './helpers/deferred';
import { renderHook } from './helpers/renderHook';

type Saved = { proposal: Proposal; stale: boolean };

function setup() {
  const { call: save, calls } = controlledCall<Proposal, Saved>();
  const onStale = vi.fn();
  const base = newProposal({ title: '初稿' });
  const hook = renderHook(({ draft, version }: { draft: Proposal; version: number }) => useAutosave(draft, version, save, onStale), { draft: base, version: 0 });
  const type = (title: string, version: number) => hook.rerender({ draft: { ...base, title }, version });
  const answer = async (i: number, result: Saved | Error) => {
    await act(async () => {
      if (result instanceof Error) calls[i]!.reject(result);
      else calls[i]!.resolve(result);
      await settle();
    });
  };
  return { hook, calls, onStale, type, answer };
}

fakeTimersInEachTest();

describe('autosave of the editor draft', () => {
  it('saves 800 ms after the typing stops, the latest draft only', async () => {
    const { hook, calls, type, answer } = setup();
    type('初稿一', 1);
    act(() => vi.advanceTimersByTime(500));
    type('初稿一二', 2);
    expect(hook.result.current.state.status).toBe('dirty');
    act(() => vi.advanceTimersByTime(799));
    expect(calls).toHaveLength(0);
    act(() => vi.advanceTimersByTime(1));
    expect(calls.map((c) => c.input.title)).toEqual(['初稿一二']);
    expect(hook.result.current.state.status).toBe('saving');
    await answer(0, { proposal: calls[0]!.input, stale: false });
    expect(hook.result.current.state).toMatchObject({ status: 'saved', error: null });
  });

  it('one save at a time: edits made during a save are saved right after it', async () => {
    const { hook, calls, type, answer } = setup();
    type('甲', 1);
    act(() => vi.advanceTimersByTime(800));
    type('甲乙', 2);
    act(() => vi.advanceTimersByTime(5_000));
    // Not even an explicit flush (hiding the window) starts a second save beside the first.
    act(() => void hook.result.current.flush());
    expect(calls).toHaveLength(1);
    await answer(0, { proposal: calls[0]!.input, stale: false });
    expect(hook.result.current.state.status).toBe('dirty');
    act(() => vi.advanceTimersByTime(0));
    expect(calls.map((c) => c.input.title)).toEqual(['甲', '甲乙']);
    await answer(1, { proposal: calls[1]!.input, stale: false });
    expect(hook.result.current.state.status).toBe('saved');
  });

  it('a failed save keeps the draft, says why, and retries after a back-off', async () => {
    const { hook, calls, type, answer } = setup();
    type('要保存的字', 1);
    act(() => vi.advanceTimersByTime(800));
    await answer(0, new Error('磁盘已满'));
    expect(hook.result.current.state).toMatchObject({ status: 'error', error: '磁盘已满' });
    act(() => vi.advanceTimersByTime(1_999));
    expect(calls).toHaveLength(1);
    act(() => vi.advanceTimersByTime(1));
    expect(calls.map((c) => c.input.title)).toEqual(['要保存的字', '要保存的字']);
    await answer(1, new Error('磁盘已满'));
    act(() => vi.advanceTimersByTime(4_999));
    expect(calls).toHaveLength(2);
    act(() => vi.advanceTimersByTime(1));
    await answer(2, { proposal: calls[2]!.input, stale: false });
    expect(hook.result.current.state).toMatchObject({ status: 'saved', error: null });
  });

  it('hands a newer stored version to the editor when the save was stale', async () => {
    const { calls, onStale, type, answer } = setup();
    type('我的修改', 1);
    act(() => vi.advanceTimersByTime(800));
    const newer = { ...calls[0]!.input, title: '别处的修改' };
    await answer(0, { proposal: newer, stale: true });
    expect(onStale).toHaveBeenCalledWith(newer);
  });

  it('leaving the editor saves what is pending at once', () => {
    const { hook, calls, type } = setup();
    type('没等到停顿', 1);
    hook.unmount();
    expect(calls.map((c) => c.input.title)).toEqual(['没等到停顿']);
  });
});
