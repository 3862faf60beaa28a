import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import type { z } from 'zod';
import { FOCUS_AREA_IDS, focusAreaLabel, sectionLabel } from '../../shared/domain/catalog';
import { AppError } from '../../shared/errors';
import {
  HANDBOOK_FORMAT,
  HANDBOOK_FORMAT_VERSION,
  handbookMetaSchema,
  handbookPackageSchema,
  sampleSchema,
  stepSchema,
  templateSchema,
  type HandbookPackage,
  type Sample,
  type Step,
  type Template,
} from '../../shared/handbook/schema';
import { STEP_IDS, STEP_LABELS, STEP_SECTIONS } from '../../shared/handbook/steps';
import { safeUnzip } from '../util/safeUnzip';
import { sha256Hex } from '../library/images';
import { describeHandbookIssues } from './issues';
import { applyPatches, sampleProposalForCheck } from './samples';

/**
 * A handbook package comes as a folder (templates/handbook/, edited by hand), a zip of that folder,
 * or one JSON file holding the whole package. All three are read into the same files-or-object form
 * and checked completely before anything uses them; every error names the file and the field.
 */

export const HANDBOOK_LIMITS = { fileBytes: 2 * 1024 * 1024, packageBytes: 30 * 1024 * 1024, files: 2_000 } as const;

/** The folder layout. Files elsewhere are refused so a misplaced template is not silently ignored. */
export const META_FILE = 'handbook.json';
export const FOLDERS = { steps: 'steps', templates: 'areas', samples: 'samples' } as const;

const invalid = (message: string, details: readonly string[] = []) => new AppError('FILE_INVALID', message, details);

export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    const pos = /position (\d+)/.exec(msg);
    let at = '';
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const lineNo = before.split('\n').length;
      at = `（第 ${lineNo} 行第 ${before.length - before.lastIndexOf('\n')} 列附近）`;
    }
    throw invalid(`「${where}」不是有效的 JSON${at}：请检查逗号、引号和括号是否成对，中文引号“”不能代替英文引号 "`);
  }
}

/** Collects every problem of a package, then fails once with all of them. */
class Problems {
  readonly list: string[] = [];
  add(...lines: string[]): void {
    this.list.push(...lines);
  }
  parse<S extends z.ZodType>(schema: S, raw: unknown, where: string): z.output<S> | null {
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    this.add(...describeHandbookIssues(r.error, where));
    return null;
  }
  throwIfAny(origin: string): void {
    if (this.list.length === 0) return;
    const shown = this.list.slice(0, 30);
    if (this.list.length > shown.length) shown.push(`……另有 ${this.list.length - shown.length} 处问题`);
    throw invalid(`${origin}有 ${this.list.length} 处问题，未做任何更改。请修改后再试。`, shown);
  }
}

interface Located<T> {
  value: T;
  where: string;
}

/** Checks across files: one page per step, a template for every focus area, samples that fit. */
function crossCheck(
  steps: Located<Step>[],
  templates: Located<Template>[],
  samples: Located<Sample>[],
  version: string,
  changelogVersions: string[],
  problems: Problems,
): void {
  for (const id of STEP_IDS) {
    const found = steps.filter((s) => s.value.id === id);
    if (found.length === 0) problems.add(`缺少步骤「${STEP_LABELS[id]}」（id: ${id}）的文件`);
    if (found.length > 1) problems.add(`步骤「${id}」出现了 ${found.length} 次：${found.map((f) => `「${f.where}」`).join('、')}`);
  }
  for (const s of steps) {
    for (const section of Object.keys(s.value.sectionPages)) {
      if (!(STEP_SECTIONS[s.value.id] as readonly string[]).includes(section)) {
        problems.add(`「${s.where}」的 sectionPages 中「${sectionLabel(section)}」不属于这一步`);
      }
    }
  }
  const templateIds = new Map<string, Located<Template>>();
  for (const t of templates) {
    const dup = templateIds.get(t.value.id);
    if (dup) problems.add(`模板编号「${t.value.id}」在「${dup.where}」和「${t.where}」中重复`);
    templateIds.set(t.value.id, t);
  }
  for (const area of FOCUS_AREA_IDS) {
    if (!templates.some((t) => t.value.focusArea === area)) problems.add(`项目领域「${focusAreaLabel(area)}」（${area}）没有模板`);
  }
  const sampleIds = new Set<string>();
  for (const s of samples) {
    if (sampleIds.has(s.value.id)) problems.add(`样例编号「${s.value.id}」重复（「${s.where}」）`);
    sampleIds.add(s.value.id);
    if (s.value.templateId) {
      const t = templateIds.get(s.value.templateId);
      if (!t) problems.add(`「${s.where}」引用的模板「${s.value.templateId}」不存在`);
      else if (t.value.focusArea !== s.value.focusArea) problems.add(`「${s.where}」的领域与模板「${t.value.id}」的领域不一致`);
    }
    if (s.value.proposal.focusArea && s.value.proposal.focusArea !== s.value.focusArea) {
      problems.add(`「${s.where}」的 proposal.focusArea 与样例的 focusArea 不一致`);
    }
    // The reference fixes must apply and leave a valid proposal; otherwise the trainer's "参考改法" breaks.
    for (const problem of s.value.problems) {
      try {
        sampleProposalForCheck(applyPatches(s.value, problem.solution, s.where), version);
      } catch (e) {
        if (e instanceof AppError) problems.add(`「${s.where}」问题「${problem.id}」的参考改法：${e.message}`, ...e.details);
        else throw e;
      }
    }
  }
  if (!changelogVersions.includes(version)) {
    problems.add(`「${META_FILE}」的修订记录（changelog）中没有当前版本 ${version} 的说明：请写明这一版改了什么`);
  }
}

