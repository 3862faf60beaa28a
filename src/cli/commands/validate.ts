import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { defaultTemplatesDir } from '../../core/paths';
import { checkProposal, packsFor, type PackResult } from '../../core/rules/engine';
import { loadPackDir, shippedPacksDir } from '../../core/rules/load';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError, isAppError } from '../../shared/errors';
import { findingFieldLabel } from '../../shared/rules/labels';
import type { RulePack } from '../../shared/rules/pack';
import { SEVERITY_LABELS } from '../../shared/rules/ruleBase';
import { describeSource } from '../../shared/rules/source';
import type { Command } from '../command';
import { EXIT, type CliIo } from '../io';
import { OUTPUT_OPTIONS, withParsedArgs } from '../support';
import { readImportFile } from './import';

const PROPOSAL_FILE = /\.(json|jsonl|shance)$/i;

/** The files a PATH names: the file itself, or every proposal file under a folder. */
async function proposalFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new AppError('FILE_INVALID', `找不到「${path}」`);
  }
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(path, e.name);
    if (e.isDirectory()) out.push(...(await proposalFiles(full)));
    else if (PROPOSAL_FILE.test(e.name)) out.push(full);
  }
  return out;
}

/** Read one file; a problem names the file it is in, whatever reader found it. */
async function readNamed(file: string) {
  try {
    return await readImportFile(file);
  } catch (e) {
    if (isAppError(e) && !e.message.includes(basename(file))) throw new AppError(e.code, `「${file}」：${e.message}`, e.details);
    throw e;
  }
}

function choosePlatforms(flag: string | undefined, packs: readonly RulePack[]): string[] | null {
  if (flag === undefined) return null;
  const known = packs.map((p) => p.id as string);
  const asked = flag
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (asked.includes('all')) return known;
  const unknown = asked.filter((id) => !known.includes(id));
  if (unknown.length > 0 || asked.length === 0) {
    throw new AppError('INVALID_INPUT', `--platform 中有未知的平台「${unknown.join('、')}」。可用：${known.join(', ')}, all`);
  }
  return asked;
}

function printText(io: CliIo, p: Proposal, results: PackResult[]): void {
  io.out(`《${p.title || '（未命名）'}》（${p.id}）`);
  if (results.every((r) => r.pack === 'legal')) io.out('  项目没有选择目标平台，只检查了法律通用规则；可用 --platform 指定平台');
  for (const r of results) {
    const c = r.counts;
    io.out(`  ${r.name} ${r.version}：${r.ok ? '通过' : '不通过'}（错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}）`);
    for (const f of r.findings) {
      io.out(`    ${SEVERITY_LABELS[f.severity]} [${f.ruleId}] ${findingFieldLabel(f.field)}：${f.message}`);
      if (f.fix) io.out(`      修改：${f.fix}`);
      io.out(`      依据：${describeSource(f.source)}`);
    }
  }
}

const OPTIONS = {
  platform: { type: 'string' },
  rules: { type: 'string' },
  ...OUTPUT_OPTIONS,
} as const;

export const validateCommand: Command = {
  name: 'validate',
  usage: `用法：shance validate 路径… [--platform 平台,…] [--rules 文件夹] [--json]

  路径         项目 .json 文件、.shance 交换包（或 .jsonl），或含有这些文件的文件夹
  --platform   要检查的平台，逗号分隔，如 tencent,alipay；all 表示全部平台。
               不指定时按项目自己选择的目标平台检查。法律通用规则（legal）总是检查。
  --rules      规则包文件夹（默认为善策自带的 templates/rules）
  --json       以 JSON 输出：{"results":[{"proposalId","platform","ok","findings":[{"ruleId","severity","field","message",
               "fix","blocksExport","source","sourceKind","verified","secondary"}]}]}
               sourceKind 为 law（法律）、platform（平台规则）或 federation（总会清单）；verified 为 false 的是总会清单默认值，待核实

  退出码：0 没有错误；1 发现错误；2 输入有误（文件不存在、格式不对、参数错误）。`,
  run(args, io) {
    return withParsedArgs(io, args, OPTIONS, this.usage, async ({ values, positionals }) => {
      if (positionals.length === 0) throw new AppError('INVALID_INPUT', '请指定要检查的项目文件或文件夹');
      const packs = loadPackDir(values.rules ? resolve(io.cwd, values.rules) : shippedPacksDir(defaultTemplatesDir(io.env)));
      const platforms = choosePlatforms(values.platform, packs);
      const files: string[] = [];
      for (const path of positionals) files.push(...(await proposalFiles(resolve(io.cwd, path))));
      if (files.length === 0) throw new AppError('INVALID_INPUT', `「${positionals.join('、')}」中没有项目文件（.json、.jsonl、.shance）`);
      const proposals: Proposal[] = [];
      for (const file of files) proposals.push(...(await readNamed(file)).proposals);

      let failed = false;
      const json: unknown[] = [];
      for (const p of proposals) {
        const results = checkProposal(p, packsFor(packs, platforms ?? p.platforms));
        failed ||= results.some((r) => !r.ok);
        if (!values.json) {
          printText(io, p, results);
          continue;
        }
        for (const r of results) {
          json.push({
            proposalId: p.id,
            platform: r.pack,
            ok: r.ok,
            findings: r.findings.map((f) => ({
              ruleId: f.ruleId,
              severity: f.severity,
              field: f.field,
              message: f.message,
              fix: f.fix,
              blocksExport: f.blocksExport !== false && f.severity === 'error',
              source: describeSource(f.source),
              sourceKind: f.source.kind,
              verified: f.source.verified,
              secondary: f.source.secondary ?? false,
            })),
          });
        }
      }
      if (values.json) io.out(JSON.stringify({ results: json }));
      else io.out(`共检查 ${proposals.length} 个项目：${failed ? '发现错误' : '没有错误'}`);
      return failed ? EXIT.failed : EXIT.ok;
    });
  },
};
