import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../src/shared/api/contract';
import type { Proposal } from '../../src/shared/domain/proposal';
import { createDispatch, type Dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { makeProposal } from './helpers/proposals';
import { tmpDir, tmpLibrary } from './helpers/tmp';
import { cjkText } from './helpers/dedupeText';
import { soffice } from './helpers/office';

// .ci/run installs LibreOffice; on CI a skipped check would hide exactly what it is there to catch.
if (!soffice && process.env.CI) throw new Error('CI 上缺少 LibreOffice：.ci/run 应当已安装它');
if (!soffice) console.warn('跳过同质化报告的 LibreOffice 打开检查：未安装 libreoffice-writer-nogui');

type Report = MethodOutput<'dedupe.report'>;

function project(id: string, district: string, body: { need: string; plan: string }, items: string[], group: string): Proposal {
  return makeProposal({
    id,
    title: `${district}助餐项目`,
    district,
    focusArea: 'elderly',
    beneficiaries: [{ id: 'b1', type: group, count: 50, region: '渝东北' }],
    budget: {
      lines: items.map((item, i) => ({ id: `l${i}`, item, category: '', unitPriceFen: 0, quantity: 0, amountFen: 100, note: '', origin: null })),
      managementFeePercent: null,
      minimumExecutableFen: null,
      fallbackPlan: '',
    },
    sections: { background: body.need, plan: body.plan, aboutUs: cjkText([...id].reduce((h, c) => h * 31 + c.charCodeAt(0), 7), 200) },
  });
}

async function library(): Promise<{ dispatch: Dispatch; dir: string }> {
  const lib = tmpLibrary();
  const need = cjkText(1, 900);
  const plan = cjkText(2, 800);
  lib.proposals.insert(project('a', '城口县', { need, plan }, ['餐费补贴', '厨具'], '独居老人'));
  lib.proposals.insert(project('b', '巫溪县', { need, plan: cjkText(3, 300) + plan.slice(0, 500) }, ['餐费补贴', '送餐车'], '独居老人'));
  lib.proposals.insert(project('c', '奉节县', { need: need.slice(200), plan }, ['厨具'], '空巢老人'));
  for (let k = 0; k < 8; k++) lib.proposals.insert(project(`u${k}`, '万州区', { need: cjkText(100 + k, 900), plan: cjkText(200 + k, 800) }, ['餐费补贴'], '独居老人'));
  return { dispatch: createDispatch(createHandlers({ lib, templatesDir: tmpDir() })), dir: tmpDir() };
}

async function call<T>(dispatch: Dispatch, method: string, input: unknown): Promise<T> {
  const res = await dispatch(method, input);
  if (!res.ok) throw new Error(res.error.message);
  return res.value as T;
}

describe('同质化检查 report', () => {
  it('groups similar proposals and says what they share', async () => {
    const { dispatch } = await library();
    const report = await call<Report>(dispatch, 'dedupe.report', {});
    expect(report.threshold).toBe(0.25);
    expect(report.compared).toBe(11);
    expect(report.clusters).toHaveLength(1);
    const [cluster] = report.clusters;
    expect(cluster!.members.map((m) => [m.id, m.district])).toEqual([
      ['a', '城口县'],
      ['b', '巫溪县'],
      ['c', '奉节县'],
    ]);
    expect(cluster!.districts).toEqual(['城口县', '巫溪县', '奉节县']);
    expect(cluster!.focusAreas).toEqual(['elderly']);
    expect(cluster!.pairs).toHaveLength(3);
    expect(cluster!.maxScore).toBe(Math.max(...cluster!.pairs.map((p) => p.score)));
    expect(cluster!.shared).toEqual({ beneficiaryGroups: ['独居老人'], regions: ['渝东北'], budgetItems: ['餐费补贴', '厨具'] });
    const ab = cluster!.pairs.find((p) => p.a === 'a' && p.b === 'b')!;
    expect(ab.similar).toBe(true);
    expect(ab.shared.budgetItems).toEqual(['餐费补贴']);
    expect(ab.sharedChars).toBeGreaterThan(1000);
    // The passages quote the first proposal's text.
    expect(ab.passages.length).toBeGreaterThan(0);
    for (const passage of ab.passages) expect(`${cjkText(1, 900)}\n${cjkText(2, 800)}`).toContain(passage.text.replace(/…$/, ''));
  });

  it('quotes whole sentences, and marks a sentence only partly shared as cut', async () => {
    // A need statement copied from one district to another, one sentence's figures changed.
    const copied = [
      '近年来，随着青壮年劳动力大量外出务工，农村留守老人数量持续增加，其中高龄、独居、失能老人占比较高。',
      '这些老人普遍存在做饭难、吃饭难的问题，部分老人一日三餐只能以剩饭剩菜将就，营养状况堪忧。',
      '村卫生室距离较远，老人患病后往往得不到及时诊治，慢性病管理几乎处于空白状态。',
    ];
    const changed = (n: string) => `据摸底调查，全镇${n}老人中有意愿参加集中助餐的约占七成，助餐需求十分迫切。`;
    const closing = '项目将依托村级互助养老点，为老人提供助餐、巡访和健康管理服务，逐步形成可持续的农村养老服务模式。';
    const lib = tmpLibrary();
    const need = (n: string) => `${copied.join('')}${changed(n)}${closing}`;
    lib.proposals.insert(project('a', '城口县', { need: need('一千二百名'), plan: '' }, ['餐费补贴'], '独居老人'));
    lib.proposals.insert(project('b', '巫溪县', { need: need('八百余名'), plan: '' }, ['厨具'], '独居老人'));
    const dispatch = createDispatch(createHandlers({ lib, templatesDir: tmpDir() }));
    const report = await call<Report>(dispatch, 'dedupe.report', {});
    const pair = report.clusters[0]!.pairs[0]!;
    // Before: 「近年来……全镇」 ran into the changed sentence, and its shared end came without a mark that it was cut.
    expect(pair.passages.map((p) => p.text)).toEqual([
      // Long passages are quoted to their first 120 characters.
      `${[...copied.join('')].slice(0, 120).join('')}…`,
      closing,
      // What both versions of the changed sentence share, marked as part of a sentence, after the whole ones.
      '…名老人中有意愿参加集中助餐的约占七成，助餐需求十分迫切。',
    ]);
  });

  it('exports a spreadsheet and a Word document that read back with the same content', async () => {
    const { dispatch, dir } = await library();
    const report = await call<Report>(dispatch, 'dedupe.report', {});
    const xlsx = await call<{ fileName: string; dataBase64: string; clusters: number }>(dispatch, 'dedupe.exportReport', { format: 'xlsx' });
    expect(xlsx.fileName).toMatch(/^同质化检查报告-\d{8}\.xlsx$/);
    const xlsxPath = join(dir, xlsx.fileName);
    writeFileSync(xlsxPath, Buffer.from(xlsx.dataBase64, 'base64'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['相似项目组', '项目', '项目对', '同类项目', '说明']);
    // 同类项目 are listed apart, with why; here the three meal projects are also of one kind.
    const kindredSheet = wb.getWorksheet('同类项目')!;
    expect(kindredSheet.rowCount - 1).toBe(report.kindred.length);
    expect(report.kindred.length).toBeGreaterThan(0);
    expect(kindredSheet.getRow(2).getCell(5).numFmt).toBe('0%');
    const groups = wb.getWorksheet('相似项目组')!;
    expect(groups.getRow(2).getCell(2).value).toBe(report.clusters[0]!.maxScore);
    expect(groups.getRow(2).getCell(3).value).toBe(3);
    expect(groups.getRow(2).getCell(8).value).toBe('餐费补贴、厨具');
    const members = wb.getWorksheet('项目')!;
    expect([2, 3, 4].map((r) => members.getRow(r).getCell(3).value)).toEqual(['城口县助餐项目', '巫溪县助餐项目', '奉节县助餐项目']);
    const pairs = wb.getWorksheet('项目对')!;
    expect(pairs.rowCount).toBe(4);
    expect([2, 3, 4].map((r) => pairs.getRow(r).getCell(6).value)).toEqual(report.clusters[0]!.pairs.map((p) => p.score));
    // Shown as a percent, as in the app and the CLI.
    expect(pairs.getRow(2).getCell(6).numFmt).toBe('0%');
    expect(groups.getRow(2).getCell(2).numFmt).toBe('0%');
    // Each table's first row names its columns in bold; the sheets a reader sorts keep it in view, with filters.
    expect(members.getRow(1).values).toEqual([undefined, '组号', '项目编号', '项目名称', '区县', '领域', '状态', '品牌项目']);
    expect(kindredSheet.getRow(1).getCell(6).value).toBe('共同关键词');
    for (const ws of [groups, members, pairs, kindredSheet]) expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    for (const ws of [groups, members, pairs]) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBe(`A1:${ws.getColumn(ws.columnCount).letter}1`);
    }
    expect(pairs.autoFilter).toBe('A1:N1');

    const docx = await call<{ fileName: string; dataBase64: string }>(dispatch, 'dedupe.exportReport', { format: 'docx' });
    const docxPath = join(dir, docx.fileName);
    writeFileSync(docxPath, Buffer.from(docx.dataBase64, 'base64'));
    const xml = strFromU8(unzipSync(readFileSync(docxPath))['word/document.xml']!);
    const top = `最高相似度 ${Math.round(report.clusters[0]!.maxScore * 100)}%`;
    for (const s of [top, '同类项目（文字不同、做同一类事）', '同质化检查报告', '第 1 组：3 个项目', '城口县助餐项目', '奉节县助餐项目', '餐费补贴、厨具']) expect(xml).toContain(s);

    if (soffice) {
      // A real word processor opens it and finds the same text.
      execFileSync(soffice, ['--headless', '--convert-to', 'txt:Text', '--outdir', dir, docxPath], { stdio: 'ignore', timeout: 120_000 });
      const txt = readFileSync(docxPath.replace(/\.docx$/, '.txt'), 'utf8');
      expect(txt).toContain('巫溪县助餐项目');
      expect(txt).toContain('相似度阈值：25%');
    }
  }, 150_000);

  it('exports only the clusters picked, and says when they no longer exist', async () => {
    const { dispatch } = await library();
    const report = await call<Report>(dispatch, 'dedupe.report', {});
    const picked = await call<{ clusters: number }>(dispatch, 'dedupe.exportReport', { format: 'xlsx', clusterIds: [report.clusters[0]!.id] });
    expect(picked.clusters).toBe(1);
    const none = await call<{ clusters: number }>(dispatch, 'dedupe.exportReport', { format: 'docx', clusterIds: [] });
    expect(none.clusters).toBe(0);
    expect(await dispatch('dedupe.exportReport', { format: 'xlsx', clusterIds: ['gone'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('records a judgement through the API and leaves the pair out of the next run', async () => {
    const { dispatch } = await library();
    expect(await call(dispatch, 'dedupe.judge', { a: 'c', b: 'a', distinct: true })).toEqual({ a: 'c', b: 'a', distinct: true });
    expect(await call(dispatch, 'dedupe.judge', { a: 'c', b: 'b', distinct: true })).toMatchObject({ distinct: true });
    const report = await call<Report>(dispatch, 'dedupe.report', {});
    expect(report.clusters.map((c) => c.members.map((m) => m.id))).toEqual([['a', 'b']]);
    expect(report.dismissed.map((d) => [d.a, d.b])).toEqual(expect.arrayContaining([['a', 'c']]));
    expect(await dispatch('dedupe.report', { threshold: 0.05 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