function checkFormatHeader(raw: unknown, where: string): void {
  const r = raw as { format?: unknown; formatVersion?: unknown } | null;
  if (typeof r !== 'object' || r === null || Array.isArray(r)) throw invalid(`「${where}」应为一个 JSON 对象`);
  if (r.format !== HANDBOOK_FORMAT) throw invalid(`「${where}」不是善策手册包（format 应为 "${HANDBOOK_FORMAT}"）`);
  if (typeof r.formatVersion === 'number' && r.formatVersion > HANDBOOK_FORMAT_VERSION) {
    throw invalid(`「${where}」由更新版本的善策生成（格式版本 ${r.formatVersion}，本程序支持到 ${HANDBOOK_FORMAT_VERSION}），请升级善策后再导入`);
  }
}

/** The package from its files, keyed by path inside the package folder ('handbook.json', 'steps/01-need.json', …). */
export function packageFromFiles(files: ReadonlyMap<string, string>, origin: string): HandbookPackage {
  const metaText = files.get(META_FILE);
  if (metaText === undefined) throw invalid(`${origin}缺少 ${META_FILE}（手册的版本、日期和修订记录）`);
  const metaRaw = parseJsonText(metaText, META_FILE);
  checkFormatHeader(metaRaw, META_FILE);

  const problems = new Problems();
  const meta = problems.parse(handbookMetaSchema, metaRaw, META_FILE);
  const steps: Located<Step>[] = [];
  const templates: Located<Template>[] = [];
  const samples: Located<Sample>[] = [];
  const known = new Set<string>([META_FILE]);
  const folderSchemas = [
    [FOLDERS.steps, stepSchema, steps],
    [FOLDERS.templates, templateSchema, templates],
    [FOLDERS.samples, sampleSchema, samples],
  ] as const;
  for (const [folder, schema, out] of folderSchemas) {
    const paths = [...files.keys()].filter((p) => p.startsWith(`${folder}/`) && p.endsWith('.json')).sort();
    for (const path of paths) {
      known.add(path);
      let raw: unknown;
      try {
        raw = parseJsonText(files.get(path)!, path);
      } catch (e) {
        if (e instanceof AppError) {
          problems.add(e.message);
          continue;
        }
        throw e;
      }
      const value = problems.parse(schema, raw, path);
      if (value) (out as Located<unknown>[]).push({ value, where: path });
    }
  }
  for (const path of files.keys()) {
    if (path.endsWith('.json') && !known.has(path)) {
      problems.add(`「${path}」不在 ${FOLDERS.steps}/、${FOLDERS.templates}/、${FOLDERS.samples}/ 中，无法识别是步骤、模板还是样例`);
    }
  }
  problems.throwIfAny(origin);
  crossCheck(steps, templates, samples, meta!.version, meta!.changelog.map((c) => c.version), problems);
  problems.throwIfAny(origin);

  const ordered = STEP_IDS.map((id) => steps.find((s) => s.value.id === id)!.value);
  return handbookPackageSchema.parse({
    ...meta,
    steps: ordered,
    templates: templates.map((t) => t.value),
    samples: samples.map((s) => s.value),
  });
}

