import type { Sql } from './sql';

/**
 * Take the next change number. Every write transaction that others must see calls this: the row
 * lock on the single counter row orders committing writers, so pulls paging by `seq > cursor` never
 * skip a change that commits late.
 */
export async function nextSeq(tx: Sql): Promise<number> {
  const rows = await tx.query<{ seq: number | string }>('UPDATE change_counter SET seq = seq + 1 RETURNING seq');
  return Number(rows[0]!.seq);
}
