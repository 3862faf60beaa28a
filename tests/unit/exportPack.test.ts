import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createDispatch, type Handlers } from '../../src/core/api/dispatch';
import { exportHandlers } from '../../src/core/api/exportHandlers';
import { createHandlers } from '../../src/core/api/handlers';
import { sha256Hex } from '../../src/core/library/images';
import type { Library } from '../../src/core/library/library';
import type { CheckFn } from '../../src/core/export/checklist';
import { writeExport, writeSingleFile } from '../../src/core/export/archive';
import { allSpecs, decoderFor, exportProject, libraryImages } from '../../src/core/export/exportProject';
import { DecodedImageCache } from '../../src/core/export/images';
import { buildSubmissionPack } from '../../src/core/export/submissionPack';
import type { PackDownload } from '../../src/shared/api/methods/export';
import type { Envelope } from '../../src/shared/api/contract';
import { addPhoto, finding, fixturePacks, FIXTURE_TEMPLATES, photo, sampleProposal } from './helpers/exportFixtures';
import { tmpDir, tmpLibrary } from './helpers/tmp';

const packs = fixturePacks();

async function libraryWithProject(lib: Library = tmpLibrary()) {
  const images = [
    await addPhoto(lib, '食堂外景.jpg', await photo(1600, 1200, 1), { isCover: true }),
    await addPhoto(lib, '送餐.jpg', await photo(1200, 1600, 2)),
  ];
  const p = lib.proposals.insert(sampleProposal(images));
  return { lib, p };
}

function api(lib: Library, check?: CheckFn) {
  const ctx = { lib, templatesDir: FIXTURE_TEMPLATES };
  const handlers: Handlers = { ...createHandlers(ctx), ...(check ? exportHandlers(ctx, { platformPacks: () => packs, check }) : {}) };
  const dispatch = createDispatch(handlers, () => {});
  return async <T>(method: string, payload: unknown): Promise<T> => {
    const env = (await dispatch(method, payload)) as Envelope<T>;
    if (!env.ok) throw Object.assign(new Error(env.error.message), env.error);
    return env.value;
  };
}

const unzipB64 = (b64: string) => unzipSync(Buffer.from(b64, 'base64'));
const docxText = (docx: Uint8Array) => strFromU8(unzipSync(docx)['word/document.xml']!).replace(/<[^>]+>/g, '');

