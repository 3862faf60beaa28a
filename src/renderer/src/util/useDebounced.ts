import { useEffect, useRef, useState } from 'react';
import { errorText } from './errors';

/** `value`, but only once it has stayed the same for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export interface LiveResult<O> {
  data: O | null;
  error: string | null;
  /** A newer answer is on its way; `data` still shows the previous one. */
  loading: boolean;
}

/**
 * The answer of `call(input)` for an input that changes while the user types (the draft): asked
 * `ms` after the input settles, answers to older inputs dropped, and the last answer kept on screen
 * in between so nothing flickers. A null input asks nothing.
 */
export function useLiveCall<I, O>(input: I | null, call: (input: I) => Promise<O>, ms = 400): LiveResult<O> {
  const [state, setState] = useState<LiveResult<O>>({ data: null, error: null, loading: input !== null });
  const callRef = useRef(call);
  // Runs before the effect below, so it always calls the newest `call`.
  useEffect(() => {
    callRef.current = call;
  });
  const seq = useRef(0);
  const answered = useRef(false);
  useEffect(() => {
    if (input === null) return;
    const mine = ++seq.current;
    // The first answer is wanted at once; later ones wait for the typing to pause.
    const t = setTimeout(
      () => {
        setState((s) => (s.loading ? s : { ...s, loading: true }));
        callRef.current(input).then(
          (data) => {
            answered.current = true;
            if (mine === seq.current) setState({ data, error: null, loading: false });
          },
          (e: unknown) => mine === seq.current && setState((s) => ({ data: s.data, error: errorText(e), loading: false })),
        );
      },
      answered.current ? ms : 0,
    );
    return () => clearTimeout(t);
  }, [input, ms]);
  return state;
}
