import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { packageJson, readHandbookFolder, readHandbookUpload } from '../../src/core/handbook/readPackage';
import { HandbookService } from '../../src/core/handbook/service';
import { AppError } from '../../src/shared/errors';
import { copyTemplates, editJson, revised, shippedHandbook, zipPackage } from './helpers/handbook';
import { tmpLibrary } from './helpers/tmp';

function rejection(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an error');
}

const text = (e: AppError) => [e.message, ...e.details].join('\n');

describe('reading a handbook folder', () => {
  it('names the file and the field of a malformed step', () => {
    const dir = join(copyTemplates(), 'handbook');
    editJson(join(dir, 'steps/03-goals.json'), (d) => {
      (d.page as { questions: string[] }).questions = [];
    });
    const e = rejection(() => readHandbookFolder(dir));
    expect(e.code).toBe('FILE_INVALID');
    expect(text(e)).toContain('「steps/03-goals.json」');
    expect(text(e)).toContain('questions（要回答的问题）');
    expect(text(e)).toContain('至少要有 1 条');
  });

  it('points at the line of broken JSON', () => {
    const dir = join(copyTemplates(), 'handbook');
    writeFileSync(join(dir, 'areas/public-lights.json'), '{\n  "id": "public-lights",\n  "name": "路灯"\n  "focusArea": "publicService"\n}');
    const e = rejection(() => readHandbookFolder(dir));
    expect(text(e)).toMatch(/「areas\/public-lights\.json」不是有效的 JSON（第 4 行/);
  });

  it('refuses a template whose text pretends to be facts (no placeholder)', () => {
    const dir = join(copyTemplates(), 'handbook');
    editJson(join(dir, 'areas/elderly-meals.json'), (d) => {
      (d.sections as Record<string, { skeleton: string }>).goals!.skeleton = '为 120 名老人提供午餐。';
    });
    const e = rejection(() => readHandbookFolder(dir));
    expect(text(e)).toContain('「areas/elderly-meals.json」字段「sections（正文栏目） › goals › skeleton（骨架文字）」');
    expect(text(e)).toContain('必须含有占位符');
  });

  it('requires a template for every focus area and consistent samples', () => {
    const dir = join(copyTemplates(), 'handbook');
    rmSync(join(dir, 'areas/disaster-relief.json'));
    const e = rejection(() => readHandbookFolder(dir));
    expect(text(e)).toContain('项目领域「应急救灾」（disaster）没有模板');
    expect(text(e)).toContain('「samples/disaster-strong.json」引用的模板「disaster-relief」不存在');
  });

  it('refuses a JSON file it cannot place, and a typo in a field name', () => {
    const dir = join(copyTemplates(), 'handbook');
    writeFileSync(join(dir, 'stray.json'), '{}');
    editJson(join(dir, 'steps/07-risks.json'), (d) => {
      d.summery = '拼错的字段';
    });
    const e = rejection(() => readHandbookFolder(dir));
    expect(text(e)).toContain('「stray.json」不在 steps/、areas/、samples/ 中');
    expect(text(e)).toContain('有无法识别的字段：summery');
  });

  it('checks that a sample’s reference fix still applies', () => {
    const dir = join(copyTemplates(), 'handbook');
    editJson(join(dir, 'samples/industry-flawed.json'), (d) => {
      const problems = d.problems as { solution: { path: string; value: unknown }[] }[];
      problems[0]!.solution = [{ path: 'proposal.milestones.9.date', value: '2027-01-01' }];
    });
    const e = rejection(() => readHandbookFolder(dir));
    expect(text(e)).toContain('「samples/industry-flawed.json」问题「slogan-goals」的参考改法');
  });

  it('requires a change-log entry for the current version', () => {
    const dir = join(copyTemplates(), 'handbook');
    editJson(join(dir, 'handbook.json'), (d) => {
      d.version = '1.5';
    });
    expect(text(rejection(() => readHandbookFolder(dir)))).toContain('修订记录（changelog）中没有当前版本 1.5 的说明');
  });
});

describe('uploaded packages', () => {
  it('reads a zip of the folder (with or without the top folder) and a single JSON file alike', () => {
    const pkg = shippedHandbook();
    expect(readHandbookUpload(zipPackage(pkg))).toEqual(pkg);
    expect(readHandbookUpload(zipPackage(pkg, undefined, ''))).toEqual(pkg);
    expect(readHandbookUpload(strToU8(packageJson(pkg)))).toEqual(pkg);
  });

  it('names the entry of a malformed single-file JSON package', () => {
    const bad = JSON.parse(packageJson(shippedHandbook())) as { templates: { budget: { categories: unknown[] } }[] };
    bad.templates[2]!.budget.categories = [];
    const e = rejection(() => readHandbookUpload(strToU8(JSON.stringify(bad))));
    expect(text(e)).toMatch(/templates › 第 3 条 › budget（预算） › categories（预算类别）」：至少要有 2 个预算类别/);
  });

  it('refuses unsafe paths, foreign JSON and files that are neither', () => {
    const evil = zipSync({ '../handbook.json': strToU8('{}') });
    expect(rejection(() => readHandbookUpload(evil)).message).toContain('不安全的文件路径');
    expect(rejection(() => readHandbookUpload(strToU8('{"format":"something-else"}'))).message).toContain('不是善策手册包');
    expect(rejection(() => readHandbookUpload(strToU8('hello'))).message).toContain('应为 zip 压缩包或 JSON 文件');
    expect(rejection(() => readHandbookUpload(new Uint8Array([0x50, 0x4b, 1, 2, 3]))).message).toContain('无法解压');
  });
});