describe('refusing a platform with errors', () => {
  const errorsOnWeibo: CheckFn = (_p, pack) =>
    pack.id === 'weibo' ? [finding('error', '项目名称超过 20 字', 'title', 'weibo'), finding('warning', '简介偏短', 'summary', 'weibo')] : [];

  it('refuses without decoding a picture, and names the errors', async () => {
    const { lib, p } = await libraryWithProject();
    let loads = 0;
    const load = (sha: string) => (loads++, libraryImages(lib)(sha));
    const weibo = packs.get('weibo')!;
    const findings = await errorsOnWeibo(p, weibo);
    for (const reason of [null, '', '   ']) {
      const r = await buildSubmissionPack({ proposal: p, pack: weibo, findings, overrideReason: reason, decode: decoderFor(p, allSpecs(packs.values()), load, new DecodedImageCache()) });
      expect(r.status).toBe('refused');
      if (r.status === 'refused') expect(r.errors.map((e) => e.message)).toEqual(['项目名称超过 20 字']);
    }
    expect(loads).toBe(0);

    const call = api(lib, errorsOnWeibo);
    const out = await call<PackDownload>('export.pack', { id: p.id, platform: 'weibo' });
    expect(out.status).toBe('refused');
    if (out.status === 'refused') expect(out.message).toMatch(/「新浪微公益」的检查有 1 项错误，未导出.*项目名称：项目名称超过 20 字/);
    // Other platforms are not affected.
    expect((await call<PackDownload>('export.pack', { id: p.id, platform: 'tencent' })).status).toBe('written');
  });

  it('names list items in words, as the rules engine reports them', async () => {
    const { lib, p } = await libraryWithProject();
    const listErrors: CheckFn = (_p, pack) => [finding('error', '节点日期不在执行周期内', 'milestones.3', pack.id), finding('error', '金额不等于单价乘数量', 'budget.lines.0', pack.id)];
    const out = await api(lib, listErrors)<PackDownload>('export.pack', { id: p.id, platform: 'weibo' });
    if (out.status !== 'refused') throw new Error('expected a refusal');
    expect(out.message).toContain('1. [错误] 执行计划节点 第 4 条：节点日期不在执行周期内');
    expect(out.message).toContain('2. [错误] 预算明细 第 1 条：金额不等于单价乘数量');
    expect(out.message).not.toMatch(/milestones|budget\.lines/);
  });

  it('writes the pack when a reviewer gives a reason, and records the reason in it', async () => {
    const { lib, p } = await libraryWithProject();
    const call = api(lib, errorsOnWeibo);
    const reason = '标题与平台审核人员电话确认可用，总会同意先行提交';
    const out = await call<PackDownload>('export.pack', { id: p.id, platform: 'weibo', overrideReason: `  ${reason} ` });
    expect(out.status).toBe('written');
    if (out.status !== 'written') return;
    expect(out.overridden).toBe(true);
    const files = unzipB64(out.dataBase64);
    const folder = `${p.title}-新浪微公益`;
    const checklist = strFromU8(files[`${folder}/检查结果.txt`]!);
    expect(checklist).toContain('【越过错误导出】');
    expect(checklist).toContain(`理由：${reason}`);
    expect(checklist).toMatch(/1\. \[错误\] 项目名称：项目名称超过 20 字/);
    expect(checklist).toMatch(/2\. \[警告\] 一句话简介：简介偏短/);
    expect(JSON.parse(strFromU8(files[`${folder}/检查结果.json`]!)).override).toBe(reason);
    expect(docxText(files[`${folder}/提交材料-新浪微公益.docx`]!)).toContain(`理由：${reason}`);
  });
});

