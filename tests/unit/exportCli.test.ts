import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createExportCommand } from '../../src/cli/commands/export';
import type { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';
import type { CheckFn } from '../../src/core/export/checklist';
import { Library } from '../../src/core/library/library';
import { addPhoto, FIXTURE_TEMPLATES, finding, photo, sampleProposal } from './helpers/exportFixtures';
import { tmpDir } from './helpers/tmp';

function io(cwd: string, dbPath: string) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: { SHANCE_DB: dbPath, SHANCE_TEMPLATES: FIXTURE_TEMPLATES } };
  return { cli, out, err };
}

async function setup() {
  const dir = tmpDir();
  const dbPath = join(dir, 'library.db');
  const lib = Library.open(dbPath);
  const images = [await addPhoto(lib, '封面.jpg', await photo(1600, 1200, 1), { isCover: true }), await addPhoto(lib, '现场.jpg', await photo(1600, 1200, 2))];
  const p = lib.proposals.insert(sampleProposal(images));
  const bundle = lib.exportBundle([p.id]).bytes;
  lib.close();
  return { dir, dbPath, p, bundle };
}

const titleErrorOnTencent: CheckFn = (_p, pack) => (pack.id === 'tencent' ? [finding('error', '项目名称含有平台禁用词', 'title')] : []);

describe('shance export', () => {
  it('writes a pack per platform and the review copy into a folder', async () => {
    const { dir, p } = await setup();
    const { cli, out, err } = io(dir, join(dir, 'library.db'));
    const code = await runCli(['export', p.id, '--platform', 'all', '--internal', '--out', '导出'], cli);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const names = readdirSync(join(dir, '导出')).sort();
    expect(names).toEqual(
      [`${p.title}-腾讯公益`, `${p.title}-支付宝公益`, `${p.title}-字节跳动公益（抖音）`, `${p.title}-新浪微公益`, `内部审核稿-${p.title}.docx`].sort(),
    );
    expect(out.join('\n')).toMatch(/已导出 腾讯公益 →/);
    expect(out.join('\n')).toMatch(/已导出内部审核稿 →/);
  });

  it('accepts platform names, a .shance bundle instead of an id, and --zip for one zip', async () => {
    const { dir, p, bundle } = await setup();
    const file = join(dir, '项目.shance');
    writeFileSync(file, bundle);
    // The library is not needed: the bundle carries the pictures. Point SHANCE_DB at nothing.
    const { cli, out } = io(dir, join(dir, 'no', 'such.db'));
    const code = await runCli(['export', '项目.shance', '--platform', '腾讯公益，weibo', '--internal', '--zip', '--json'], cli);
    expect(code).toBe(0);
    const result = JSON.parse(out[0]!);
    expect(result.packs.map((r: { platform: string; status: string }) => [r.platform, r.status])).toEqual([
      ['tencent', 'written'],
      ['weibo', 'written'],
    ]);
    expect(result.zip).toBe(join(dir, `${p.title}-导出.zip`));
    const entries = Object.keys(unzipSync(readFileSync(result.zip)));
    expect(entries).toContain(`${p.title}-导出/内部审核稿-${p.title}.docx`);
    expect(entries).toContain(`${p.title}-导出/${p.title}-新浪微公益/图片/头图-1.jpg`);
    expect(entries.some((e) => e.includes('支付宝'))).toBe(false);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('exports a proposal .json file whose pictures are in the library', async () => {
    const { dir, dbPath, p } = await setup();
    writeFileSync(join(dir, '项目.json'), JSON.stringify({ ...p, title: '从文件导出的项目' }));
    const { cli } = io(dir, dbPath);
    expect(await runCli(['export', '项目.json', '--platform', 'alipay', '--out', 'o'], cli)).toBe(0);
    expect(readdirSync(join(dir, 'o', '从文件导出的项目-支付宝公益', '图片')).sort()).toEqual(['图片清单.txt', '封面图-1.jpg', '反馈图片-1.jpg'].sort());
  });

  it('exits 1 naming the errors when a platform is refused, and still writes the others', async () => {
    const { dir, p } = await setup();
    const { cli, err } = io(dir, join(dir, 'library.db'));
    const command = createExportCommand(titleErrorOnTencent);
    const code = await command.run([p.id, '--platform', 'tencent,alipay', '--out', 'o'], cli);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/「腾讯公益」的检查有 1 项错误，未导出.*项目名称：项目名称含有平台禁用词/);
    expect(readdirSync(join(dir, 'o'))).toEqual([`${p.title}-支付宝公益`]);
  });

  it('exports a refused platform with --force-reason and writes the reason into the pack', async () => {
    const { dir, p } = await setup();
    const { cli } = io(dir, join(dir, 'library.db'));
    const code = await createExportCommand(titleErrorOnTencent).run([p.id, '--platform', 'tencent', '--force-reason', '平台已书面同意使用该名称', '--out', 'o'], cli);
    expect(code).toBe(0);
    const checklist = readFileSync(join(dir, 'o', `${p.title}-腾讯公益`, '检查结果.txt'));
    expect(strFromU8(checklist)).toContain('理由：平台已书面同意使用该名称');
  });

  it('rejects unknown platforms and bad arguments with exit 2', async () => {
    const { dir, p } = await setup();
    const { cli, err } = io(dir, join(dir, 'library.db'));
    expect(await runCli(['export', p.id, '--platform', 'myspace'], cli)).toBe(2);
    expect(err.join('\n')).toMatch(/未知的平台「myspace」/);
    expect(await runCli(['export', p.id, '--platform', 'jd'], cli)).toBe(2);
    expect(err.join('\n')).toMatch(/京东公益」还没有规则包/);
    expect(await runCli(['export', '--internal'], cli)).toBe(2);
    expect(await runCli(['export', p.id, '--zip', '--out', 'x'], cli)).toBe(2);
    expect(err.join('\n')).toMatch(/请用 --platform 指定平台/);
    expect(await runCli(['export', 'no-such-id', '--internal', '--out', 'x'], cli)).toBe(2);
    expect(err.join('\n')).toMatch(/项目不存在/);
  });

  it('still writes a .shance bundle when given only ids and --out FILE', async () => {
    const { dir, p } = await setup();
    const { cli, out } = io(dir, join(dir, 'library.db'));
    expect(await runCli(['export', p.id, '--out', '备份.shance'], cli)).toBe(0);
    expect(out.join('\n')).toMatch(/已导出 1 个项目到/);
    expect(Object.keys(unzipSync(readFileSync(join(dir, '备份.shance'))))).toContain('manifest.json');
  });
});