describe('importing a revised handbook', () => {
  function service() {
    const lib = tmpLibrary();
    return { lib, hb: HandbookService.forTemplates(copyTemplates(), lib.db) };
  }
  const importRows = (hb: HandbookService) => hb.versions().filter((v) => v.source === 'import').length;

  it('rejects a malformed package with a clear message and replaces nothing', () => {
    const { hb } = service();
    const before = hb.current();
    const broken = zipPackage(revised('1.1'), (files) => {
      const step = JSON.parse(files.get('steps/05-budget.json')!) as { page: { examples: unknown[] } };
      step.page.examples = [];
      files.set('steps/05-budget.json', JSON.stringify(step));
    });
    const e = rejection(() => hb.import(broken, false));
    expect(e.message).toContain('未做任何更改');
    expect(text(e)).toContain('「steps/05-budget.json」字段「page（指导页） › examples（示例）」：至少要有 1 组示例');
    expect(importRows(hb)).toBe(0);
    expect(hb.current().pkg.version).toBe(before.pkg.version);
    expect(hb.current().sha256).toBe(before.sha256);
  });

  it('refuses a version that is not newer, and a dry run stores nothing', () => {
    const { hb } = service();
    const same = revised('1.0', (p) => {
      p.steps[0]!.summary = '改了内容却没有提高版本号';
    });
    same.changelog = shippedHandbook().changelog;
    const e = rejection(() => hb.import(zipPackage(same), false));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('不高于当前版本 1.0');

    const dry = hb.import(zipPackage(revised('1.1')), true);
    expect(dry).toMatchObject({ version: '1.1', previousVersion: '1.0', imported: false, dryRun: true });
    expect(importRows(hb)).toBe(0);
    expect(hb.current().pkg.version).toBe('1.0');
  });

  it('makes a newer package current, says what changed, and treats the same package again as unchanged', () => {
    const { hb } = service();
    const next = revised('1.1', (p) => {
      p.steps[4]!.page.mistakes.push('把配捐当成确定的收入写进预算。');
      p.templates = p.templates.filter((t) => t.id !== 'elderly-bath');
    });
    const out = hb.import(zipPackage(next), false);
    expect(out).toMatchObject({ version: '1.1', previousVersion: '1.0', imported: true, unchanged: false });
    expect(out.changelog.map((c) => c.version)).toEqual(['1.1']);
    expect(out.changes.templates.removed.map((t) => t.id)).toEqual(['elderly-bath']);
    expect(out.changes.steps.find((s) => s.step === 'budget')!.items).toContainEqual(
      expect.objectContaining({ kind: 'added', part: '常见错误', after: '把配捐当成确定的收入写进预算。' }),
    );
    expect(hb.current()).toMatchObject({ source: 'import' });
    expect(hb.current().pkg.version).toBe('1.1');
    expect(hb.import(zipPackage(next), false)).toMatchObject({ unchanged: true, imported: false });
    expect(importRows(hb)).toBe(1);
  });

  it('keeps working from the last good version when a trainer breaks the files', () => {
    const lib = tmpLibrary();
    const templates = copyTemplates();
    const hb = HandbookService.forTemplates(templates, lib.db);
    expect(hb.current().pkg.version).toBe('1.0');
    writeFileSync(join(templates, 'handbook/steps/01-need.json'), '{ broken');
    // A fresh service (as after a restart) reads the broken files and falls back to the stored copy.
    const again = HandbookService.forTemplates(templates, lib.db);
    const cur = again.current();
    expect(cur.pkg.version).toBe('1.0');
    expect(cur.warnings.join('\n')).toContain('「steps/01-need.json」不是有效的 JSON');
  });

  it('follows files a trainer edits, without a restart', () => {
    const lib = tmpLibrary();
    const templates = copyTemplates();
    const hb = HandbookService.forTemplates(templates, lib.db);
    expect(hb.current().pkg.version).toBe('1.0');
    editJson(join(templates, 'handbook/handbook.json'), (d) => {
      d.version = '1.2';
      (d.changelog as unknown[]).unshift({ version: '1.2', date: '2027-04-01', summary: '直接修改文件' });
    });
    const cur = hb.current();
    expect(cur.pkg.version).toBe('1.2');
    expect(cur.source).toBe('files');
    expect(hb.versions().map((v) => v.version)).toEqual(['1.2', '1.0']);
  });
});

describe('reference fixes in samples', () => {
  it('cannot reach JavaScript’s own objects through a path', () => {
    const dir = join(copyTemplates(), 'handbook');
    editJson(join(dir, 'samples/industry-flawed.json'), (d) => {
      const problems = d.problems as { solution: { path: string; value: unknown }[] }[];
      problems[0]!.solution = [{ path: 'proposal.__proto__.polluted', value: true }];
    });
    const e = rejection(() => readHandbookFolder(dir));
    expect(text(e)).toContain('路径中含有不允许的名称');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
