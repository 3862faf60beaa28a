import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { DEFAULT_THRESHOLD, MIN_THRESHOLD, scorePercent, type KindredWhy } from '../../shared/api/methods/dedupe';
import type { Proposal } from '../../shared/domain/proposal';
import { parseProposal } from '../../shared/domain/factory';
import { KindredIndex } from '../../core/dedupe/kindred';
import { AppError, isAppError } from '../../shared/errors';
import { defaultTemplatesDir } from '../../core';
import { parseJsonText, parseJsonlLines } from '../../core/bundle/readProposalFiles';
import { loadBoilerplate } from '../../core/dedupe/boilerplate';
import { findDuplicates } from '../../core/dedupe/findDuplicates';
import { isRecordDoc, proposalDoc, unweighted, type DedupeDoc } from '../../core/dedupe/parts';
import { docFromJson } from '../../core/dedupe/records';
import type { Command } from '../command';
import { EXIT, type CliIo } from '../io';
import { OUTPUT_OPTIONS, withParsedArgs } from '../support';
import { readImportFile } from './import';

/** A JSONL list of projects can be far larger than a bundle; V8 strings stop at about 512 MB. */
const MAX_TEXT_BYTES = 500 * 1024 * 1024;
const READABLE = new Set(['.json', '.jsonl', '.shance']);
/** 同类项目 pairs printed in the text output; --json gives all. */
const KINDRED_SHOWN = 20;

interface Loaded {
  docs: DedupeDoc[];
  /** Bad lines and bad files: reported, then left out. */
  problems: string[];
  /** Ids given by more than one input, now told apart as file:id. */
  renamed: string[];
  /** The inputs that are whole proposals (not plain records), under their final ids: for 同类项目. */
  proposals: Proposal[];
}

const message = (e: unknown): string => {
  if (!isAppError(e)) return e instanceof Error ? e.message : String(e);
  return e.details.length > 0 ? `${e.message}：${e.details.join('；')}` : e.message;
};

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile() && READABLE.has(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out;
}

async function readText(path: string, shown: string): Promise<string> {
  if ((await stat(path)).size > MAX_TEXT_BYTES) throw new AppError('TOO_LARGE', `「${shown}」过大（上限 500 MB）`);
  return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
}

/**
 * Read every document from the paths. Unlike `shance import`, a bad line or file does not stop the
 * run: it is reported with its line number and the good ones are checked.
 */
async function loadPaths(paths: readonly string[], cwd: string): Promise<Loaded> {
  const found: Found[] = [];
  const problems: string[] = [];
  // A district that copied another's file keeps its id: the likeliest duplicate of all. Both stay.
  const add = (doc: DedupeDoc, file: string, line: number | null = null, proposal: Proposal | null = null): void =>
    void found.push({ doc, file, line, proposal });
  for (const arg of paths) {
    const path = resolve(cwd, arg);
    const info = await stat(path).catch(() => null);
    if (!info) {
      problems.push(`找不到「${arg}」`);
      continue;
    }
    const files = info.isDirectory() ? await filesUnder(path) : [path];
    if (info.isDirectory() && files.length === 0) problems.push(`文件夹「${arg}」中没有 .json、.jsonl 或 .shance 文件`);
    for (const file of files) {
      // Name files as the user did: the argument, or the folder argument and the path inside it.
      const shown = file === path ? arg : join(arg, relative(path, file));
      const ext = extname(file).toLowerCase();
      try {
        if (ext === '.jsonl') {
          const { items, problems: bad } = parseJsonlLines(await readText(file, shown), docFromJson, (d) => d.id);
          for (const b of bad) problems.push(`「${shown}」${b.message}`);
          for (const { line, value } of items) add(value, shown, line);
        } else if (ext === '.json') {
          const raw = parseJsonText(await readText(file, shown), `文件「${shown}」`);
          const proposal = isProposalJson(raw) ? parseProposal(raw, `「${shown}」`) : null;
          add(proposal ? proposalDoc(proposal) : docFromJson(raw, `「${shown}」`), shown, null, proposal);
        } else if (ext === '.shance') {
          for (const p of (await readImportFile(file)).proposals) add(proposalDoc(p), shown, null, p);
        } else {
          problems.push(`无法识别「${shown}」：请提供 .json 项目文件、.jsonl 文件、.shance 交换包或文件夹`);
        }
      } catch (e) {
        problems.push(`「${shown}」：${message(e)}，已跳过`);
      }
    }
  }
  return { ...tellApart(found), problems };
}