/** A single-file JSON package (the form `packageToJson` writes). */
export function packageFromObject(raw: unknown, origin: string): HandbookPackage {
  checkFormatHeader(raw, origin);
  const problems = new Problems();
  const pkg = problems.parse(handbookPackageSchema, raw, origin);
  problems.throwIfAny(origin);
  const at = (kind: string, i: number, id: string) => `${origin} › ${kind} 第 ${i + 1} 项（${id}）`;
  crossCheck(
    pkg!.steps.map((value, i) => ({ value, where: at('steps', i, value.id) })),
    pkg!.templates.map((value, i) => ({ value, where: at('templates', i, value.id) })),
    pkg!.samples.map((value, i) => ({ value, where: at('samples', i, value.id) })),
    pkg!.version,
    pkg!.changelog.map((c) => c.version),
    problems,
  );
  problems.throwIfAny(origin);
  return { ...pkg!, steps: STEP_IDS.map((id) => pkg!.steps.find((s) => s.id === id)!) };
}

function listJsonFiles(dir: string, base = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listJsonFiles(dir, rel));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(rel);
  }
  return out;
}

/** The paths, sizes and times of a folder's package files: when it changes, the folder must be read again. */
export function folderSignature(dir: string): string {
  try {
    return listJsonFiles(dir)
      .sort()
      .map((rel) => {
        const st = statSync(join(dir, rel));
        return `${rel}:${st.size}:${st.mtimeMs}`;
      })
      .join('|');
  } catch {
    return '';
  }
}

export function readHandbookFolder(dir: string): HandbookPackage {
  let paths: string[];
  try {
    paths = listJsonFiles(dir);
  } catch {
    throw invalid(`找不到手册文件夹「${dir}」`);
  }
  if (paths.length > HANDBOOK_LIMITS.files) throw invalid(`手册文件夹中的文件过多（上限 ${HANDBOOK_LIMITS.files} 个）`);
  const files = new Map<string, string>();
  for (const rel of paths) {
    const full = join(dir, rel);
    if (statSync(full).size > HANDBOOK_LIMITS.fileBytes) throw invalid(`「${rel}」过大（上限 2 MB）`);
    files.set(rel, readFileSync(full, 'utf8'));
  }
  return packageFromFiles(files, `手册文件夹「${dir}」`);
}

function unzipPackage(bytes: Uint8Array): Map<string, string> {
  const entries = safeUnzip(bytes, {
    what: '手册包',
    code: 'FILE_INVALID',
    limits: { entries: HANDBOOK_LIMITS.files, entryBytes: HANDBOOK_LIMITS.fileBytes, totalBytes: HANDBOOK_LIMITS.packageBytes },
    keep: (name) => name.endsWith('.json') && !name.startsWith('__MACOSX/'),
  });
  // A zip of the folder itself ("handbook/handbook.json") is as good as a zip of its contents.
  let prefix = '';
  if (!entries[META_FILE]) {
    const metas = Object.keys(entries).filter((n) => n.endsWith(`/${META_FILE}`));
    if (metas.length === 1) prefix = metas[0]!.slice(0, -META_FILE.length);
  }
  const files = new Map<string, string>();
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/') || !name.startsWith(prefix)) continue;
    files.set(name.slice(prefix.length), strFromU8(data));
  }
  return files;
}

/** A package as uploaded: zip bytes, or the bytes of a single JSON file. */
export function readHandbookUpload(bytes: Uint8Array): HandbookPackage {
  if (bytes.length === 0) throw invalid('手册包是空文件');
  if (bytes.length > HANDBOOK_LIMITS.packageBytes) throw invalid('手册包过大（上限 30 MB）');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return packageFromFiles(unzipPackage(bytes), '手册包');
  const text = strFromU8(bytes);
  if (!/^\uFEFF?\s*\{/.test(text)) throw invalid('无法识别的手册包：应为 zip 压缩包或 JSON 文件');
  return packageFromObject(parseJsonText(text, '手册包 JSON'), '手册包 JSON');
}

/** The canonical text of a package, for hashing and storing. */
export function packageJson(pkg: HandbookPackage): string {
  return JSON.stringify(pkg);
}

export function packageSha(pkg: HandbookPackage): string {
  return sha256Hex(new TextEncoder().encode(packageJson(pkg)));
}

const pretty = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** The folder form of a package: what the trainer edits, and what an exported zip holds. */
export function packageToFiles(pkg: HandbookPackage): Map<string, string> {
  const { steps, templates, samples, ...meta } = pkg;
  const files = new Map<string, string>([[META_FILE, pretty(meta)]]);
  steps.forEach((s, i) => files.set(`${FOLDERS.steps}/${String(i + 1).padStart(2, '0')}-${s.id}.json`, pretty(s)));
  for (const t of templates) files.set(`${FOLDERS.templates}/${t.id}.json`, pretty(t));
  for (const s of samples) files.set(`${FOLDERS.samples}/${s.id}.json`, pretty(s));
  return files;
}
