// @vitest-environment happy-dom
import { App } from 'antd';
import { act, createElement, type ReactNode } from 'react';
import type * as ReactModule from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/shared/api/client';
import { useBusyAction, useBusyKey } from '../../src/renderer/src/util/busyAction';
import { renderHook, unmountAll } from './helpers/renderHook';
import { settle } from './helpers/deferred';

// Every state setter the hook's module calls, and whether the component was still mounted then.
const setterCalls = vi.hoisted(() => ({ after: 0, unmounted: false }));
vi.mock('react', async (importOriginal) => {
  const react = await importOriginal<typeof ReactModule>();
  return {
    ...react,
    useState: (initial: unknown) => {
      const [value, set] = react.useState(initial);
      return [
        value,
        (next: unknown) => {
          if (setterCalls.unmounted) setterCalls.after += 1;
          set(next);
        },
      ];
    },
  };
});

/** antd's messages need the App around the hook; they are drawn into document.body. */
const inApp = (children: ReactNode) => createElement(App, null, children);

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function shown(text: string): Promise<void> {
  // Inside act: antd's notice animates in with state updates of its own.
  await act(async () => {
    await vi.waitFor(() => expect(document.body.textContent).toContain(text));
  });
}

afterEach(() => {
  unmountAll();
  document.body.innerHTML = '';
  setterCalls.after = 0;
  setterCalls.unmounted = false;
});

describe('useBusyAction: a button-started async action with its catch written once', () => {
  it('is busy while the work runs and not after; a success shows no error', async () => {
    const { result } = renderHook(() => useBusyAction(), undefined, inApp);
    const work = deferred();
    let done!: Promise<void>;
    act(() => {
      done = result.current[1](() => work.promise);
    });
    expect(result.current[0]).toBe(true);
    await act(async () => {
      work.resolve();
      await done;
    });
    expect(result.current[0]).toBe(false);
    expect(document.body.querySelector('.ant-message-error')).toBeNull();
  });

  it('shows a failure as one line of Chinese and clears busy; the promise it hands back does not reject', async () => {
    const { result } = renderHook(() => useBusyAction(), undefined, inApp);
    await act(async () => {
      await expect(
        result.current[1](async () => {
          throw new ApiError('VALIDATION', '项目名称不能为空', ['标题：至少 1 个字']);
        }),
      ).resolves.toBeUndefined();
    });
    expect(result.current[0]).toBe(false);
    await shown('项目名称不能为空：标题：至少 1 个字');
    expect(document.body.querySelector('.ant-message-error')).not.toBeNull();
  });

  it('a job the user cancelled is said as cancelled, not as an error', async () => {
    const { result } = renderHook(() => useBusyAction(), undefined, inApp);
    await act(async () => {
      await result.current[1](async () => {
        throw new ApiError('CANCELLED', '任务已取消');
      });
    });
    await shown('已取消，未做任何更改');
    expect(document.body.querySelector('.ant-message-error')).toBeNull();
  });

  it('onError takes the failure instead of the message (a form shows it in its own Alert)', async () => {
    const onError = vi.fn();
    const { result } = renderHook(() => useBusyAction({ onError }), undefined, inApp);
    const failure = new ApiError('UNAUTHORIZED', '该账号已停用，请联系总会管理员');
    await act(async () => {
      await result.current[1](async () => {
        throw failure;
      });
    });
    expect(onError).toHaveBeenCalledWith(failure);
    expect(result.current[0]).toBe(false);
    await settle();
    expect(document.body.textContent).not.toContain('该账号已停用');
  });

  it('a second click while the work runs starts nothing', async () => {
    const { result } = renderHook(() => useBusyAction(), undefined, inApp);
    const work = deferred();
    const started = vi.fn(() => work.promise);
    let first!: Promise<void>;
    act(() => {
      first = result.current[1](started);
    });
    act(() => {
      void result.current[1](started);
    });
    expect(started).toHaveBeenCalledTimes(1);
    await act(async () => {
      work.resolve();
      await first;
    });
    // Once it is over, the button works again.
    await act(async () => {
      await result.current[1](started);
    });
    expect(started).toHaveBeenCalledTimes(2);
  });

  it('sets no state once unmounted: the work finishing after its dialog closed touches nothing', async () => {
    const { result, unmount } = renderHook(() => useBusyAction(), undefined, inApp);
    const work = deferred();
    let done!: Promise<void>;
    act(() => {
      done = result.current[1](() => work.promise);
    });
    unmount();
    setterCalls.unmounted = true;
    await act(async () => {
      work.resolve();
      await done;
    });
    expect(setterCalls.after).toBe(0);
  });
});

describe('useBusyKey: several actions on one screen', () => {
  it('names the one running; another key runs beside it, and busy clears only when both are done', async () => {
    const { result } = renderHook(() => useBusyKey<'review' | 'zip'>(), undefined, inApp);
    const review = deferred();
    const zip = deferred();
    let a!: Promise<void>;
    let b!: Promise<void>;
    act(() => {
      a = result.current[1]('review', () => review.promise);
    });
    expect(result.current[0]).toBe('review');
    act(() => {
      b = result.current[1]('zip', () => zip.promise);
    });
    expect(result.current[0]).toBe('zip');
    await act(async () => {
      zip.resolve();
      await b;
    });
    expect(result.current[0]).toBe('review');
    await act(async () => {
      review.resolve();
      await a;
    });
    expect(result.current[0]).toBeNull();
  });
});
