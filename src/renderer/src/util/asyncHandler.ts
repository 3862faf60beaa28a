import { App } from 'antd';
import { useCallback } from 'react';
import { errorText } from './errors';

/**
 * `fn` as an event handler: a failure goes to `onError` as one line of Chinese instead of
 * becoming an unhandled rejection nobody sees. The handler is typed to return nothing (what React
 * and antd expect), but it does hand back the promise, settled and never rejecting, so antd's
 * Popconfirm and Modal.confirm still show their button busy while the work runs.
 */
export function handleAsync<A extends unknown[]>(fn: (...args: A) => Promise<unknown>, onError: (text: string) => void): (...args: A) => void {
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- deliberate, see above: the promise never rejects
  return (...args: A) => {
    try {
      return fn(...args).then(
        () => undefined,
        (e: unknown) => onError(errorText(e)),
      );
    } catch (e) {
      onError(errorText(e));
    }
  };
}

/** handleAsync with the failure shown as an error message: `const handle = useAsyncHandler(); <Button onClick={handle(save)}>`. */
export function useAsyncHandler(): <A extends unknown[]>(fn: (...args: A) => Promise<unknown>) => (...args: A) => void {
  const { message } = App.useApp();
  return useCallback(<A extends unknown[]>(fn: (...args: A) => Promise<unknown>) => handleAsync(fn, (text) => void message.error(text)), [message]);
}
