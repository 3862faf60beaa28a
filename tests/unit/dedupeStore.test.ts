import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD } from '../../src/shared/api/methods/dedupe';
import { Library } from '../../src/core/library/library';
import { LATEST_VERSION, MIGRATIONS, updateSchema } from '../../src/core/db/migrations';
import { ProposalStore } from '../../src/core/library/proposals';
import { makeProposal } from './helpers/proposals';
import { tmpDir, tmpLibrary } from './helpers/tmp';
import { cjkText } from './helpers/dedupeText';

const proposalText = (seed: number) => ({
  background: cjkText(seed * 10 + 1, 800),
  plan: cjkText(seed * 10 + 2, 700),
  aboutUs: cjkText(seed * 10 + 3, 300),
});

function original(id: string, seed: number, district = '城口县') {
  return makeProposal({ id, title: `项目${seed}`, district, sections: proposalText(seed) });
}

/** A copy another district made: same text, its own name, a paragraph rewritten. */
function copyOf(p: ReturnType<typeof original>, id: string, district: string) {
  return makeProposal({
    id,
    title: p.title,
    district,
    sections: { background: p.sections.background.text.replaceAll('城口县', district), plan: cjkText(999, 300) + p.sections.plan.text, aboutUs: cjkText(998, 300) },
  });
}

const rowCount = (lib: Library) => (lib.db.prepare('SELECT count(*) AS n FROM dedupe_sketches').get() as { n: number }).n;

describe('the library keeps sketches current', () => {
  it('writes a sketch in the transaction of each save, and drops it with the proposal', () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(original('a', 1));
    const first = lib.dedupe.sketches.get('a', lib.dedupe.basis);
    expect(first).toBeInstanceOf(Uint32Array);
    lib.proposals.save({ ...p, sections: { ...p.sections, background: { doc: null, text: cjkText(5, 800) } }, updatedAt: new Date(Date.now() + 1000).toISOString() });
    const second = lib.dedupe.sketches.get('a', lib.dedupe.basis)!;
    expect(Array.from(second)).not.toEqual(Array.from(first!));
    lib.proposals.softDelete('a');
    expect(rowCount(lib)).toBe(0);
    lib.proposals.restore('a');
    expect(rowCount(lib)).toBe(1);
  });

  it('rolls the sketch back with a save that fails', () => {
    const lib = tmpLibrary();
    lib.proposals.insert(original('a', 1));
    const before = Array.from(lib.dedupe.sketches.get('a', lib.dedupe.basis)!);
    expect(() =>
      lib.db.transaction(() => {
        lib.proposals.replace(original('a', 2));
        throw new Error('disk full');
      })(),
    ).toThrow('disk full');
    expect(Array.from(lib.dedupe.sketches.get('a', lib.dedupe.basis)!)).toEqual(before);
  });

  it('gives proposals saved before the feature existed their sketches at the first check', () => {
    const path = join(tmpDir(), 'old.db');
    const db = new Database(path);
    updateSchema(db, MIGRATIONS.filter((m) => m.version <= 3));
    new ProposalStore(db).insert(original('old', 1));
    db.close();

    const lib = Library.open(path);
    try {
      expect(lib.schemaVersion).toBe(LATEST_VERSION);
      expect(rowCount(lib)).toBe(0);
      const { items } = lib.dedupe.similar(copyOf(original('old', 1), 'draft', '巫溪县'), 10, DEFAULT_THRESHOLD);
      expect(items.map((i) => i.id)).toEqual(['old']);
      expect(rowCount(lib)).toBe(1);
    } finally {
      lib.close();
    }
  });

  it('computes the same sketch from the stored fields as from the proposal it saved', () => {
    const lib = tmpLibrary();
    const p = makeProposal({
      id: 'full',
      title: '城口县老年食堂',
      summary: cjkText(50, 80),
      beneficiaries: [{ id: 'b1', type: '独居老人', count: 30, region: '城口县某镇' }],
      milestones: [{ id: 'm1', date: null, title: '启动', detail: cjkText(51, 60) }],
      sections: { ...proposalText(7), goals: cjkText(52, 100), risks: cjkText(53, 90), disclosure: cjkText(54, 70), capacity: cjkText(55, 80) },
    });
    lib.proposals.insert(p);
    const onSave = Array.from(lib.dedupe.sketches.get('full', lib.dedupe.basis)!);
    lib.db.exec('DELETE FROM dedupe_sketches');
    lib.dedupe.index();
    expect(Array.from(lib.dedupe.sketches.get('full', lib.dedupe.basis)!)).toEqual(onSave);
  });

  it('sees what another program wrote to the same library file', () => {
    const lib = tmpLibrary();
    lib.proposals.insert(original('a', 1));
    const draft = copyOf(original('b', 2), 'draft', '巫溪县');
    expect(lib.dedupe.similar(draft, 10, DEFAULT_THRESHOLD).items).toEqual([]);
    const other = Library.open(lib.path);
    other.proposals.insert(original('b', 2));
    other.close();
    expect(lib.dedupe.similar(draft, 10, DEFAULT_THRESHOLD).items.map((i) => i.id)).toEqual(['b']);
  });
});

