import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trainerPinPathFor } from '../../src/core/handbook/trainerPin';
import { coreUnderTest } from './helpers/core';

const solution = { sampleId: 'industry-flawed', problemId: 'wrong-amount' } as const;

describe('参考改法 only for the trainer', () => {
  it('refuses every trainee: no PIN set on this computer, or a wrong one', async () => {
    const { call, dispatch, lib } = coreUnderTest();
    expect(await call('workshop.trainer', { pin: null })).toEqual({ pinSet: false, pinOk: false });
    expect(await dispatch('workshop.solution', { ...solution, pin: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '参考改法只对培训老师开放：请培训老师先在「手册」页面设置培训老师口令' } });

    await call('workshop.setPin', { pin: '2468', current: null });
    expect(await dispatch('workshop.solution', { ...solution, pin: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '培训老师口令不对' } });
    expect(await dispatch('workshop.solution', { ...solution, pin: '1357' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('workshop.trainer', { pin: '2468' })).toEqual({ pinSet: true, pinOk: true });
    expect((await call('workshop.solution', { ...solution, pin: '2468' })).changes.length).toBeGreaterThan(0);

    // Only a salted hash is kept, beside the library.
    const file = trainerPinPathFor(lib.path)!;
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('2468');
  });

  it('changing the PIN needs the current one; a PIN is 4 to 8 digits', async () => {
    const { call, dispatch } = coreUnderTest();
    await call('workshop.setPin', { pin: '2468', current: null });
    expect(await dispatch('workshop.setPin', { pin: '1357', current: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '当前口令不对，口令未修改' } });
    expect(await dispatch('workshop.setPin', { pin: '12a4', current: '2468' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await call('workshop.setPin', { pin: '1357', current: '2468' });
    expect(await call('workshop.trainer', { pin: '2468' })).toEqual({ pinSet: true, pinOk: false });
    expect(await call('workshop.trainer', { pin: '1357' })).toEqual({ pinSet: true, pinOk: true });
  });
});
