// How long one check of a proposal against every shipped rule pack takes, as the editor runs it
// (findings and field counters). Target for a 10,000-character proposal: median < 5 ms, p99 < 15 ms.
// Realistic Chinese text comes from the CSL abstracts in ../shared/corpora (not copied into the repo).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { checkDraft } from '../src/core/rules/engine';
import { loadPackDir } from '../src/core/rules/load';
import { PLATFORM_IDS, SECTION_IDS } from '../src/shared/domain/catalog';
import { newProposal } from '../src/shared/domain/factory';
import type { Proposal } from '../src/shared/domain/proposal';
import { textToDoc } from '../src/shared/domain/richText';
import { creditCodeCheckChar } from '../src/shared/rules/checkCodes';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpora = process.env.SHANCE_CORPORA ? resolve(process.env.SHANCE_CORPORA) : resolve(root, '..', 'shared', 'corpora');
const csl = join(corpora, 'csl', 'ts_dev.tsv');
if (!existsSync(csl)) {
  console.log(`跳过：找不到语料 ${csl}（设置 SHANCE_CORPORA 指向 shared/corpora）`);
  process.exit(0);
}
const abstracts = readFileSync(csl, 'utf8')
  .split('\n')
  .map((l) => l.split('\t')[1] ?? '')
  .filter((t) => t.length > 50);

const code = (body: string) => body + creditCodeCheckChar(body)!;

/** A complete proposal whose title, summary and sections hold `chars` characters of real text. */
function proposalOf(chars: number, offset: number): Proposal {
  const p = newProposal({ title: '乡村儿童图书角建设项目' });
  p.summary = '为重庆偏远乡村小学建设图书角，配备图书并培训志愿者';
  let budget = chars - [...p.title].length - [...p.summary].length;
  let i = offset;
  const per = Math.ceil(budget / SECTION_IDS.length);
  const sections = { ...p.sections };
  for (const id of SECTION_IDS) {
    let text = '';
    while ([...text].length < Math.min(per, budget)) text += abstracts[i++ % abstracts.length] + '\n';
    text = [...text].slice(0, Math.min(per, budget)).join('');
    budget -= [...text].length;
    sections[id] = { doc: textToDoc(text), text };
  }
  // A few things the rules must find, so the run exercises the reporting paths too.
  const plant = (id: 'background' | 'plan', tail: string) => {
    const text = [...sections[id].text].slice(0, -[...tail].length).join('') + tail;
    sections[id] = { doc: textToDoc(text), text };
  };
  plant('background', '联系电话13800138000，家住幸福村3组12号，生活悲惨');
  plant('plan', '【请填写：受益学校名单】');
  p.sections = sections;
  p.platforms = [...PLATFORM_IDS];
  p.roles.fundraiser = { name: '重庆市慈善总会', creditCode: code('53500000MJP012345') };
  p.filing = { number: `${p.roles.fundraiser.creditCode}A24001`, region: '重庆市', contactName: '张三', contactAddress: '重庆市渝中区', donationMethod: '网络捐赠，银行账户见备案', remainderPlan: '用于同类项目' };
  p.targetFen = 10_000_000;
  p.fundraisingPeriod = { start: '2026-01-01', end: '2026-12-31' };
  p.projectPeriod = { start: '2026-01-01', end: '2027-06-30' };
  p.milestones = Array.from({ length: 6 }, (_, k) => ({ id: `m${k}`, date: `2026-0${k + 1}-15`, title: `阶段 ${k + 1}`, detail: '' }));
  p.budget = {
    lines: Array.from({ length: 20 }, (_, k) => ({ id: `b${k}`, item: `物资 ${k + 1}`, category: '', unitPriceFen: 50_000, quantity: 10, amountFen: 500_000, note: '', origin: null })),
    managementFeePercent: 3,
    minimumExecutableFen: 2_000_000,
    fallbackPlan: '按最低可执行金额缩小覆盖学校数量',
  };
  return p;
}

const packs = loadPackDir(join(root, 'templates', 'rules'));

function measure(chars: number, runs: number): { median: number; p99: number } {
  const variants = Array.from({ length: 8 }, (_, k) => proposalOf(chars, k * 37));
  const total = [...variants[0]!.title].length + [...variants[0]!.summary].length + SECTION_IDS.reduce((n, id) => n + [...variants[0]!.sections[id].text].length, 0);
  for (let k = 0; k < 30; k++) checkDraft(variants[k % variants.length]!, packs);
  const times: number[] = [];
  let findings = 0;
  for (let k = 0; k < runs; k++) {
    const p = variants[k % variants.length]!;
    const t0 = performance.now();
    const r = checkDraft(p, packs);
    times.push(performance.now() - t0);
    findings = r.results.reduce((n, x) => n + x.findings.length, 0);
  }
  times.sort((a, b) => a - b);
  const q = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))]!;
  console.log(
    `${String(total).padStart(6)} 字 × ${packs.length} 个规则包：中位数 ${q(0.5).toFixed(2)} ms，p99 ${q(0.99).toFixed(2)} ms，最慢 ${times[times.length - 1]!.toFixed(2)} ms（${runs} 次，每次 ${findings} 条结果）`,
  );
  return { median: q(0.5), p99: q(0.99) };
}

console.log(`规则检查基准（${new Date().toISOString()}，Node ${process.version}）`);
const small = measure(10_000, 1000);
measure(50_000, 300);
const met = small.median < 5 && small.p99 < 15;
console.log(`目标（1 万字：中位数 < 5 ms，p99 < 15 ms）：${met ? '达到' : '未达到'}。本机为共享的 2 核机器，数字会有波动。`);
