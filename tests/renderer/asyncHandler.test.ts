import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/shared/api/client';
import { handleAsync } from '../../src/renderer/src/util/asyncHandler';

describe('handleAsync: async click handlers cannot forget their catch', () => {
  it('passes the arguments through and reports nothing when the work succeeds', async () => {
    const onError = vi.fn();
    const work = vi.fn(async (a: number, b: string) => `${a}${b}`);
    const handler = handleAsync(work, onError);
    await (handler(1, '号') as unknown as Promise<void>);
    expect(work).toHaveBeenCalledWith(1, '号');
    expect(onError).not.toHaveBeenCalled();
  });

  it('turns a rejected promise into one line of Chinese for the user, never an unhandled rejection', async () => {
    const onError = vi.fn();
    const handler = handleAsync(async () => {
      throw new ApiError('VALIDATION', '项目名称不能为空', ['标题：至少 1 个字']);
    }, onError);
    // The promise handed back settles without rejecting (vitest would fail on an unhandled one).
    await expect(handler() as unknown as Promise<void>).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalledWith('项目名称不能为空：标题：至少 1 个字');
  });

  it('reports a function that throws before returning its promise', () => {
    const onError = vi.fn();
    handleAsync((): Promise<void> => {
      throw new Error('参数不对');
    }, onError)();
    expect(onError).toHaveBeenCalledWith('参数不对');
  });
});
