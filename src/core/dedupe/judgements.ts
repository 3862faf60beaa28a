import type { Db } from '../db/open';

/** A pair in the order it is stored: the smaller id first. */
export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

export function pairKey(x: string, y: string): string {
  const [a, b] = orderedPair(x, y);
  return `${a}\n${b}`;
}

/** Reviewers' "not the same project" (不是同一项目) judgements, kept until taken back. */
export class JudgementTable {
  constructor(private readonly db: Db) {}

  setDistinct(x: string, y: string, distinct: boolean): void {
    const [a, b] = orderedPair(x, y);
    if (distinct) {
      this.db
        .prepare(
          `INSERT INTO dedupe_judgements (a, b, verdict, decided_at) VALUES (?, ?, 'distinct', ?)
           ON CONFLICT (a, b) DO UPDATE SET decided_at = excluded.decided_at`,
        )
        .run(a, b, new Date().toISOString());
    } else {
      this.db.prepare('DELETE FROM dedupe_judgements WHERE a = ? AND b = ?').run(a, b);
    }
  }

  /** Every judged pair, by pairKey, with when it was decided. */
  all(): Map<string, string> {
    const rows = this.db.prepare('SELECT a, b, decided_at FROM dedupe_judgements').all() as { a: string; b: string; decided_at: string }[];
    return new Map(rows.map((r) => [pairKey(r.a, r.b), r.decided_at]));
  }

  /** The ids judged not to be the same project as `id`. */
  distinctFrom(id: string): Set<string> {
    const rows = this.db.prepare('SELECT b AS other FROM dedupe_judgements WHERE a = ? UNION SELECT a FROM dedupe_judgements WHERE b = ?').all(id, id) as {
      other: string;
    }[];
    return new Set(rows.map((r) => r.other));
  }
}