describe('export API', () => {
  it('lists every platform with its pack and checklist for the dialog', async () => {
    const { lib, p } = await libraryWithProject();
    const call = api(lib, (_p, pack) => (pack.id === 'alipay' ? [finding('error', '缺少备案编号', 'filing.number', 'alipay')] : []));
    const { items } = await call<{ items: { platform: string; hasPack: boolean; targeted: boolean; blocked: boolean; packVersion: string | null }[] }>(
      'export.platforms',
      { id: p.id },
    );
    expect(items).toHaveLength(13);
    expect(items.filter((i) => i.hasPack).map((i) => i.platform)).toEqual(['tencent', 'alipay', 'douyin', 'weibo']);
    expect(items.find((i) => i.platform === 'alipay')).toMatchObject({ blocked: true, targeted: true, packVersion: '0.9.1' });
    expect(items.find((i) => i.platform === 'jd')).toMatchObject({ hasPack: false, targeted: false, blocked: false });
  });

  it('returns each platform as a zip under its own folder, and combines them with the review copy', async () => {
    const { lib, p } = await libraryWithProject();
    const call = api(lib);
    const parts: { fileName: string; dataBase64: string }[] = [];
    for (const platform of ['tencent', 'alipay', 'douyin', 'weibo']) {
      const out = await call<PackDownload>('export.pack', { id: p.id, platform });
      if (out.status !== 'written') throw new Error('refused');
      const entries = Object.keys(unzipB64(out.dataBase64));
      const folder = out.fileName.replace(/\.zip$/, '');
      expect(entries.sort()).toEqual(out.files.map((f) => `${folder}/${f}`).sort());
      expect(out.files).toEqual(expect.arrayContaining([`提交材料-${out.label}.docx`, `字段表-${out.label}.xlsx`, `字段表-${out.label}.txt`, '图片/图片清单.txt', '检查结果.txt']));
      parts.push(out);
    }
    const review = await call<{ fileName: string; dataBase64: string }>('export.review', { id: p.id });
    expect(review.fileName).toBe(`内部审核稿-${p.title}.docx`);
    expect(docxText(Buffer.from(review.dataBase64, 'base64'))).toContain('各平台检查摘要');
    const all = await call<{ fileName: string; dataBase64: string }>('export.combine', { name: `${p.title}-导出`, parts: [...parts, review] });
    expect(all.fileName).toBe(`${p.title}-导出.zip`);
    const entries = Object.keys(unzipB64(all.dataBase64));
    expect(entries).toContain(review.fileName);
    expect(entries.filter((e) => e.endsWith('.docx'))).toHaveLength(5);
    await expect(call('export.combine', { name: 'x', parts: [parts[0], parts[0]] })).rejects.toThrow(/重名文件/);
  });

  // Only the CLI writes into a folder (the app downloads); this is what `shance export --out` does.
  it('writes into a folder, never over an earlier export, or as a zip there', async () => {
    const { lib, p } = await libraryWithProject();
    const dir = join(tmpDir(), '导出');
    const exported = await exportProject({ proposal: p, platforms: ['tencent', 'alipay'], packs, check: async () => [], overrideReason: null, internal: true, load: libraryImages(lib) });
    const [tencent, alipay] = exported.packs;
    if (tencent?.status !== 'written' || alipay?.status !== 'written') throw new Error('the fixture proposal should export');
    const first = await writeExport(dir, tencent.folder, tencent.files, false);
    expect(first).toBe(join(dir, `${p.title}-腾讯公益`));
    expect(readdirSync(join(first, '图片')).sort()).toEqual(['图片清单.txt', '封面图-1.jpg', '项目图片-1.jpg']);
    const second = await writeExport(dir, tencent.folder, tencent.files, false);
    expect(second).toBe(join(dir, `${p.title}-腾讯公益（2）`));
    const zipped = await writeExport(dir, alipay.folder, alipay.files, true);
    expect(zipped).toBe(join(dir, `${p.title}-支付宝公益.zip`));
    expect(Object.keys(unzipSync(readFileSync(zipped)))).toContain(`${p.title}-支付宝公益/字段表-支付宝公益.xlsx`);
    const review = await writeSingleFile(dir, exported.review!.path, exported.review!.data);
    expect(existsSync(review)).toBe(true);
    // Nothing half-written is left behind.
    expect(readdirSync(dir).filter((n) => n.includes('.part-'))).toEqual([]);
  });

  it('leaves the original pictures in the library byte for byte as they were', async () => {
    const { lib, p } = await libraryWithProject();
    const before = p.images.map((i) => Buffer.from(lib.images.get(i.sha256).data));
    const call = api(lib);
    for (const platform of ['tencent', 'alipay', 'douyin', 'weibo']) await call('export.pack', { id: p.id, platform });
    await call('export.review', { id: p.id });
    p.images.forEach((img, i) => {
      const after = lib.images.get(img.sha256).data;
      expect(after.equals(before[i]!)).toBe(true);
      expect(sha256Hex(after)).toBe(img.sha256);
    });
  });

  it('says clearly when a platform has no pack or a picture is missing', async () => {
    const { lib, p } = await libraryWithProject();
    const call = api(lib);
    await expect(call('export.pack', { id: p.id, platform: 'jd' })).rejects.toThrow(/平台「京东公益」还没有规则包/);
    await expect(call('export.pack', { id: p.id, platform: 'nope' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const gone = lib.proposals.save({
      ...p,
      images: [{ ...p.images[0]!, sha256: 'e'.repeat(64), fileName: '找不到的封面.jpg' }],
      updatedAt: new Date(Date.now() + 1000).toISOString(),
    }).proposal;
    await expect(call('export.pack', { id: gone.id, platform: 'tencent' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^图片「找不到的封面\.jpg」在项目库中不存在/),
    });
  });
});
