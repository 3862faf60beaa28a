import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './errors';
import { CANCELLED_TEXT, isCancelled } from './JobProgress';

export interface BusyOptions {
  /**
   * Where a failure goes instead of the default error message, e.g. an Alert in a form. It gets the
   * error as thrown (a cancelled job too), so the caller picks the words; usually errorText(e).
   */
  onError?: (e: unknown) => void;
}

/**
 * A screen's button-started async actions, each named by a key, with the busy state and the catch
 * written once: `const [busy, run] = useBusyKey<'backup' | 'check'>(); run('backup', async () => …)`.
 * - `busy` is the key of the action running (the latest started when several are), or null.
 * - A failure is shown as one line of Chinese (message.error), a job the user cancelled as 已取消…
 *   (message.info); `onError` replaces both. `run` never rejects.
 * - Starting a key that is still running does nothing: a second click on the same button while its
 *   work runs is not a second upload, export or judgement. Other keys run side by side.
 * - After unmount nothing is set: a dialog closed while its save finished is not updated.
 */
export function useBusyKey<K>(options: BusyOptions = {}): [busy: K | null, run: (key: K, work: () => Promise<unknown>) => Promise<void>] {
  const { message } = App.useApp();
  const [running, setRunning] = useState<readonly K[]>([]);
  // The ref answers "is it running?" at once, before React re-renders with the new state.
  const runningRef = useRef<K[]>([]);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  // The latest onError without making `run` change with every render (callers pass inline functions).
  const onErrorRef = useRef(options.onError);
  useEffect(() => {
    onErrorRef.current = options.onError;
  });

  const run = useCallback(
    async (key: K, work: () => Promise<unknown>) => {
      if (runningRef.current.includes(key)) return;
      const show = () => mounted.current && setRunning([...runningRef.current]);
      runningRef.current = [...runningRef.current, key];
      show();
      try {
        await work();
      } catch (e) {
        if (onErrorRef.current) onErrorRef.current(e);
        else if (isCancelled(e)) void message.info(CANCELLED_TEXT);
        else void message.error(errorText(e));
      } finally {
        runningRef.current = runningRef.current.filter((k) => k !== key);
        show();
      }
    },
    [message],
  );
  return [running.at(-1) ?? null, run];
}

/** useBusyKey for a component with one action: `const [busy, run] = useBusyAction(); <Button loading={busy} onClick={() => void run(save)}>`. */
export function useBusyAction(options: BusyOptions = {}): [busy: boolean, run: (work: () => Promise<unknown>) => Promise<void>] {
  const [busy, runKey] = useBusyKey<true>(options);
  const run = useCallback((work: () => Promise<unknown>) => runKey(true, work), [runKey]);
  return [busy !== null, run];
}
