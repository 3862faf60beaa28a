import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD } from '../../src/shared/api/methods/dedupe';
import { SECTION_IDS } from '../../src/shared/domain/catalog';
import type { Proposal } from '../../src/shared/domain/proposal';
import { writeBundle } from '../../src/core/bundle/writeBundle';
import { Boilerplate } from '../../src/core/dedupe/boilerplate';
import { proposalDoc, recordDoc, unweighted } from '../../src/core/dedupe/parts';
import { exactScore, weightedShingles } from '../../src/core/dedupe/sketch';
import { runCli } from '../../src/cli/run';
import type { CliIo } from '../../src/cli/io';
import { CSL_DIR, loadCslClauses, NO_EDIT, SyntheticCorpus, type EditOptions } from '../../bench/corpus/cslCorpus';
import { tmpDir } from './helpers/tmp';
import { cjkText } from './helpers/dedupeText';

/**
 * Without the CSL corpus (a clean clone has no ../shared/corpora) the same suite runs on random
 * Chinese clauses: the planted copies and shared templates are built the same way, only the
 * wording is less like real proposals.
 */
function generatedClauses(): string[] {
  return Array.from({ length: 30_000 }, (_, i) => cjkText(90_000 + i, 14 + (i % 12)).replace(/。/g, ''));
}

