import { describe, expect, it, vi } from 'vitest';
import { LiveCall } from '../../src/renderer/src/util/liveCall';
import { controlledCall, fakeTimersInEachTest, settle } from './helpers/deferred';

interface Doc {
  id: string;
  text: string;
}

const doc = (id: string, text: string): Doc => ({ id, text });

function makeLive(options: { key?: (d: Doc) => unknown; merge?: (a: string, b: string) => string } = {}) {
  const { call, calls } = controlledCall<Doc, string>();
  const live = new LiveCall<Doc, string>({ call, delayMs: 400, subject: (d) => d.id, ...options });
  return { live, calls };
}

fakeTimersInEachTest();

describe('LiveCall: one building block for live checks', () => {
  it('asks about a subject just opened at once, then waits for a pause and asks only the last of a burst', async () => {
    const { live, calls } = makeLive();
    live.request(doc('a', '一'));
    expect(live.get().pending).toBe(true);
    vi.advanceTimersByTime(0);
    expect(calls.map((c) => c.input.text)).toEqual(['一']);
    calls[0]!.resolve('答一');
    await settle();
    expect(live.get()).toMatchObject({ data: '答一', pending: false, error: null });
    expect(live.get().input?.text).toBe('一');

    // Typing: each change resets the pause; only the last draft is asked, 400 ms after it.
    live.request(doc('a', '一二'));
    vi.advanceTimersByTime(300);
    live.request(doc('a', '一二三'));
    vi.advanceTimersByTime(399);
    expect(calls).toHaveLength(1);
    expect(live.get().pending).toBe(true);
    vi.advanceTimersByTime(1);
    expect(calls.map((c) => c.input.text)).toEqual(['一', '一二三']);
  });

  it('never has two calls out: changes made meanwhile are asked, once, when the call returns', async () => {
    const { live, calls } = makeLive();
    live.request(doc('a', '甲'));
    vi.advanceTimersByTime(0);
    calls[0]!.resolve('答甲');
    await settle();

    live.request(doc('a', '甲乙'));
    vi.advanceTimersByTime(400);
    expect(calls).toHaveLength(2);
    live.request(doc('a', '甲乙丙'));
    vi.advanceTimersByTime(400);
    live.request(doc('a', '甲乙丙丁'));
    vi.advanceTimersByTime(400);
    expect(calls).toHaveLength(2); // still the one call out

    calls[1]!.resolve('答甲乙');
    await settle();
    // Its answer is shown (it is newer than what was on screen) but a newer draft is still wanted.
    expect(live.get()).toMatchObject({ data: '答甲乙', pending: true });
    expect(calls.map((c) => c.input.text)).toEqual(['甲', '甲乙', '甲乙丙丁']);
    calls[2]!.resolve('答甲乙丙丁');
    await settle();
    expect(live.get()).toMatchObject({ data: '答甲乙丙丁', pending: false });
  });

  it('drops the answer about a proposal no longer open and asks about the new one at once', async () => {
    const { live, calls } = makeLive();
    live.request(doc('a', '旧项目'));
    vi.advanceTimersByTime(0);
    live.request(doc('b', '新项目'));
    expect(live.get()).toMatchObject({ subject: 'b', data: null, pending: true });
    calls[0]!.resolve('旧项目的答案');
    await settle();
    expect(live.get().data).toBeNull();
    // The new subject's call goes out once the old one has returned, not beside it.
    vi.advanceTimersByTime(0);
    expect(calls.map((c) => c.input.id)).toEqual(['a', 'b']);
    calls[1]!.resolve('新项目的答案');
    await settle();
    expect(live.get()).toMatchObject({ subject: 'b', data: '新项目的答案', pending: false });
  });

  it('surfaces a failed call, keeps the last answer on screen, and asks again on the next change', async () => {
    const { live, calls } = makeLive();
    live.request(doc('a', '一'));
    vi.advanceTimersByTime(0);
    calls[0]!.resolve('答一');
    await settle();

    live.request(doc('a', '一二'));
    vi.advanceTimersByTime(400);
    calls[1]!.reject(new Error('后台没有回答'));
    await settle();
    expect(live.get()).toMatchObject({ data: '答一', error: '后台没有回答', pending: false });

    live.request(doc('a', '一二三'));
    vi.advanceTimersByTime(400);
    calls[2]!.resolve('答一二三');
    await settle();
    expect(live.get()).toMatchObject({ data: '答一二三', error: null });
  });

  it('cancel stops the scheduled call and drops the answer still out', async () => {
    const { live, calls } = makeLive();
    live.request(doc('a', '一'));
    vi.advanceTimersByTime(0);
    live.request(doc('a', '一二'));
    live.cancel();
    vi.advanceTimersByTime(10_000);
    expect(calls).toHaveLength(1);

    // Mounted again (React's strict mode does this): a fresh start, deaf to the call still out.
    live.request(doc('a', '一二三'));
    vi.advanceTimersByTime(0);
    expect(calls.map((c) => c.input.text)).toEqual(['一', '一二三']);
    calls[0]!.resolve('迟到的答案');
    await settle();
    expect(live.get().data).toBeNull();
    calls[1]!.resolve('答一二三');
    await settle();
    expect(live.get()).toMatchObject({ data: '答一二三', pending: false });
  });

  it('a change that keeps the key asks nothing; a forced request asks even so', async () => {
    const { live, calls } = makeLive({ key: (d) => d.text });
    live.request(doc('a', '同样的字'));
    vi.advanceTimersByTime(0);
    calls[0]!.resolve('答');
    await settle();

    live.request(doc('a', '同样的字')); // another object (say the budget changed), same text
    expect(live.get().pending).toBe(true);
    vi.advanceTimersByTime(400);
    expect(calls).toHaveLength(1);
    expect(live.get().pending).toBe(false);

    live.request(doc('a', '同样的字'), { force: true });
    vi.advanceTimersByTime(0);
    expect(calls).toHaveLength(2);
  });

  it('lets the caller keep the unchanged parts of the previous answer', async () => {
    const merge = vi.fn((prev: string, fresh: string) => (prev === fresh.toUpperCase() ? prev : fresh));
    const { live, calls } = makeLive({ merge });
    live.request(doc('a', '1'));
    vi.advanceTimersByTime(0);
    calls[0]!.resolve('ABC');
    await settle();
    live.request(doc('a', '2'));
    vi.advanceTimersByTime(400);
    calls[1]!.resolve('abc');
    await settle();
    expect(merge).toHaveBeenCalledWith('ABC', 'abc');
    expect(live.get().data).toBe('ABC');
  });

  it('tells its subscribers, and only while they listen', async () => {
    const { live, calls } = makeLive();
    const seen: boolean[] = [];
    const stop = live.subscribe(() => seen.push(live.get().pending));
    live.request(doc('a', '一'));
    vi.advanceTimersByTime(0);
    calls[0]!.resolve('答');
    await settle();
    stop();
    live.request(doc('a', '一二'));
    expect(seen).toEqual([true, false]);
  });
});
