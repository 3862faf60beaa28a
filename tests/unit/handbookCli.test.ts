import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import type { CliIo } from '../../src/cli/io';
import { readHandbookUpload } from '../../src/core/handbook/readPackage';
import { exerciseWarnings } from '../../src/core/handbook/workshop';
import { Library } from '../../src/core/library/library';
import { HandbookService } from '../../src/core/handbook/service';
import { copyTemplates, editJson, shippedHandbook } from './helpers/handbook';
import { tmpDir } from './helpers/tmp';

function io(templatesDir: string, cwd = tmpDir()): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd, env: { SHANCE_TEMPLATES: templatesDir }, stdout, stderr };
}

describe('shance handbook', () => {
  it('checks the handbook folder and reports what it holds', async () => {
    const templates = copyTemplates();
    const out = io(templates);
    expect(await runCli(['handbook', 'check'], out)).toBe(0);
    expect(out.stdout[0]).toContain('检查通过：手册 1.0 版（2026-11-22），10 个步骤、13 个模板、22 个样例（11 个练习）');
  });

  it('lists every problem with file and field, and fails', async () => {
    const templates = copyTemplates();
    editJson(join(templates, 'handbook/areas/volunteer-service.json'), (d) => {
      d.focusArea = 'sports';
    });
    const out = io(templates);
    expect(await runCli(['handbook', 'check'], out)).toBe(2);
    expect(out.stderr.join('\n')).toContain('「areas/volunteer-service.json」字段「focusArea（项目领域）」：项目领域应为');
  });

  it('warns about an exercise that teaches nothing', async () => {
    const templates = copyTemplates();
    editJson(join(templates, 'handbook/samples/poverty-flawed.json'), (d) => {
      // This check already passes in the sample as written.
      (d.problems as { checks: string[] }[])[2]!.checks = ['platforms.roles'];
    });
    const out = io(templates);
    expect(await runCli(['handbook', 'check'], out)).toBe(0);
    expect(out.stdout.join('\n')).toContain('练习「poverty-flawed」的问题「wrong-amount」在原样中已算作改好');
    expect(exerciseWarnings(shippedHandbook())).toEqual([]);
  });

  it('packs a folder into a package that imports into a library', async () => {
    const templates = copyTemplates();
    editJson(join(templates, 'handbook/handbook.json'), (d) => {
      d.version = '1.1';
      (d.changelog as unknown[]).unshift({ version: '1.1', date: '2027-03-01', summary: '培训后修订' });
    });
    const cwd = tmpDir();
    const out = io(templates, cwd);
    expect(await runCli(['handbook', 'pack', join(templates, 'handbook'), '--out', '手册-1.1.zip'], out)).toBe(0);
    const zip = join(cwd, '手册-1.1.zip');
    expect(existsSync(zip)).toBe(true);
    expect(readHandbookUpload(readFileSync(zip)).version).toBe('1.1');

    // Imported into a library whose app ships 1.0, the package becomes current there.
    const db = join(cwd, 'library.db');
    const shipped = copyTemplates();
    const imp = io(shipped, cwd);
    expect(await runCli(['handbook', 'import', '手册-1.1.zip', '--db', db], imp)).toBe(0);
    expect(imp.stdout[0]).toContain('已导入手册 1.1 版');
    const lib = Library.open(db);
    try {
      expect(HandbookService.forTemplates(shipped, lib.db).current().pkg.version).toBe('1.1');
    } finally {
      lib.close();
    }
  });
});