describe('the live check', () => {
  it('finds the proposal an unsaved draft was copied from, with its score, and nothing unrelated', () => {
    const lib = tmpLibrary();
    const a = lib.proposals.insert(original('a', 1));
    for (let k = 2; k < 30; k++) lib.proposals.insert(original(`u${k}`, k));
    const draft = copyOf(a, 'draft', '巫溪县');
    const { items, tooShort } = lib.dedupe.similar(draft, 10, DEFAULT_THRESHOLD);
    expect(tooShort).toBe(false);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 'a', title: '项目1', district: '城口县', status: 'draft' });
    expect(items[0]!.score).toBeGreaterThan(0.4);
    expect(items[0]!.score).toBeLessThan(1);
  });

  it('does not list the draft itself, merged proposals, or proposals in the trash', () => {
    const lib = tmpLibrary();
    const a = lib.proposals.insert(original('a', 1));
    expect(lib.dedupe.similar(a, 10, DEFAULT_THRESHOLD).items).toEqual([]);
    lib.proposals.insert(original('b', 1));
    expect(lib.dedupe.similar(a, 10, DEFAULT_THRESHOLD).items.map((i) => i.id)).toEqual(['b']);
    lib.proposals.replace({ ...lib.proposals.get('b'), status: 'merged' });
    expect(lib.dedupe.similar(a, 10, DEFAULT_THRESHOLD).items).toEqual([]);
    lib.proposals.insert(original('c', 1));
    lib.proposals.softDelete('c');
    expect(lib.dedupe.similar(a, 10, DEFAULT_THRESHOLD).items).toEqual([]);
  });

  it('says when a draft is too short to compare', () => {
    const lib = tmpLibrary();
    expect(lib.dedupe.similar(makeProposal({ title: '关爱留守儿童' }), 10, DEFAULT_THRESHOLD)).toEqual({ items: [], tooShort: true, kindred: [] });
  });
});

describe('not the same project (不是同一项目)', () => {
  it('is stored, respected by the live check and the report, and can be taken back', () => {
    const path = join(tmpDir(), 'lib.db');
    let lib = Library.open(path);
    const a = lib.proposals.insert(original('a', 1));
    lib.proposals.insert(copyOf(a, 'b', '巫溪县'));
    expect(lib.dedupe.report(DEFAULT_THRESHOLD).clusters).toHaveLength(1);

    lib.dedupe.judge('b', 'a', true);
    lib.close();
    lib = Library.open(path);
    try {
      expect(lib.dedupe.similar(a, 10, DEFAULT_THRESHOLD).items).toEqual([]);
      const report = lib.dedupe.report(DEFAULT_THRESHOLD);
      expect(report.clusters).toEqual([]);
      expect(report.dismissed).toMatchObject([{ a: 'a', b: 'b', aTitle: '项目1', bTitle: '项目1' }]);

      lib.dedupe.judge('a', 'b', false);
      expect(lib.dedupe.similar(a, 10, DEFAULT_THRESHOLD).items.map((i) => i.id)).toEqual(['b']);
      expect(lib.dedupe.report(DEFAULT_THRESHOLD).clusters).toHaveLength(1);
      expect(() => lib.dedupe.judge('a', 'missing', true)).toThrow('不存在');
      expect(() => lib.dedupe.judge('a', 'a', true)).toThrow('两个不同的项目');
    } finally {
      lib.close();
    }
  });

  it('splits a chain only where the reviewer said so', () => {
    const lib = tmpLibrary();
    const a = lib.proposals.insert(original('a', 1));
    lib.proposals.insert(copyOf(a, 'b', '巫溪县'));
    lib.proposals.insert(copyOf(a, 'c', '奉节县'));
    expect(lib.dedupe.report(DEFAULT_THRESHOLD).clusters.map((c) => c.members.map((m) => m.id))).toEqual([['a', 'b', 'c']]);
    lib.dedupe.judge('a', 'b', true);
    const report = lib.dedupe.report(DEFAULT_THRESHOLD);
    // b is still like c, and c like a: one cluster, the judged pair shown as such.
    const cluster = report.clusters[0]!;
    expect(cluster.members.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(cluster.pairs.find((p) => p.a === 'a' && p.b === 'b')).toMatchObject({ judgedDistinct: true, similar: false });
  });
});
