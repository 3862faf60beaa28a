import { countChars, offsetAfter, type CountMode } from '../../shared/rules/count';
import { fieldText, type FieldFormat, type FieldSource } from '../../shared/rules/fieldSources';
import type { Proposal } from '../../shared/domain/proposal';

const NOT_BLANK = /\S/u;

/** One part of a platform field: its text and where it starts in the joined text. */
export interface Part {
  source: FieldSource;
  /** Identifies the part's text (source and format) for the count cache. */
  key: string;
  text: string;
  offset: number;
}

/** A platform field's text as pasted into the form: its filled parts joined by a blank line. */
export interface JoinedText {
  key: string;
  text: string;
  parts: Part[];
}

const SEPARATOR = '\n\n';
const textKey = (source: FieldSource, f: FieldFormat) => (f.date || f.money ? `${source}|${f.date ?? ''}|${f.money ?? ''}` : source);

/**
 * One proposal as the rules read it. Texts, joined texts and counts are computed once per check run
 * and shared by every pack, so checking against fourteen packs costs little more than against one.
 */
export class ProposalView {
  private readonly texts = new Map<string, string>();
  private readonly joins = new Map<string, JoinedText>();
  private readonly counts = new Map<string, number>();
  private readonly overflows = new Map<string, { part: Part; start: number } | null>();

  constructor(readonly p: Proposal) {}

  /** The field's plain text; finding ranges are UTF-16 offsets into text(field) with the default format. */
  text(source: FieldSource, format: FieldFormat = {}): string {
    const key = textKey(source, format);
    let t = this.texts.get(key);
    if (t === undefined) {
      t = fieldText(this.p, source, format);
      this.texts.set(key, t);
    }
    return t;
  }

  /** Platforms often fill several fields from the same parts: each combination is built once. */
  joined(from: readonly FieldSource[], format: FieldFormat = {}): JoinedText {
    const key = from.map((s) => textKey(s, format)).join('+');
    let j = this.joins.get(key);
    if (!j) {
      const parts: Part[] = [];
      let offset = 0;
      for (const source of from) {
        const text = this.text(source, format);
        if (text === '') continue;
        if (parts.length > 0) offset += SEPARATOR.length;
        parts.push({ source, key: textKey(source, format), text, offset });
        offset += text.length;
      }
      j = { key, text: parts.map((x) => x.text).join(SEPARATOR), parts };
      this.joins.set(key, j);
    }
    return j;
  }

  /**
   * The length of one part or of a joined text, counted once per mode. A joined text is counted as
   * its parts plus the separators: a line break never joins characters, so the sum is exact.
   */
  count(of: JoinedText | FieldSource, mode: CountMode): number {
    if (typeof of === 'string') return this.countPart({ key: of, text: this.text(of) }, mode);
    const sep = countChars(SEPARATOR, mode);
    return of.parts.reduce((n, part, i) => n + this.countPart(part, mode) + (i > 0 ? sep : 0), 0);
  }

  countPart(part: { key: string; text: string }, mode: CountMode): number {
    const k = `${mode}|${part.key}`;
    let n = this.counts.get(k);
    if (n === undefined) {
      n = countChars(part.text, mode);
      this.counts.set(k, n);
    }
    return n;
  }

  /**
   * Where a joined text passes `limit`: the part it happens in and the offset there. Only that
   * part is walked character by character; the others are skipped by their cached counts.
   */
  overflow(j: JoinedText, limit: number, mode: CountMode): { part: Part; start: number } | null {
    // Packs often share a limit on the same text (the federation's defaults): find it once.
    const key = `${mode}|${limit}|${j.key}`;
    if (!this.overflows.has(key)) this.overflows.set(key, this.findOverflow(j, limit, mode));
    return this.overflows.get(key)!;
  }

  private findOverflow(j: JoinedText, limit: number, mode: CountMode): { part: Part; start: number } | null {
    const sep = countChars(SEPARATOR, mode);
    let n = 0;
    for (const [i, part] of j.parts.entries()) {
      if (i > 0) n += sep;
      // Over the limit within the blank line before this part: the overflow starts with the part.
      if (n > limit) return { part, start: 0 };
      const c = this.countPart(part, mode);
      if (n + c > limit) return { part, start: offsetAfter(part.text, limit - n, mode) ?? 0 };
      n += c;
    }
    return null;
  }

  /** Whether the part is filled in: lists by their items, everything else by its text. */
  filled(source: FieldSource): boolean {
    const p = this.p;
    switch (source) {
      case 'images':
        return p.images.length > 0;
      case 'milestones':
        return p.milestones.length > 0;
      case 'budget':
        return p.budget.lines.length > 0;
      case 'beneficiaries':
        return p.beneficiaries.length > 0;
      case 'executors':
        return p.roles.executors.some((e) => NOT_BLANK.test(e.name));
      case 'fundraisingPeriod':
        return p.fundraisingPeriod.start !== null && p.fundraisingPeriod.end !== null;
      case 'projectPeriod':
        return p.projectPeriod.start !== null && p.projectPeriod.end !== null;
      default:
        return NOT_BLANK.test(this.text(source));
    }
  }
}
