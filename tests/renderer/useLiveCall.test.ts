// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useLiveCall } from '../../src/renderer/src/util/liveCall';
import { controlledCall, fakeTimersInEachTest, settle, type Pending } from './helpers/deferred';
import { renderHook } from './helpers/renderHook';

fakeTimersInEachTest();

/** Let the first question go out and answer it. */
async function firstAnswer(calls: Pending<string, number>[], value: number): Promise<void> {
  act(() => vi.advanceTimersByTime(0));
  await act(async () => {
    calls[0]!.resolve(value);
    await settle();
  });
}

describe('useLiveCall: a live check owned by one panel', () => {
  it('shows loading before the first answer, then the answer; a null input asks nothing', async () => {
    const { call, calls } = controlledCall<string, number>();
    const { result, rerender } = renderHook(({ input }: { input: string | null }) => useLiveCall(input, call, 500), { input: null as string | null });
    act(() => vi.advanceTimersByTime(1_000));
    expect(calls).toHaveLength(0);
    expect(result.current).toEqual({ data: null, error: null, loading: false });

    rerender({ input: '草稿' });
    expect(result.current.loading).toBe(true);
    act(() => vi.advanceTimersByTime(0));
    await act(async () => {
      calls[0]!.resolve(2);
      await settle();
    });
    expect(result.current).toEqual({ data: 2, error: null, loading: false });
  });

  it('unmounting stops the scheduled call and ignores the answer still out', async () => {
    const { call, calls } = controlledCall<string, number>();
    const { result, rerender, unmount } = renderHook(({ input }: { input: string }) => useLiveCall(input, call, 500), { input: '一' });
    await firstAnswer(calls, 1);
    rerender({ input: '一二' });
    act(() => vi.advanceTimersByTime(500));
    expect(calls).toHaveLength(2);
    rerender({ input: '一二三' });
    unmount();
    const errors = vi.spyOn(console, 'error');
    await act(async () => {
      calls[1]!.resolve(2);
      await settle();
    });
    act(() => vi.advanceTimersByTime(10_000));
    expect(calls).toHaveLength(2);
    expect(result.current.data).toBe(1);
    expect(errors).not.toHaveBeenCalled();
  });

  it('surfaces an error with the last answer kept', async () => {
    const { call, calls } = controlledCall<string, number>();
    const { result, rerender } = renderHook(({ input }: { input: string }) => useLiveCall(input, call, 500), { input: '一' });
    await firstAnswer(calls, 1);
    rerender({ input: '一二' });
    act(() => vi.advanceTimersByTime(500));
    await act(async () => {
      calls[1]!.reject(new Error('网络断了'));
      await settle();
    });
    expect(result.current).toEqual({ data: 1, error: '网络断了', loading: false });
  });
});
