/**
 * npm run bench:dedupe — the duplicate check at library scale.
 *
 * Builds proposals of about 3,000 characters from the CSL abstracts (../shared/corpora, see
 * bench/corpus/cslCorpus.ts) with planted edited copies, then measures:
 *   1. indexing N proposals (default 100,000): sketch, store in SQLite, build the LSH index;
 *   2. the live check of a draft against that index (p50/p95/p99);
 *   3. the full cluster report over the index, with passages and shared items;
 *   4. on a sample (default 5,000): recall and precision against the exact score computed for every
 *      pair by brute force, and the speed of the sketch method relative to that brute force.
 * DEDUPE_BENCH_N and DEDUPE_BENCH_SAMPLE change the sizes.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_THRESHOLD } from '../src/shared/api/methods/dedupe';
import { Boilerplate } from '../src/core/dedupe/boilerplate';
import { withCommonShingles } from '../src/core/dedupe/commonShingles';
import { LshIndex } from '../src/core/dedupe/lsh';
import { normalizeText } from '../src/core/dedupe/normalize';
import { proposalDoc, unweighted, type DedupeDoc } from '../src/core/dedupe/parts';
import { CONFIRM_MARGIN, ExactScorer, confirmPairs } from '../src/core/dedupe/confirm';
import { findDuplicates } from '../src/core/dedupe/findDuplicates';
import { similarTo } from '../src/core/dedupe/live';
import { buildReport } from '../src/core/dedupe/report';
import { sketchDoc } from '../src/core/dedupe/sketch';
import { totalChars } from '../src/core/library/normalize';
import { Library } from '../src/core/library/library';
import { CSL_DIR, loadCslClauses, plantedLayout, plantedProposal, rng, SyntheticCorpus } from './corpus/cslCorpus';

const N = Number(process.env.DEDUPE_BENCH_N ?? 100_000);
const SAMPLE = Math.min(N, Number(process.env.DEDUPE_BENCH_SAMPLE ?? 5_000));
const QUERIES = 1_000;
const THRESHOLD = DEFAULT_THRESHOLD;

const clauses = loadCslClauses();
if (!clauses) {
  console.error(`找不到基准语料：${CSL_DIR}\n请把 shared/corpora/csl 放在仓库旁边（见 ../shared/corpora/README.md），再运行 npm run bench:dedupe。`);
  process.exit(2);
}

const corpus = new SyntheticCorpus(clauses);
const handbook = Boilerplate.fromTexts(corpus.templateTexts());
const layout = plantedLayout(N, 0.05, 20240501);
const proposalAt = (n: number) => plantedProposal(corpus, layout, n);

// 0. Wording many proposals share (document frequency): counted over the whole library first, as the
// library does before a report; the sketches below leave it out like the handbook's templates.
let dfGenMs = 0;
function* everyDoc() {
  for (let n = 0; n < N; n++) {
    const t = performance.now();
    const p = proposalAt(n);
    dfGenMs += performance.now() - t;
    yield proposalDoc(p);
  }
}
const dfStart = performance.now();
const { boilerplate, common } = withCommonShingles(everyDoc(), N, handbook);
const dfMs = performance.now() - dfStart - dfGenMs;
const indexOf = (id: string) => Number(id.slice(1));
/** Stands in for reading a proposal from the library, which the live check and the report do. */
const docAt = (id: string) => proposalDoc(proposalAt(indexOf(id)));

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const now = () => performance.now();
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

console.log(`善策 同质化检查基准：语料 CSL 摘要，${N} 个项目，阈值 ${THRESHOLD}，${layout.base.filter((b) => b >= 0).length} 个植入的改写副本`);
console.log('（本机 2 核，与其他任务共用，数字会有波动）\n');

