/**
 * npm run bench -- review — the diff a reviewer reads and the history they open.
 *   1. character-level diff of two 20,000-character revisions differing in about 10% of the text
 *      (target < 50 ms), and of two unrelated texts (must return promptly, labelled coarse);
 *   2. opening 历史版本 of a proposal with 200 submit revisions: the list, the log and the diff of
 *      the last two (target < 300 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Library } from '../src/core/library/library';
import { compareProposals } from '../src/core/review/compare';
import { diffText } from '../src/core/review/textDiff';
import { newProposal } from '../src/shared/domain/factory';
import { textToDoc } from '../src/shared/domain/richText';

const PHRASES = ['社区长者助餐点', '每日为独居老人供应午餐', '由志愿者送达行动不便的老人家中', '街道社工每月回访', '餐费由慈善资金补贴', '老人自付部分不超过五元', '项目执行期一年', '定期公开资金使用情况'];
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}
function text(chars: number, r: () => number): string {
  let s = '';
  while (s.length < chars) s += `${PHRASES[Math.floor(r() * PHRASES.length)]}${r() < 0.3 ? '。' : '，'}`;
  return s.slice(0, chars);
}
/** Change about `share` of the characters, in short runs spread through the text. */
function edit(s: string, share: number, r: () => number): string {
  const chars = Array.from(s);
  let changed = 0;
  while (changed < chars.length * share) {
    const at = Math.floor(r() * chars.length);
    const len = 3 + Math.floor(r() * 12);
    const repl = Array.from(text(len, r));
    chars.splice(at, len, ...repl);
    changed += len;
  }
  return chars.join('');
}
function time<T>(fn: () => T, runs: number): { ms: number; value: T } {
  let value = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, value };
}

const r = rng(42);
const a = text(20_000, r);
const b = edit(a, 0.1, r);
const near = time(() => diffText(a, b), 9);
console.log(`20,000 字、约 10% 不同的两版逐字比较：中位数 ${near.ms.toFixed(1)} ms（目标 < 50 ms），${near.value.coarse ? '已退为整句比较' : '逐字'}`);
const unrelated = text(20_000, rng(7));
const far = time(() => diffText(a, unrelated), 5);
console.log(`20,000 字、互不相关的两段文字：中位数 ${far.ms.toFixed(1)} ms，${far.value.coarse ? '标为粗略（整句）比较' : '逐字'}`);

const dir = mkdtempSync(join(tmpdir(), 'shance-review-bench-'));
try {
  const lib = Library.open(join(dir, 'library.db'));
  const sections = { background: a.slice(0, 4000), plan: a.slice(4000, 8000), goals: a.slice(8000, 10000) };
  let p = lib.proposals.insert({ ...newProposal({ title: '双龙湖长者助餐' }), district: '渝北区' });
  const desk = { role: 'district' as const, name: '渝北区' };
  const reviewer = { role: 'reviewer' as const, name: '总会' };
  const er = rng(3);
  for (let n = 1; n <= 200; n++) {
    const s = Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, edit(v, 0.02, er)]));
    p = { ...lib.proposals.get(p.id) };
    p = { ...p, sections: { ...p.sections, ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, { doc: textToDoc(v), text: v }])) }, updatedAt: new Date(Date.now() + n * 1000).toISOString() };
    lib.proposals.save(p);
    lib.review.act(p.id, 'submit', {}, desk);
    lib.review.act(p.id, 'return', { reason: `第 ${n} 次退回` }, reviewer);
  }
  const open = time(() => {
    const revisions = lib.review.revisions(p.id);
    const log = lib.review.log(p.id);
    const cmp = compareProposals(lib.review.revision(p.id, revisions[1]!.n).proposal, lib.review.revision(p.id, revisions[0]!.n).proposal);
    return { revisions: revisions.length, log: log.length, changed: cmp.sections.filter((s) => s.changed).length };
  }, 9);
  console.log(`打开 200 个提交版本的历史版本（列表 ${open.value.revisions} 版、审核记录 ${open.value.log} 条、最近两版比较）：中位数 ${open.ms.toFixed(1)} ms（目标 < 300 ms）`);
  const drawer = time(() => lib.proposals.revisions(p.id).length, 9);
  console.log(`历史版本抽屉的保存快照列表（${drawer.value} 个）：中位数 ${drawer.ms.toFixed(1)} ms`);
  lib.close();
  if (near.ms >= 50 || open.ms >= 300) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
