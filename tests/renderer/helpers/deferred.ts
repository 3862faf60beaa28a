import { afterEach, beforeEach, vi } from 'vitest';

/** A call whose answers the test hands out one by one, in any order. */
export interface Pending<I, O> {
  input: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

export function controlledCall<I, O>() {
  const calls: Pending<I, O>[] = [];
  const call = (input: I): Promise<O> =>
    new Promise<O>((resolve, reject) => {
      calls.push({ input, resolve, reject });
    });
  return { call, calls };
}

/** Let the promise callbacks queued so far run (answers are handled in microtasks). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Every test of the file runs on vitest's fake clock (the live checks and autosave wait on timers). */
export function fakeTimersInEachTest(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