// 1. Index.
const dir = mkdtempSync(join(tmpdir(), 'shance-bench-'));
const lib = Library.open(join(dir, 'library.db'));
const basis = `bench-${boilerplate.fingerprint}`;
const index = new LshIndex();
let genMs = 0;
let sketchMs = 0;
let storeMs = 0;
let chars = 0;
let tooShort = 0;
const batch: { id: string; sketch: Uint32Array | null }[] = [];
const flush = lib.db.transaction(() => {
  for (const row of batch) lib.dedupe.sketches.put(row.id, basis, row.sketch);
});
sampleRss();
const rssBefore = process.memoryUsage().rss;
for (let n = 0; n < N; n++) {
  let t = now();
  const p = proposalAt(n);
  genMs += now() - t;
  chars += totalChars(p);
  t = now();
  const sketch = sketchDoc(proposalDoc(p), boilerplate);
  if (sketch) index.set(p.id, sketch);
  else tooShort++;
  sketchMs += now() - t;
  batch.push({ id: p.id, sketch });
  if (batch.length === 1000 || n === N - 1) {
    t = now();
    flush();
    storeMs += now() - t;
    batch.length = 0;
    sampleRss();
  }
}
let t0 = now();
index.build();
const buildMs = now() - t0;
sampleRss();
const indexMs = dfMs + sketchMs + storeMs + buildMs;
console.log(`1. 建立索引：${N} 个项目（平均 ${Math.round(chars / N)} 字）用时 ${s(indexMs)}（目标 < 30 s）`);
console.log(
  `   通用段落统计 ${s(dfMs)}（${common} 个片段视为背景），草图 ${s(sketchMs)}，写入 SQLite ${s(storeMs)}，LSH 排序 ${s(buildMs)}；另：生成语料 ${s(genMs + dfGenMs)}（不计入）`,
);
console.log(
  `   峰值内存 RSS ${mb(peakRss)}（目标 < 1 GB；建索引前 ${mb(rssBefore)}），索引本身 ${mb(index.bytes)}，数据库文件 ${mb(statSync(join(dir, 'library.db')).size)}；正文过短 ${tooShort} 个`,
);

// 2. Live check: half edited copies of indexed proposals, half new ones.
const times: number[] = [];
let copiesFound = 0;
const r = rng(99);
const originalNear = (k: number) => {
  while (layout.base[k % N]! >= 0) k++;
  return k % N;
};
for (let q = 0; q < QUERIES; q++) {
  const source = originalNear(q * 7919);
  const draft =
    q % 2 === 0
      ? corpus.proposal(
          corpus.edit(corpus.spec(`p${source}`, source * 2654435761), `draft${q}`, 77 + q, {
            deleteShare: 0.1 * r(),
            rewriteShare: 0.2 * r(),
            insertShare: 0.1,
            reorder: r() < 0.5,
            changeDistrict: true,
          }),
        )
      : corpus.proposal(corpus.spec(`draft${q}`, 900_000_000 + q));
  const t = now();
  const hits =
    similarTo(index, proposalDoc(draft), { minScore: THRESHOLD, limit: 10, boilerplate, load: docAt, skip: () => false }) ?? [];
  times.push(now() - t);
  if (q % 2 === 0 && hits.some((h) => h.id === `p${source}`)) copiesFound++;
}
times.sort((a, b) => a - b);
console.log(
  `\n2. 实时查重（${QUERIES} 次，一半为库中项目的改写副本）：p50 ${percentile(times, 50).toFixed(2)} ms，p95 ${percentile(times, 95).toFixed(2)} ms，p99 ${percentile(times, 99).toFixed(2)} ms（目标 p95 < 10 ms）；副本找到来源 ${copiesFound}/${QUERIES / 2}`,
);

// 3. Full report.
t0 = now();
const scorer = new ExactScorer(docAt, boilerplate);
const pairs = confirmPairs(index.pairs(THRESHOLD - CONFIRM_MARGIN), THRESHOLD, (a, b) => scorer.score(a, b));
const pairsMs = now() - t0;
const report = buildReport({
  threshold: THRESHOLD,
  pairs,
  judged: new Map(),
  score: (a, b) => scorer.score(a, b),
  load: (id) => proposalAt(indexOf(id)),
  boilerplate,
  compared: index.size,
  tooShort,
});
const reportMs = now() - t0;
sampleRss();
console.log(
  `\n3. 全库聚类报告：${s(reportMs)}（目标 < 60 s）：相似项目对 ${pairs.length}，相似项目组 ${report.clusters.length}；其中找相似对 ${s(pairsMs)}，段落与共同项 ${s(reportMs - pairsMs)}`,
);
lib.close();
rmSync(dir, { recursive: true, force: true });

