import { useEffect, useState, useSyncExternalStore } from 'react';
import { errorText } from './errors';

/**
 * The one way the renderer keeps an answer in step with something the user is typing (the rules
 * check, the similar projects, the handbook's progress and guide). Every live check shares the same
 * rules, so none can drift into its own:
 * - a change waits `delayMs` for a pause in typing; the first question about a subject (a proposal
 *   just opened) and a forced one go at once;
 * - at most one call is out at a time; what changed meanwhile is asked when it returns, so answers
 *   come back in the order asked and an older answer never overwrites a newer one;
 * - an answer about a subject no longer wanted (another proposal) or arriving after `cancel` is
 *   dropped;
 * - a failed call keeps the last answer on screen and says why (`error`); the next change asks again.
 */
export interface LiveState<I, O> {
  /** The subject asked about (see LiveCallOptions.subject); null before the first request. */
  subject: unknown;
  /** The input `data` answers (positions in the answer refer to its text); null before the first answer. */
  input: I | null;
  data: O | null;
  /** The wanted input has no answer yet: a call is waiting or out. */
  pending: boolean;
  error: string | null;
}

export interface LiveCallOptions<I, O> {
  call: (input: I) => Promise<O>;
  /** How long the input must stay unchanged before it is asked about. */
  delayMs: number;
  /** What an input is about; a new subject drops the answer shown and is asked at once. Default: all one subject. */
  subject?: (input: I) => unknown;
  /** Inputs with the same key have the same answer, so a change that keeps the key asks nothing. Default: the input object. */
  key?: (input: I) => unknown;
  /** Keep the parts of the previous answer that did not change, so their readers are not drawn again. */
  merge?: (previous: O, fresh: O) => O;
}

const NOTHING = Symbol('nothing asked');

export class LiveCall<I, O> {
  private state: LiveState<I, O> = { subject: null, input: null, data: null, pending: false, error: null };
  private readonly listeners = new Set<() => void>();
  private wanted: I | null = null;
  /** The last input sent, and the key of the last one answered without error. */
  private asked: I | null = null;
  private answeredKey: unknown = NOTHING;
  private forced = false;
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by `cancel`: calls sent before it answer into the void. */
  private epoch = 0;

  constructor(private options: LiveCallOptions<I, O>) {}

  /** A component's call may be a new closure each render; the next question uses the newest. */
  setCall(call: (input: I) => Promise<O>): void {
    this.options = { ...this.options, call };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (): LiveState<I, O> => this.state;

  private publish(next: Partial<LiveState<I, O>>): void {
    this.state = { ...this.state, ...next };
    for (const l of this.listeners) l();
  }

  private subjectOf(input: I): unknown {
    return this.options.subject ? this.options.subject(input) : null;
  }

  private keyOf(input: I): unknown {
    return this.options.key ? this.options.key(input) : input;
  }

  /** Ask about `input` once the typing pauses; the same input object asked twice costs nothing unless forced. */
  request(input: I, { force = false }: { force?: boolean } = {}): void {
    if (input === this.wanted && !force) return;
    const subject = this.subjectOf(input);
    const another = this.wanted === null || !Object.is(subject, this.state.subject);
    this.wanted = input;
    if (another) {
      this.state = { subject, input: null, data: null, pending: false, error: null };
      this.asked = null;
      this.answeredKey = NOTHING;
    }
    if (force) this.forced = true;
    if (this.timer) clearTimeout(this.timer);
    const unanswered = this.state.input === null && this.state.error === null;
    this.timer = setTimeout(() => void this.run(), unanswered || force ? 0 : this.options.delayMs);
    if (another || !this.state.pending) this.publish({ pending: true });
  }

  /** Stop: no call is scheduled and answers still out are dropped. A later `request` starts afresh. */
  cancel(): void {
    this.epoch += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight = false;
    this.wanted = null;
    this.asked = null;
    this.answeredKey = NOTHING;
    this.forced = false;
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.inFlight) return; // the call out now asks again when it returns
    const input = this.wanted;
    if (input === null || (input === this.asked && !this.forced)) return;
    const key = this.keyOf(input);
    if (!this.forced && Object.is(key, this.answeredKey)) {
      // Nothing the answer depends on changed: the answer shown is the answer.
      this.asked = input;
      this.publish({ pending: false });
      return;
    }
    const epoch = this.epoch;
    this.inFlight = true;
    this.forced = false;
    this.asked = input;
    const current = () => epoch === this.epoch && this.wanted !== null && Object.is(this.subjectOf(this.wanted), this.subjectOf(input));
    try {
      const fresh = await this.options.call(input);
      if (current()) {
        this.answeredKey = key;
        const previous = this.state.data;
        const data = previous !== null && this.options.merge ? this.options.merge(previous, fresh) : fresh;
        this.publish({ input, data, error: null, pending: this.wanted !== input });
      }
    } catch (e) {
      if (current()) {
        this.answeredKey = NOTHING;
        this.publish({ error: errorText(e), pending: this.wanted !== input });
      }
    } finally {
      if (epoch === this.epoch) {
        this.inFlight = false;
        if (this.wanted !== null && (this.wanted !== this.asked || this.forced) && !this.timer) void this.run();
      }
    }
  }
}

/** The state of a live check shared by several parts of the screen. */
export function useLive<I, O>(live: LiveCall<I, O>): LiveState<I, O> {
  return useSyncExternalStore(live.subscribe, live.get);
}

export interface LiveResult<O> {
  data: O | null;
  error: string | null;
  /** A newer answer is on its way; `data` still shows the previous one. */
  loading: boolean;
}

/**
 * A live check owned by one component: `call(input)` for an input that changes while the user
 * types (see LiveCall). A null input asks nothing; unmounting drops what is still out.
 */
export function useLiveCall<I, O>(input: I | null, call: (input: I) => Promise<O>, delayMs = 400): LiveResult<O> {
  const [live] = useState(() => new LiveCall<I, O>({ call, delayMs }));
  // Runs before the request below, so it always calls the newest `call`.
  useEffect(() => live.setCall(call));
  useEffect(() => {
    if (input !== null) live.request(input);
  }, [live, input]);
  useEffect(() => () => live.cancel(), [live]);
  const s = useLive(live);
  // Before the first request has run, an input waiting to be asked is already "loading".
  const waiting = input !== null && s.input === null && s.error === null;
  return { data: s.data, error: s.error, loading: s.pending || waiting };
}
