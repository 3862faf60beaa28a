import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';
import { compareProposals } from '../../src/core/dedupe/compare';
import { Library } from '../../src/core/library/library';
import { Boilerplate } from '../../src/core/dedupe/boilerplate';
import { commonLimit, DocumentFrequency } from '../../src/core/dedupe/commonShingles';
import { findDuplicates } from '../../src/core/dedupe/findDuplicates';
import type { DedupeDoc } from '../../src/core/dedupe/parts';
import { normalizeText } from '../../src/core/dedupe/normalize';
import { shingleHashes } from '../../src/core/dedupe/shingles';
import { DEFAULT_THRESHOLD, scorePercent } from '../../src/shared/api/methods/dedupe';
import { cjkText as ownText, editedText as edited } from './helpers/dedupeText';
import { makeProposal } from './helpers/proposals';
import { tmpDir, tmpLibrary } from './helpers/tmp';

/**
 * An association's standard introduction, longer than each proposal's own text: every one of the 60
 * proposals below starts with it.
 */
const INTRO = [
  '重庆市某区慈善会成立于二〇〇八年，是经区民政局登记、具有公开募捐资格的慈善组织，',
  '以“扶老、助残、救孤、济困、赈灾”为宗旨，长期在城乡社区开展助学、助老、助医和应急救助等公益项目。',
  '本会设有理事会和监事会，财务独立核算，每年接受第三方审计，审计报告和年度工作报告均在全国慈善信息公开平台公开。',
  '本会严格遵守《中华人民共和国慈善法》《慈善组织公开募捐管理办法》等法律法规，募得善款全部用于项目受益人，',
  '项目执行中接受捐赠人、受益人和社会公众的监督，并按规定定期公开项目进展和财务收支情况。',
  '本会现有专职工作人员十二名、注册志愿者三千余名，与辖区街道、社区、学校和医院建立了长期合作关系，',
  '具备开展本项目所需的组织能力、执行网络和财务管理制度。',
].join('').repeat(2);

const OWN_CHARS = 300;

function library60(): { docs: DedupeDoc[]; copies: [string, string][] } {
  const docs: DedupeDoc[] = [];
  for (let i = 0; i < 60; i++) {
    docs.push({ id: `p${i}`, title: `项目${i}`, parts: [{ key: 'text', text: INTRO + ownText(1000 + i, OWN_CHARS), weight: 1 }] });
  }
  // Three districts copied another's proposal and edited a tenth of its own text.
  const copies: [string, string][] = [];
  for (const i of [3, 17, 42]) {
    const id = `copy-of-p${i}`;
    docs.push({ id, title: `项目${i}（改写）`, parts: [{ key: 'text', text: INTRO + edited(ownText(1000 + i, OWN_CHARS), 0.1, i), weight: 1 }] });
    copies.push([`p${i}`, id]);
  }
  return { docs, copies };
}

