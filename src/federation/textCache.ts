/**
 * Proposals' JSON text by change number, the most recently used kept up to a size. A change number
 * names one stored version for good (every change takes a new one), so an entry never goes stale,
 * even with several servers on one PostgreSQL. When 42 desks pull the same fresh proposals, the
 * database reads each text once instead of once per desk.
 */
export class TextCache {
  private readonly texts = new Map<number, string>();
  /** The change numbers held, ascending: a pull asks for those after its cursor, usually a few at the end. */
  private readonly seqs: number[] = [];
  private size = 0;

  /** `maxChars` bounds the memory held: about two bytes a character for Chinese text. */
  constructor(private readonly maxChars = 32 * 1024 * 1024) {}

  /** Remember a text, or mark it used: most recently used last, so the oldest go first. */
  set(seq: number, text: string): void {
    if (text.length > this.maxChars) return;
    const before = this.texts.get(seq);
    if (before !== undefined) {
      this.texts.delete(seq);
      this.size -= before.length;
    } else {
      this.seqs.splice(this.firstAfter(seq), 0, seq);
    }
    this.texts.set(seq, text);
    this.size += text.length;
    for (const [oldest, old] of this.texts) {
      if (this.size <= this.maxChars) break;
      this.texts.delete(oldest);
      this.seqs.splice(this.firstAfter(oldest) - 1, 1);
      this.size -= old.length;
    }
  }

  /** Where the first change number above `seq` is, or would be, in `seqs`. */
  private firstAfter(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The text of change `seq`, when held (a push takes its change against the revision before). */
  get(seq: number): string | undefined {
    return this.texts.get(seq);
  }

  /**
   * The texts held after `cursor`, the `max` first: those a pull from there need not read again. A
   * copy of the references, so texts dropped while the pull's query runs are still at hand.
   */
  after(cursor: number, max = Infinity): Map<number, string> {
    const out = new Map<number, string>();
    const from = this.firstAfter(cursor);
    for (let i = from; i < Math.min(this.seqs.length, from + max); i++) out.set(this.seqs[i]!, this.texts.get(this.seqs[i]!)!);
    return out;
  }
}