interface Found {
  doc: DedupeDoc;
  file: string;
  line: number | null;
  proposal: Proposal | null;
}

const isProposalJson = (raw: unknown): boolean => typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'schemaVersion' in raw;

/** Ids that occur more than once become file:id (file:line:id when the same file repeats one). */
function tellApart(found: readonly Found[]): { docs: DedupeDoc[]; renamed: string[]; proposals: Proposal[] } {
  const count = (key: (f: (typeof found)[number]) => string) => {
    const n = new Map<string, number>();
    for (const f of found) n.set(key(f), (n.get(key(f)) ?? 0) + 1);
    return n;
  };
  const byId = count((f) => f.doc.id);
  const byFile = count((f) => `${f.file}:${f.doc.id}`);
  const renamed = new Set<string>();
  const proposals: Proposal[] = [];
  const docs = found.map(({ doc, file, line, proposal }) => {
    let id = doc.id;
    if (byId.get(doc.id)! > 1) {
      renamed.add(doc.id);
      id = byFile.get(`${file}:${doc.id}`)! > 1 && line !== null ? `${file}:${line}:${doc.id}` : `${file}:${doc.id}`;
    }
    if (proposal) proposals.push({ ...proposal, id });
    return id === doc.id ? doc : { ...doc, id };
  });
  return { docs, renamed: [...renamed], proposals };
}

/** 同类项目 among the inputs that are whole proposals. */
function kindredOf(proposals: readonly Proposal[]): { a: string; b: string; score: number; percent: string; why: KindredWhy }[] {
  if (proposals.length < 2) return [];
  const index = new KindredIndex();
  for (const p of proposals) index.set(p);
  return index.pairs().map((k) => ({ ...k, percent: scorePercent(k.score) }));
}

function parseThreshold(value: string | undefined): number {
  if (value === undefined) return DEFAULT_THRESHOLD;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new AppError('INVALID_INPUT', `--threshold 应为 0 到 1 之间的数，收到「${value}」`);
  return n;
}

const round = (s: number): number => Math.round(s * 1000) / 1000;