// 4. Accuracy and speed against brute force on a sample.
/** A 5-gram as a 52-bit key from two hashes unrelated to the sketch's: equal keys mean equal 5-grams. */
function gramKeys(text: string): number[] {
  const t = normalizeText(text);
  const out: number[] = [];
  if (t.length === 0) return out;
  const len = Math.min(5, t.length);
  for (let i = 0; i + len <= t.length && (i === 0 || i + 5 <= t.length); i++) {
    let h1 = 17;
    let h2 = 0x2545f491;
    for (let j = 0; j < len; j++) {
      h1 = (Math.imul(h1, 1_000_003) + t.cps[i + j]!) | 0;
      h2 = Math.imul(h2 ^ t.cps[i + j]!, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    out.push((h1 >>> 0) * 2 ** 20 + ((h2 >>> 0) >>> 12));
  }
  return out;
}

const templateKeys = new Set(corpus.templateTexts().flatMap(gramKeys));

interface ExactSet {
  keys: Float64Array;
  weights: Uint8Array;
  total: number;
}

function exactSet(doc: DedupeDoc): ExactSet {
  const w = new Map<number, number>();
  for (const part of doc.parts) for (const k of gramKeys(part.text)) if (!templateKeys.has(k) && (w.get(k) ?? 0) < part.weight) w.set(k, part.weight);
  const keys = Float64Array.from(w.keys()).sort();
  const weights = Uint8Array.from(keys, (k) => w.get(k)!);
  return { keys, weights, total: weights.reduce((a, b) => a + b, 0) };
}

const sampleDocs = Array.from({ length: SAMPLE }, (_, n) => proposalDoc(proposalAt(n)));
const sets = sampleDocs.map(exactSet);

/** Brute force for one pair: merge the two sorted key lists. */
function comparePair(A: ExactSet, B: ExactSet): { inter: number; min: number } {
  let p = 0;
  let q = 0;
  let inter = 0;
  let min = 0;
  while (p < A.keys.length && q < B.keys.length) {
    const ka = A.keys[p]!;
    const kb = B.keys[q]!;
    if (ka < kb) p++;
    else if (ka > kb) q++;
    else {
      inter++;
      min += Math.min(A.weights[p]!, B.weights[q]!);
      p++;
      q++;
    }
  }
  return { inter, min };
}

/**
 * The exact scores of every pair, through an inverted index (a k-way merge of the sorted key lists
 * groups the documents sharing each 5-gram): the same numbers as brute force, in seconds.
 */
function exactAllPairs(all: readonly ExactSet[]): { inter: Int32Array; min: Int32Array } {
  const n = all.length;
  const inter = new Int32Array(n * n);
  const min = new Int32Array(n * n);
  const pos = new Int32Array(n);
  const heap: number[] = [];
  const key = (d: number) => all[d]!.keys[pos[d]!]!;
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && key(heap[l]!) < key(heap[m]!)) m = l;
      if (r < heap.length && key(heap[r]!) < key(heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let d = 0; d < n; d++) if (all[d]!.keys.length > 0) heap.push(d);
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  const group: number[] = [];
  const weights: number[] = [];
  while (heap.length > 0) {
    const k = key(heap[0]!);
    group.length = 0;
    weights.length = 0;
    while (heap.length > 0 && key(heap[0]!) === k) {
      const d = heap[0]!;
      group.push(d);
      weights.push(all[d]!.weights[pos[d]!]!);
      pos[d]!++;
      if (pos[d]! >= all[d]!.keys.length) {
        // Exhausted: the last entry takes its place.
        const last = heap.pop()!;
        if (heap.length === 0) break;
        heap[0] = last;
      }
      down(0);
    }
    for (let x = 0; x < group.length; x++) {
      for (let y = x + 1; y < group.length; y++) {
        const a = Math.min(group[x]!, group[y]!);
        const b = Math.max(group[x]!, group[y]!);
        inter[a * n + b]!++;
        min[a * n + b]! += Math.min(weights[x]!, weights[y]!);
      }
    }
  }
  return { inter, min };
}

t0 = now();
const exact = exactAllPairs(sets);
const exactMs = now() - t0;
const truthWeighted = new Set<string>();
const truthPlain = new Set<string>();
for (let i = 0; i < SAMPLE; i++) {
  for (let j = i + 1; j < SAMPLE; j++) {
    const A = sets[i]!;
    const B = sets[j]!;
    const inter = exact.inter[i * SAMPLE + j]!;
    const min = exact.min[i * SAMPLE + j]!;
    const key = `${sampleDocs[i]!.id} ${sampleDocs[j]!.id}`;
    if (min / (A.total + B.total - min) >= THRESHOLD) truthWeighted.add(key);
    if (inter / (A.keys.length + B.keys.length - inter) >= THRESHOLD) truthPlain.add(key);
  }
}

// Brute force on random pairs, timed, and checked against the index's numbers.
const BRUTE_PAIRS = Math.min(200_000, (SAMPLE * (SAMPLE - 1)) / 2);
const pr = rng(7);
const picks = Array.from({ length: BRUTE_PAIRS }, () => {
  const i = Math.floor(pr() * SAMPLE);
  let j = Math.floor(pr() * (SAMPLE - 1));
  if (j >= i) j++;
  return [Math.min(i, j), Math.max(i, j)] as const;
});
let mismatches = 0;
t0 = now();
for (const [i, j] of picks) {
  const { inter, min } = comparePair(sets[i]!, sets[j]!);
  if (inter !== exact.inter[i * SAMPLE + j] || min !== exact.min[i * SAMPLE + j]) mismatches++;
}
const bruteMs = ((now() - t0) / BRUTE_PAIRS) * ((SAMPLE * (SAMPLE - 1)) / 2);

const pairKeys = (pairs: readonly { a: string; b: string }[]) => new Set(pairs.map((p) => [p.a, p.b].sort((x, y) => indexOf(x) - indexOf(y)).join(' ')));

/** What the report and the CLI do: sketches, LSH, exact scores for estimates near the threshold. */
function sketchMethod(docs: readonly DedupeDoc[]): { found: Set<string>; estimated: Set<string>; ms: number } {
  const t = now();
  const found = pairKeys(findDuplicates(docs, boilerplate, THRESHOLD).pairs);
  const ms = now() - t;
  // The sketch's estimates alone, for comparison.
  const idx = new LshIndex();
  for (const d of docs) {
    const sk = sketchDoc(d, boilerplate);
    if (sk) idx.set(d.id, sk);
  }
  return { found, estimated: pairKeys(idx.pairs(THRESHOLD)), ms };
}

function accuracy(found: Set<string>, truth: Set<string>): string {
  let hit = 0;
  for (const k of found) if (truth.has(k)) hit++;
  return `召回率 ${(hit / truth.size).toFixed(3)}，精确率 ${(hit / found.size).toFixed(3)}（精确值达到阈值的项目对 ${truth.size}，草图报告 ${found.size}）`;
}

const weighted = sketchMethod(sampleDocs);
const plain = sketchMethod(sampleDocs.map(unweighted));
const allPairs = (SAMPLE * (SAMPLE - 1)) / 2;
console.log(`\n4. 抽样 ${SAMPLE} 个项目，与逐对精确计算的 5 字片段 Jaccard 相似度比较（目标召回率、精确率 ≥ 0.95）：`);
console.log(`   加权（善策项目的评分）：${accuracy(weighted.found, truthWeighted)}`);
console.log(`     仅用草图估计、不复核：${accuracy(weighted.estimated, truthWeighted)}`);
console.log(`   不加权（纯文本记录的评分）：${accuracy(plain.found, truthPlain)}`);
console.log(`     仅用草图估计、不复核：${accuracy(plain.estimated, truthPlain)}`);
console.log(
  `   草图法 ${s(weighted.ms)}（含计算草图和复核）；逐对暴力精确比对全部 ${allPairs.toLocaleString('en-US')} 对约 ${s(bruteMs)}` +
    `（按随机 ${BRUTE_PAIRS.toLocaleString('en-US')} 对实测推算，不含提取片段），草图法快 ${(bruteMs / weighted.ms).toFixed(0)} 倍`,
);
console.log(`   （精确值由倒排索引逐对计算，用时 ${s(exactMs)}；与暴力比对抽查的 ${BRUTE_PAIRS.toLocaleString('en-US')} 对不一致 ${mismatches} 对）`);

// 5. A real library through the app's path: proposals saved with their hooks, then the check.
const LIBRARY = Number(process.env.DEDUPE_BENCH_LIBRARY ?? 3_000);
const libDir = mkdtempSync(join(tmpdir(), 'shance-bench-lib-'));
let real = Library.open(join(libDir, 'library.db'));
real.db.transaction(() => {
  for (let n = 0; n < LIBRARY; n++) real.proposals.insert(proposalAt(n));
})();
// As a library saved before this feature: no sketches yet.
real.db.exec('DELETE FROM dedupe_sketches');
real.close();
real = Library.open(join(libDir, 'library.db'));
real.dedupe.useBoilerplate(boilerplate);
t0 = now();
const first = real.dedupe.report(THRESHOLD);
const firstMs = now() - t0;
t0 = now();
real.dedupe.report(THRESHOLD);
const againMs = now() - t0;
const liveTimes: number[] = [];
for (let q = 0; q < 300; q++) {
  const draft = { ...proposalAt((q * 37) % LIBRARY), id: `draft${q}` };
  const t = now();
  real.dedupe.similar(draft, 10, THRESHOLD);
  liveTimes.push(now() - t);
}
liveTimes.sort((a, b) => a - b);
const saved = real.proposals.get('p1');
t0 = now();
real.proposals.save({ ...saved, summary: '修改', updatedAt: new Date(Date.now() + 60_000).toISOString() });
const saveMs = now() - t0;
real.close();
rmSync(libDir, { recursive: true, force: true });
console.log(
  `\n5. 真实项目库 ${LIBRARY} 个项目（经 Library 保存）：首次同质化检查 ${s(firstMs)}（含为旧项目补算草图），再次 ${s(againMs)}；` +
    `${first.clusters.length} 个相似项目组；实时查重 p95 ${percentile(liveTimes, 95).toFixed(2)} ms（含读取标题）；保存一次（含更新草图）${saveMs.toFixed(1)} ms`,
);
console.log(`\n峰值内存 RSS（全程）${mb(peakRss)}`);