const cslClauses = loadCslClauses();
if (!cslClauses) console.warn(`shance dedupe 语料测试改用随机生成的中文：未找到 ${CSL_DIR}（见 ../shared/corpora/README.md）`);
const clauses = cslClauses ?? generatedClauses();

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`), cwd, env: {} };
  const code = await runCli(['dedupe', ...args], io);
  return { code, out, err };
}

/** The edits the issue names, each planted twice. */
const EDITS: Record<string, EditOptions> = {
  insertions: { ...NO_EDIT, insertShare: 0.3 },
  deletions: { ...NO_EDIT, deleteShare: 0.3 },
  reordered: { ...NO_EDIT, reorder: true },
  district: { ...NO_EDIT, changeDistrict: true },
  combined: { deleteShare: 0.15, rewriteShare: 0.1, insertShare: 0.15, reorder: true, changeDistrict: true },
  keepsHalf: { ...NO_EDIT, deleteShare: 0.5 },
  rewritten: { ...NO_EDIT, rewriteShare: 0.4 },
};

const plain = (p: Proposal) => ({ id: p.id, title: p.title, text: SECTION_IDS.map((s) => p.sections[s].text).join('\n') });

describe(`shance dedupe on a generated corpus (${cslClauses ? 'CSL clauses' : 'random Chinese'})`, () => {
  // Templates make up about half of every proposal's text.
  const corpus = new SyntheticCorpus(clauses, 5);
  const originals = Array.from({ length: 60 }, (_, i) => corpus.spec(`o${i}`, 1000 + i));
  const planted: [string, string][] = [];
  const copies: Proposal[] = [];
  Object.entries(EDITS).forEach(([name, edit], k) => {
    for (const i of [k, k + 25]) {
      const copy = corpus.edit(originals[i]!, `${name}${i}`, 5000 + i, edit);
      copies.push(corpus.proposal(copy));
      planted.push([`o${i}`, copy.id]);
    }
  });
  const originalProposals = originals.map((s) => corpus.proposal(s));

  function write(): { dir: string; templates: string; noTemplates: string } {
    const dir = tmpDir();
    writeFileSync(join(dir, 'originals.jsonl'), originalProposals.map((p) => JSON.stringify(p)).join('\n'));
    mkdirSync(join(dir, 'folder', 'nested'), { recursive: true });
    copies.slice(0, 5).forEach((p, i) => writeFileSync(join(dir, 'folder', i % 2 ? 'nested' : '', `${p.id}.json`), JSON.stringify(p)));
    writeFileSync(join(dir, 'copies.shance'), writeBundle(copies.slice(5, 10), [], 'test'));
    writeFileSync(join(dir, 'records.jsonl'), copies.slice(10).map((p) => JSON.stringify(plain(p))).join('\n'));
    const templates = join(dir, 'templates');
    mkdirSync(join(templates, 'handbook'), { recursive: true });
    writeFileSync(join(templates, 'handbook', 'focus-areas.json'), JSON.stringify({ version: '1', templates: corpus.templateTexts() }));
    const noTemplates = join(dir, 'empty');
    mkdirSync(noTemplates);
    return { dir, templates, noTemplates };
  }

  it('plants copies that are similar and unrelated proposals that share only a template', () => {
    const bp = Boilerplate.fromTexts(corpus.templateTexts());
    const byId = new Map([...originalProposals, ...copies].map((p) => [p.id, unweighted(proposalDoc(p))]));
    for (const [a, b] of planted) {
      expect(exactScore(weightedShingles(byId.get(a)!, bp), weightedShingles(byId.get(b)!, bp))).toBeGreaterThan(DEFAULT_THRESHOLD + 0.05);
    }
    // The template alone would make unrelated proposals of one focus area look alike.
    const sameArea = originalProposals.filter((p) => p.focusArea === originalProposals[0]!.focusArea);
    expect(sameArea.length).toBeGreaterThan(2);
    const [x, y] = sameArea;
    expect(exactScore(weightedShingles(byId.get(x!.id)!, Boilerplate.none), weightedShingles(byId.get(y!.id)!, Boilerplate.none))).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(exactScore(weightedShingles(byId.get(x!.id)!, bp), weightedShingles(byId.get(y!.id)!, bp))).toBeLessThan(0.05);
  });

  it('finds every planted copy, from files, folders, bundles and plain records, and nothing else', async () => {
    const { dir, templates } = write();
    const { code, out, err } = await cli(['originals.jsonl', 'folder', 'copies.shance', 'records.jsonl', '--templates', templates, '--json'], dir);
    expect(code).toBe(0);
    expect(err).toContain('全部按全文等权比较');
    const result = JSON.parse(out) as { pairs: { a: string; b: string; score: number }[]; clusters: string[][] };
    expect(Object.keys(result)).toEqual(['threshold', 'pairs', 'clusters', 'commonShingles', 'kindred']);
    for (const p of result.pairs) expect(Object.keys(p)).toEqual(['a', 'b', 'score', 'percent']);
    const found = result.pairs.map((p) => [p.a, p.b].sort().join(' '));
    expect(found.sort()).toEqual(planted.map((p) => [...p].sort().join(' ')).sort());
    expect(result.clusters.map((c) => c.length)).toEqual(planted.map(() => 2));
    for (const p of result.pairs) expect(p.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it('reports unrelated proposals as alike when it is not told the template', async () => {
    const { dir, noTemplates } = write();
    const { out } = await cli(['originals.jsonl', '--templates', noTemplates, '--json'], dir);
    expect((JSON.parse(out) as { pairs: unknown[] }).pairs.length).toBeGreaterThan(0);
  });

  it('prints a readable summary without --json', async () => {
    const { dir, templates } = write();
    const { code, out } = await cli(['originals.jsonl', 'folder', '--templates', templates], dir);
    expect(code).toBe(0);
    expect(out).toContain('发现 5 对相似项目，5 个相似项目组');
    expect(out).toContain('第 1 组（2 个项目）');
  });
});

describe('shance dedupe input problems', () => {
  const text = (seed: number) => cjkText(seed, 400);

  it('reports bad lines and repeated ids with their line numbers, and checks the rest', async () => {
    const dir = tmpDir();
    const lines = [
      JSON.stringify({ id: 'a', title: '甲', text: text(1) }),
      '{"id": "b", "title": ',
      JSON.stringify({ id: 'c', title: '甲', text: text(1) }),
      JSON.stringify({ id: 'a', title: '重复', text: text(3) }),
      '',
      JSON.stringify({ title: '没有编号', text: text(4) }),
      JSON.stringify({ schemaVersion: 1, id: 'bad id!' }),
      JSON.stringify({ id: 7, text: text(5) }),
    ];
    writeFileSync(join(dir, 'list.jsonl'), lines.join('\n'));
    writeFileSync(join(dir, 'more.jsonl'), JSON.stringify({ id: 'c', title: '又一个丙', text: text(6) }));
    const { code, out, err } = await cli(['list.jsonl', 'more.jsonl', 'missing.json', '--json'], dir);
    expect(code).toBe(0);
    expect(err).toContain('「list.jsonl」第 2 行不是有效的 JSON');
    expect(err).toContain('「list.jsonl」第 4 行：项目编号「a」与第 1 行重复');
    expect(err).toContain('「list.jsonl」第 6 行：既不是善策项目');
    expect(err).toContain('「list.jsonl」第 7 行：项目内容不符合格式要求');
    // The same id in two inputs: both are kept and told apart as file:id.
    expect(err).toContain('项目编号 「c」 在多个输入中出现，都已比对，以「文件:编号」区分');
    expect(err).toContain('找不到「missing.json」');
    expect(err).not.toContain('第 5 行');
    expect(err).not.toContain('第 8 行');
    // a and c (identical text) are still compared; the numeric id 7 is read as "7".
    expect(JSON.parse(out)).toEqual({
      threshold: 0.25,
      pairs: [{ a: 'a', b: 'list.jsonl:c', score: 1, percent: '100%' }],
      clusters: [['a', 'list.jsonl:c']],
      commonShingles: 0,
      kindred: [],
    });
  });

  it('refuses a threshold outside 0–1 in Chinese', async () => {
    const dir = tmpDir();
    writeFileSync(join(dir, 'x.jsonl'), JSON.stringify(recordDoc({ id: 'a', title: '', text: text(1) })));
    const { code, err } = await cli(['x.jsonl', '--threshold', '1.5'], dir);
    expect(code).toBe(2);
    expect(err).toContain('--threshold 应为 0 到 1 之间的数');
  });
});
