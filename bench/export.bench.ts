/**
 * Export benchmark: every submission pack and the internal review copy for a proposal of 10,000
 * characters of real Chinese text (CSL abstracts) with six 12-megapixel photos, across every rule
 * pack that ships (13 platforms), each checked by the real rules engine. Target: under 3 s in total.
 * Run with `npm run bench:export`. Platforms whose checklist has errors are exported with an override
 * reason, so every pack is really written and timed.
 *
 * Two paths are timed: the CLI's (all platforms in one call) and the UI's (one API call per
 * platform, as the progress bar needs), each with a fresh decode cache. The photos are made in this
 * process and the export runs in a child process, so its peak memory is the export's own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDispatch } from '../src/core/api/dispatch';
import { createHandlers } from '../src/core/api/handlers';
import { zipFiles, type ExportFile } from '../src/core/export/archive';
import { exportProject, libraryImages } from '../src/core/export/exportProject';
import { exportRules } from '../src/core/export/rulePacks';
import { defaultTemplatesDir } from '../src/core/paths';
import { loadPackDir, shippedPacksDir } from '../src/core/rules/load';
import { Library } from '../src/core/library/library';
import { totalChars } from '../src/core/library/normalize';
import { SECTION_IDS } from '../src/shared/domain/catalog';
import { addPhoto, photo, sampleProposal } from '../tests/unit/helpers/exportFixtures';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpora', 'csl', 'ts_dev.tsv');
const TARGET_CHARS = 10_000;
const PHOTOS = 6;
const TEMPLATES = defaultTemplatesDir();
const OVERRIDE = '性能基准：有错误的平台也导出，以便计时';

if (!existsSync(CORPUS)) {
  console.log(`跳过导出基准：找不到语料 ${CORPUS}（../shared/corpora 不在仓库旁边）`);
  process.exit(0);
}

const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Real abstracts, one per paragraph, spread over the seven sections until the proposal has 10,000 characters. */
function longProposal() {
  const abstracts = readFileSync(CORPUS, 'utf8')
    .split('\n')
    .map((l) => l.split('\t')[1] ?? '')
    .filter((a) => a.length > 80);
  const p = sampleProposal();
  const texts: string[][] = SECTION_IDS.map(() => []);
  let chars = [...p.title].length + [...p.summary].length;
  for (let i = 0; chars < TARGET_CHARS; i++) {
    const a = abstracts[i % abstracts.length]!.slice(0, TARGET_CHARS - chars);
    texts[i % texts.length]!.push(a);
    chars += [...a].length;
  }
  SECTION_IDS.forEach((id, i) => (p.sections[id] = { doc: null, text: texts[i]!.join('\n') }));
  return p;
}

/** Make the library: the proposal and its photos. */
async function setup(dir: string): Promise<void> {
  const lib = Library.open(join(dir, 'library.db'));
  console.log(`生成 ${PHOTOS} 张 1200 万像素照片…`);
  const images = [];
  for (let i = 0; i < PHOTOS; i++) {
    const data = await photo(i % 2 ? 3000 : 4000, i % 2 ? 4000 : 3000, i + 1);
    images.push(await addPhoto(lib, `现场照片-${i + 1}.jpg`, data, { isCover: i === 0 }));
  }
  const p = lib.proposals.insert({ ...longProposal(), images });
  writeFileSync(join(dir, 'id'), p.id);
  lib.close();
}

/** The measured part, in its own process. */
async function run(dir: string): Promise<void> {
  const lib = Library.open(join(dir, 'library.db'));
  const p = lib.proposals.get(readFileSync(join(dir, 'id'), 'utf8'));
  const rules = exportRules(() => loadPackDir(shippedPacksDir(TEMPLATES)));
  const packs = rules.platformPacks();
  const photoBytes = p.images.reduce((s, i) => s + i.bytes, 0);
  console.log(`项目 ${totalChars(p)} 字，${p.images.length} 张照片共 ${mb(photoBytes)}，${packs.size} 个平台规则包（随程序发布的版本），规则引擎检查`);
  console.log('（2 核机器，与其他任务共用 CPU，数字有波动）\n');
  const rssBefore = process.memoryUsage().rss;

  // The CLI path: every platform and the review copy in one call, then one zip.
  let started = performance.now();
  const perPlatform: [string, number][] = [];
  const result = await exportProject({
    proposal: p,
    platforms: [...packs.keys()],
    packs,
    check: rules.check,
    overrideReason: OVERRIDE,
    internal: true,
    load: libraryImages(lib),
    onPack: (r, t) => perPlatform.push([r.label, t]),
  });
  const files: ExportFile[] = result.packs.flatMap((r) => (r.status === 'written' ? r.files.map((f) => ({ path: `${r.folder}/${f.path}`, data: f.data })) : []));
  files.push(result.review!);
  const zip = zipFiles(files);
  const cliTotal = performance.now() - started;
  const platformsTime = perPlatform.reduce((s, [, t]) => s + t, 0);
  console.log('命令行路径（一次导出所有平台 + 内部审核稿 + 打包一个 zip）：');
  console.log(`  总时间 ${ms(cliTotal)}，zip ${mb(zip.length)}`);
  for (const [label, t] of perPlatform) console.log(`    ${label.padEnd(12, '　')}${ms(t)}`);
  console.log(`    ${'其余：检查、照片解码（每张一次）、审核稿、打包'.padEnd(12, '　')}${ms(cliTotal - platformsTime)}`);

  // The UI path: one API call per platform (progress bar), then the review copy.
  const dispatch = createDispatch(createHandlers({ lib, templatesDir: TEMPLATES }));
  started = performance.now();
  const calls: string[] = [];
  for (const platform of packs.keys()) {
    const t = performance.now();
    const env = await dispatch('export.pack', { id: p.id, platform, overrideReason: OVERRIDE });
    if (!env.ok) throw new Error(env.error.message);
    if ((env.value as { status: string }).status !== 'written') throw new Error(`${platform} 未导出`);
    calls.push(`    export.pack ${platform.padEnd(8)}${ms(performance.now() - t)}`);
  }
  const t = performance.now();
  const review = await dispatch('export.review', { id: p.id, platforms: [...packs.keys()] });
  if (!review.ok) throw new Error(review.error.message);
  calls.push(`    export.review       ${ms(performance.now() - t)}`);
  const uiTotal = performance.now() - started;
  console.log(`\n界面路径（每个平台一次 export.pack，返回 base64 zip；第一次调用时解码照片）：总时间 ${ms(uiTotal)}`);
  calls.forEach((l) => console.log(l));

  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(`\n内存峰值（导出进程 maxRSS）：${mb(peak)}；开始导出前 RSS ${mb(rssBefore)}`);
  console.log(`目标 < 3000 ms：命令行路径${cliTotal < 3000 ? '达到' : '未达到'}，界面路径${uiTotal < 3000 ? '达到' : '未达到'}`);
  lib.close();
}

if (process.argv[2] === '--run') {
  await run(process.argv[3]!);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'shance-bench-export-'));
  try {
    await setup(dir);
    const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--run', dir], { stdio: 'inherit' });
    process.exitCode = child.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
