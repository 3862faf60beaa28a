import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/core/library/library';
import { statsReportSchema } from '../../src/shared/stats/report';
import { cli } from './helpers/cli';
import { convertToPdf, hasPoppler, pdfText, soffice } from './helpers/office';
import { writeStatsProposals, type StatsProposal } from './helpers/statsLibrary';
import { tmpDir } from './helpers/tmp';

const ready = soffice !== null && hasPoppler;
// .ci/run installs both; on CI a skip would hide exactly the failures these tests exist to catch.
if (!ready && process.env.CI) throw new Error('CI 上缺少 LibreOffice 或 poppler-utils：.ci/run 应当已安装它们');

const W = '万州区';
const Q = '黔江区';
/** Q3 2026 by construction: 3 created (P1, P2, P3), 2 live (P1 on 腾讯 and 支付宝, P2 on 腾讯), targets 12,345.67 + 800 元, raised 2,000.50 元 in 41 donations (支付宝 not recorded). */
const LIBRARY: StatsProposal[] = [
  { id: 'P1', district: W, focusArea: 'industry', status: 'live', createdAt: '2026-07-02T01:00:00Z', targetFen: 1_234_567, platforms: ['tencent', 'alipay'],
    listings: [{ platform: 'tencent', status: 'live', liveDate: '2026-07-03', raisedFen: 150_050, donationCount: 31 }, { platform: 'alipay', status: 'live', liveDate: '2026-07-04' }] },
  { id: 'P2', district: Q, focusArea: 'elderly', status: 'live', createdAt: '2026-08-02T01:00:00Z', targetFen: 80_000, platforms: ['tencent'],
    listings: [{ platform: 'tencent', status: 'live', liveDate: '2026-08-03', raisedFen: 50_000, donationCount: 10 }] },
  { id: 'P3', district: Q, focusArea: 'children', status: 'draft', createdAt: '2026-09-02T01:00:00Z' },
];

function libraryFile(): { dir: string; db: string } {
  const dir = tmpDir();
  const db = join(dir, 'library.db');
  const lib = Library.open(db);
  writeStatsProposals(lib, LIBRARY);
  lib.close();
  return { dir, db };
}

describe('shance report', () => {
  it('prints the report JSON', async () => {
    const { dir, db } = libraryFile();
    const res = await cli(['report', '--period', '2026-Q3', '--db', db], { cwd: dir });
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const r = statsReportSchema.parse(JSON.parse(res.out));
    expect(r.totals).toMatchObject({ created: 3, live: 2, targetFen: 1_314_567, raisedFen: 200_050, donations: 41 });
    const district = statsReportSchema.parse(JSON.parse((await cli(['report', '--period', '2026-Q3', '--district', Q, '--db', db])).out));
    expect(district.totals).toMatchObject({ created: 2, live: 1, targetFen: 80_000, raisedFen: 50_000 });
  });

  it('refuses bad input in Chinese', async () => {
    const { db } = libraryFile();
    const bad = await cli(['report', '--period', '2026-Q5', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('统计期间「2026-Q5」无效');
    expect((await cli(['report', '--db', db])).err).toContain('请用 --period 指定统计期间');
    expect((await cli(['report', '--period', '2026', '--format', 'pdf', '--db', db])).err).toContain('未知的格式「pdf」');
    expect((await cli(['report', '--period', '2099-Q1', '--db', db])).err).toContain('尚未开始');
  });

  it('writes an XLSX with one sheet per table, numbers as numbers and frozen headers', async () => {
    const { dir, db } = libraryFile();
    const res = await cli(['report', '--period', '2026-Q3', '--format', 'xlsx', '--db', db], { cwd: dir });
    expect(res.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, '统计-2026-Q3.xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '说明', '概况', '区县项目数', '区县筹款', '领域项目数', '领域筹款', '平台项目数', '平台筹款', '平台区县领域筹款', '同质化与品牌项目',
    ]);
    const money = wb.getWorksheet('平台筹款')!;
    expect(money.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(money.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '2:2' });
    const rowOf = (ws: ExcelJS.Worksheet, label: string) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((r) => (r.getCell(1).value === label ? (found = r) : undefined));
      return found!;
    };
    const tencent = rowOf(money, '腾讯公益');
    expect([2, 3, 4, 5].map((c) => tencent.getCell(c).value)).toEqual([2, 13_145.67, 2_000.5, 41]);
    expect(tencent.getCell(3).numFmt).toBe('#,##0.00');
    expect(rowOf(money, '支付宝公益').getCell(4).value).toBe('暂无数据');
    const areas = wb.getWorksheet('领域筹款')!;
    expect(rowOf(areas, '合计').getCell(3).value).toBe(13_145.67);
    expect(wb.getWorksheet('说明')!.getCell('B4').value).toMatch(/^2026年第三季度，全市（联合会）共新建项目 3 个/);
  });

  describe.skipIf(!ready)('the DOCX in LibreOffice', () => {
    it('prints the same figures as the JSON, with the charts as pictures', async () => {
      const { dir, db } = libraryFile();
      const json = statsReportSchema.parse(JSON.parse((await cli(['report', '--period', '2026-Q3', '--db', db])).out));
      const res = await cli(['report', '--period', '2026-Q3', '--format', 'docx', '--out', 'q3.docx', '--db', db], { cwd: dir });
      expect(res.code).toBe(0);
      const docx = readFileSync(join(dir, 'q3.docx'));
      // Three charts as PNG pictures.
      expect(docx.toString('latin1').match(/word\/media\/[^"]+\.png/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
      const [pdf] = convertToPdf([join(dir, 'q3.docx')], dir);
      const text = pdfText(pdf!).replace(/\s+/g, '');
      expect(text).toContain('网络募捐项目统计报告');
      expect(text).toContain(json.summary.replace(/\s+/g, ''));
      // The figures of the JSON, read back from the printed page.
      expect(text).toContain(`新建项目${json.totals.created}个；在线项目${json.totals.live}个`);
      expect(text).toContain('目标金额合计13,145.67元；已筹金额2,000.50元；捐赠41笔');
      expect(text).toMatch(/腾讯公益213,145.672,000.5041/);
      expect(text).toMatch(/支付宝公益112,345.67暂无数据暂无数据/);
      expect(text).toContain('腾讯公益万州区产业帮扶112,345.671,500.5031');
    }, 240_000);
  });
});