describe('wording many proposals share is background', () => {
  it('the introduction is more than half of each text', () => {
    expect([...INTRO].length).toBeGreaterThan(OWN_CHARS * 1.5);
  });

  it('60 unrelated proposals sharing a long introduction are not clustered; edited copies among them still are', () => {
    const { docs, copies } = library60();
    const result = findDuplicates(docs, Boilerplate.none, DEFAULT_THRESHOLD);
    expect(result.clusters.map((c) => [...c].sort())).toEqual(copies.map((pair) => [...pair].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    expect(result.pairs.every((p) => p.score > 0.35)).toBe(true);
    expect(result.commonShingles).toBeGreaterThan(250);
    expect(result.tooShort).toEqual([]);
  });

  it('without the discount the same library would be one big cluster (the test set is a real trap)', () => {
    const { docs } = library60();
    // Only the handbook's boilerplate, as before: the introduction makes every pair look alike.
    const all = docs.map((d) => ({ ...d, parts: d.parts.map((p) => ({ ...p })) }));
    const few = all.slice(0, commonLimit(0) - 1);
    const result = findDuplicates(few, Boilerplate.none, DEFAULT_THRESHOLD);
    expect(result.clusters).toHaveLength(1);
    expect(result.clusters[0]!.length).toBe(few.length);
  });

  it('document frequencies are counted per proposal, never too low', () => {
    const df = new DocumentFrequency();
    const text = ownText(7, 50);
    df.add({ id: 'a', title: '', parts: [{ key: 'text', text: text + text, weight: 1 }] });
    df.add({ id: 'b', title: '', parts: [{ key: 'text', text, weight: 1 }] });
    const hashes = shingleHashes(normalizeText(text));
    // Twice in the first proposal, once in the second: two proposals.
    expect(df.count(hashes[0]!)).toBe(2);
    expect(df.docs).toBe(2);
    expect(commonLimit(60)).toBe(10);
    expect(commonLimit(5000)).toBe(50);
  });

  it('the library report ignores the shared introduction too, and reports the copies', () => {
    const lib = tmpLibrary();
    const { docs, copies } = library60();
    for (const d of docs) lib.proposals.insert(makeProposal({ id: d.id, title: d.title, sections: { background: d.parts[0]!.text } }));
    const report = lib.dedupe.report(DEFAULT_THRESHOLD);
    expect(report.clusters.map((c) => c.members.map((m) => m.id).sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1))).toEqual(
      copies.map((pair) => [...pair].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    // Passages shown are the copied text, not the introduction.
    for (const c of report.clusters) for (const p of c.pairs[0]!.passages) expect(INTRO.includes(p.text.replace(/…$/, ''))).toBe(false);
  });
});

describe('shance dedupe keeps every input and scores as the app does', () => {
  async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CliIo = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`), cwd, env: {} };
    const code = await runCli(['dedupe', ...args], io);
    return { code, out, err };
  }

  it('two files with the same proposal id are both kept, told apart as file:id', async () => {
    const dir = tmpDir();
    const original = makeProposal({ id: 'zhucan', title: '助餐', sections: { background: ownText(11, 400), plan: ownText(12, 300) } });
    const copied = { ...original, title: '助餐（巫溪）', sections: { ...original.sections, plan: { doc: null, text: edited(original.sections.plan.text, 0.1, 5) } } };
    mkdirSync(join(dir, 'chengkou'));
    mkdirSync(join(dir, 'wuxi'));
    writeFileSync(join(dir, 'chengkou', 'p.json'), JSON.stringify(original));
    writeFileSync(join(dir, 'wuxi', 'p.json'), JSON.stringify(copied));
    const r = await cli(['.', '--json'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { pairs: { a: string; b: string; percent: string }[] };
    expect(json.pairs.map((p) => [p.a, p.b])).toEqual([[join('.', 'chengkou', 'p.json') + ':zhucan', join('.', 'wuxi', 'p.json') + ':zhucan']]);
    expect(r.err).toContain('「zhucan」 在多个输入中出现');
  });

  it('the CLI, the library report, 对照 and the live panel give the same percent for the same two proposals', async () => {
    const dir = tmpDir();
    const a = makeProposal({ id: 'a', title: '城口助餐', sections: { background: ownText(21, 500), plan: ownText(22, 300) }, beneficiaries: [{ id: 'b1', type: '独居老人', count: 30, region: '城口县' }] });
    const b = makeProposal({
      id: 'b',
      title: '巫溪助餐',
      sections: { background: edited(a.sections.background.text, 0.08, 1), plan: edited(a.sections.plan.text, 0.2, 2) },
      beneficiaries: [{ id: 'b1', type: '独居老人', count: 40, region: '巫溪县' }],
    });
    const lib = tmpLibrary();
    lib.proposals.insert(a);
    lib.proposals.insert(b);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(a));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(b));
    const cliPair = (JSON.parse((await cli(['a.json', 'b.json', '--json'], dir)).out) as { pairs: { percent: string }[] }).pairs[0]!;
    const reportPair = lib.dedupe.report(DEFAULT_THRESHOLD).clusters[0]!.pairs[0]!;
    const compared = compareProposals(a, b, lib.dedupe.currentBoilerplate);
    const live = lib.dedupe.similar(b, 5, DEFAULT_THRESHOLD).items.find((i) => i.id === 'a')!;
    const shown = [cliPair.percent, scorePercent(reportPair.score), scorePercent(compared.score), scorePercent(live.score)];
    expect(new Set(shown).size).toBe(1);
    expect(reportPair.score).toBeCloseTo(compared.score, 12);
    expect(live.score).toBeCloseTo(compared.score, 12);
  });
});

describe('the report is a record', () => {
  it('the last 同质化检查 is stored with its time and threshold and read back after reopening', () => {
    const dir = tmpDir();
    const path = join(dir, 'lib.db');
    const lib = Library.open(path);
    expect(lib.dedupe.lastReport()).toBeNull();
    const text = ownText(31, 600);
    lib.proposals.insert(makeProposal({ id: 'a', title: '甲', sections: { background: text } }));
    lib.proposals.insert(makeProposal({ id: 'b', title: '乙', sections: { background: edited(text, 0.05, 3) } }));
    const made = lib.dedupe.report(0.4);
    lib.close();
    const again = Library.open(path);
    const stored = again.dedupe.lastReport()!;
    expect(stored.threshold).toBe(0.4);
    expect(stored.generatedAt).toBe(made.generatedAt);
    expect(stored.clusters.map((c) => c.members.map((m) => m.id))).toEqual([['a', 'b']]);
    again.close();
  });

  it('相同地域 comes from the beneficiaries, not the filing region', () => {
    const lib = tmpLibrary();
    const text = ownText(41, 600);
    const filing = { number: '', region: '重庆市', contactName: '', contactAddress: '', donationMethod: '', remainderPlan: '' };
    lib.proposals.insert(makeProposal({ id: 'a', sections: { background: text }, filing, beneficiaries: [{ id: 'x', type: '老人', count: 1, region: '城口县' }] }));
    lib.proposals.insert(makeProposal({ id: 'b', sections: { background: edited(text, 0.05, 4) }, filing, beneficiaries: [{ id: 'x', type: '老人', count: 1, region: '巫溪县' }] }));
    const [cluster] = lib.dedupe.report(DEFAULT_THRESHOLD).clusters;
    expect(cluster!.shared.regions).toEqual([]);
  });
});