export const dedupeCommand: Command = {
  name: 'dedupe',
  usage: `用法：shance dedupe 路径… [--threshold 0.0–1.0] [--templates 文件夹] [--json]

  路径          单个项目的 .json 文件、.shance 交换包、文件夹（含其中所有此类文件）或 .jsonl 文件。
                JSONL 每行是一个善策项目，或一条 {"id": "...", "title": "...", "text": "..."} 记录。
  --threshold   相似度阈值，默认 ${DEFAULT_THRESHOLD}。相似度是去除标点、空格、区县名称和模板套话后，
                连续 5 个字的片段的（加权）重合比例：0 为毫无相同，1 为内容相同；保留一半原文、
                改写另一半的项目约为 0.33。低于 ${MIN_THRESHOLD} 时，相似度较低的项目对可能漏报。
                善策项目中，项目背景与需求、受益人和执行计划的权重高于“关于我们”等机构介绍；
                与纯文本记录一起比对时全部等权。
  --templates   手册模板所在的 templates 文件夹（读取其中 handbook/ 的文字作为模板套话，不计入相似度），
                默认使用善策自带的 templates。
  --json        输出 {"threshold":0.25,"pairs":[{"a":"编号","b":"编号","score":0.0,"percent":"25%"}],"clusters":[["编号",…]],"commonShingles":0,"kindred":[…]}

  有问题的行（格式错误、编号重复）会在标准错误输出中按行号列出，其余项目照常比对。`,
  run(args, io: CliIo) {
    const options = {
      threshold: { type: 'string' },
      templates: { type: 'string' },
      ...OUTPUT_OPTIONS,
    } as const;
    return withParsedArgs(io, args, options, this.usage, async ({ values, positionals }) => {
      if (positionals.length === 0) throw new AppError('INVALID_INPUT', '请指定要检查的文件或文件夹');
      const threshold = parseThreshold(values.threshold);
      if (threshold < MIN_THRESHOLD) io.err(`提示：阈值 ${scorePercent(threshold)} 低于建议的最低值 ${scorePercent(MIN_THRESHOLD)}，按 ${scorePercent(threshold)} 运行，相似度较低的项目对可能漏报`);
      const loaded = await loadPaths(positionals, io.cwd);
      for (const p of loaded.problems) io.err(`警告：${p}`);
      if (loaded.renamed.length > 0) {
        io.err(`提示：项目编号 ${loaded.renamed.map((id) => `「${id}」`).join('、')} 在多个输入中出现，都已比对，以「文件:编号」区分`);
      }
      if (loaded.docs.length === 0) throw new AppError('FILE_INVALID', '没有可以比对的项目');
      let docs = loaded.docs;
      if (docs.some(isRecordDoc) && !docs.every(isRecordDoc)) {
        io.err('提示：输入中既有善策项目也有纯文本记录，全部按全文等权比较（不区分各部分的权重）');
        docs = docs.map(unweighted);
      }
      const templatesDir = values.templates ? resolve(io.cwd, values.templates) : defaultTemplatesDir(io.env);
      const result = findDuplicates(docs, loadBoilerplate(templatesDir), threshold);
      if (result.tooShort.length > 0) {
        const shown = result.tooShort.slice(0, 10).join('、');
        io.err(`提示：${result.tooShort.length} 个项目正文过短，未参与比对：${shown}${result.tooShort.length > 10 ? ' 等' : ''}`);
      }
      const kindred = kindredOf(loaded.proposals);
      if (values.json) {
        io.out(
          JSON.stringify({
            threshold,
            pairs: result.pairs.map((p) => ({ a: p.a, b: p.b, score: round(p.score), percent: scorePercent(p.score) })),
            clusters: result.clusters,
            commonShingles: result.commonShingles,
            kindred: kindred.map((k) => ({ ...k, score: round(k.score) })),
          }),
        );
        return EXIT.ok;
      }
      const titles = new Map(docs.map((d) => [d.id, d.title]));
      const name = (id: string): string => `${id}（${titles.get(id) || '未命名'}）`;
      if (result.commonShingles > 0) io.out(`多数项目共有的通用段落（${result.commonShingles} 个 5 字片段）视为背景，不计入相似度`);
      io.out(`比对 ${docs.length - result.tooShort.length} 个项目，阈值 ${scorePercent(threshold)}：发现 ${result.pairs.length} 对相似项目，${result.clusters.length} 个相似项目组`);
      result.clusters.forEach((ids, i) => {
        io.out(`\n第 ${i + 1} 组（${ids.length} 个项目）`);
        for (const id of ids) io.out(`  ${name(id)}`);
        const members = new Set(ids);
        for (const p of result.pairs) if (members.has(p.a)) io.out(`  相似度 ${scorePercent(p.score)}：${p.a} ↔ ${p.b}`);
      });
      if (kindred.length > 0) {
        io.out(`\n同类项目（文字不同、做同一类事）：${kindred.length} 对`);
        for (const k of kindred.slice(0, KINDRED_SHOWN)) {
          const why = [k.why.terms.slice(0, 5).join('、'), k.why.beneficiaryGroups.join('、'), k.why.budgetItems.join('、'), k.why.region ?? ''].filter(Boolean).join('；');
          io.out(`  同类 ${k.percent}：${name(k.a)} ↔ ${name(k.b)}（${why}）`);
        }
        if (kindred.length > KINDRED_SHOWN) io.out(`  …另有 ${kindred.length - KINDRED_SHOWN} 对，用 --json 查看全部`);
      }
      return EXIT.ok;
    });
  },
};
