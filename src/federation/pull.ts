import type { Proposal } from '../shared/domain/proposal';
import type { FederationOutput, FederationUser } from '../shared/federation/contract';
import type { RulePack } from '../shared/rules/pack';
import type { Sql } from './db/sql';
import { canSee } from './policy';
import { toServerProposal, type ProposalRow } from './proposals';

type Pull = FederationOutput<'sync.pull'>;

interface Seqd {
  seq: number;
}

/**
 * Everything that changed after `cursor` that this user may see, in change order, one page at a
 * time. Each table is read up to `limit + 1` rows past the cursor; the page is the first `limit`
 * changes across all of them, and the new cursor the last change on the page.
 */
export async function pull(db: Sql, user: FederationUser, cursor: number, limit: number): Promise<Pull> {
  const n = limit + 1;
  const [proposals, conflicts, packs, handbooks] = await Promise.all([
    db.query<ProposalRow>('SELECT * FROM proposals WHERE seq > $1 ORDER BY seq LIMIT $2', [cursor, n]),
    // Conflicts concern the desks that edit: the owning district's.
    user.role === 'drafter'
      ? db.query<{ id: number | string; proposal_id: string; doc: unknown; by_user: string; at: Date; seq: number | string }>(
          'SELECT id, proposal_id, doc, by_user, at, seq FROM conflicts WHERE seq > $1 AND district = $2 ORDER BY seq LIMIT $3',
          [cursor, user.district, n],
        )
      : Promise.resolve([]),
    db.query<{ doc: unknown; published_by: string; published_at: Date; seq: number | string }>(
      'SELECT doc, published_by, published_at, seq FROM rule_packs WHERE seq > $1 ORDER BY seq LIMIT $2',
      [cursor, n],
    ),
    db.query<{ version: string; package: Uint8Array; published_by: string; published_at: Date; seq: number | string }>(
      'SELECT version, package, published_by, published_at, seq FROM handbooks WHERE seq > $1 ORDER BY seq LIMIT $2',
      [cursor, n],
    ),
  ]);
  type Item = Seqd & { apply(out: Pull): void };
  const items: Item[] = [
    ...proposals.map((r) => ({
      seq: Number(r.seq),
      apply: (out: Pull) => {
        // A proposal this user may not see (another district's draft, or one sent back to 草稿) is
        // named as removed, never sent: the desk drops any copy it held.
        if (canSee(user, r)) out.proposals.push(toServerProposal(r));
        else out.removed.push(r.id);
      },
    })),
    ...conflicts.map((r) => ({
      seq: Number(r.seq),
      apply: (out: Pull) => {
        const p = r.doc as Proposal;
        out.conflicts.push({ id: r.proposal_id, title: p.title, conflictRev: Number(r.id), proposal: p, by: r.by_user, at: r.at.toISOString() });
      },
    })),
    ...packs.map((r) => ({
      seq: Number(r.seq),
      apply: (out: Pull) => out.packs.push({ pack: r.doc as RulePack, publishedBy: r.published_by, publishedAt: r.published_at.toISOString() }),
    })),
    ...handbooks.map((r) => ({
      seq: Number(r.seq),
      apply: (out: Pull) =>
        out.handbooks.push({ version: r.version, package: Buffer.from(r.package).toString('base64'), publishedBy: r.published_by, publishedAt: r.published_at.toISOString() }),
    })),
  ].sort((a, b) => a.seq - b.seq);
  const page = items.slice(0, limit);
  const out: Pull = {
    proposals: [],
    removed: [],
    packs: [],
    handbooks: [],
    conflicts: [],
    cursor: page.length > 0 ? page[page.length - 1]!.seq : cursor,
    more: items.length > limit,
    serverTime: new Date().toISOString(),
  };
  for (const item of page) item.apply(out);
  await db.query(
    `INSERT INTO sync_log (user_name, district, at) VALUES ($1, $2, now()) ON CONFLICT (user_name) DO UPDATE SET district = EXCLUDED.district, at = EXCLUDED.at`,
    [user.name, user.district],
  );
  return out;
}
