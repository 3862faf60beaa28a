import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { donationColumns } from '../../src/core/funds/columns';
import { importDonations, previewDonations } from '../../src/core/funds/donations';
import { parseCsv } from '../../src/core/funds/table';
import type { Library } from '../../src/core/library/library';
import type { Listing } from '../../src/shared/domain/proposal';
import { cli } from './helpers/cli';
import { makeProposal } from './helpers/proposals';
import { tmpDir, tmpLibrary } from './helpers/tmp';

const GBK_FILE = resolve(__dirname, 'fixtures/donations-tencent-gbk.csv');
const utf8 = (s: string) => new TextEncoder().encode(s);

const listing = (platform: Listing['platform'], projectNumber: string): Listing => ({
  platform,
  projectNumber,
  url: '',
  liveDate: '2026-03-01',
  status: 'live',
  note: '',
  raisedFen: null,
  donationCount: null,
});

function liveProject(lib: Library, id: string, listings: Listing[]) {
  return lib.proposals.insert(
    makeProposal({ id, title: `项目${id}`, district: '渝中区', fundraisingPeriod: { start: '2026-03-01', end: '2026-12-31' }, projectPeriod: { start: '2026-03-01', end: '2027-02-28' }, listings }),
  );
}

const donationCount = (lib: Library) => (lib.db.prepare('SELECT count(*) AS n FROM donations').get() as { n: number }).n;

describe('donations import', () => {
  it('reads a GBK export, guesses its columns, previews without writing, then imports and totals the listing', async () => {
    const lib = tmpLibrary();
    liveProject(lib, 'p1', [listing('tencent', 'TX-1')]);
    const bytes = readFileSync(GBK_FILE);
    const preview = await previewDonations(lib, bytes, { platform: 'tencent' });
    expect(preview.encoding).toBe('gbk');
    expect(preview.mapping).toEqual({ recordId: '订单号', donatedAt: '捐赠时间', amount: '捐赠金额', donor: '捐赠人' });
    expect(preview.sample.map((d) => [d.donor, d.amountFen, d.donatedAt])).toEqual([
      ['爱心人士', 10000, '2026-03-02 10:15:00'],
      ['重庆市民张先生', 100050, '2026-03-03 08:00:00'],
      ['匿名', 50, '2026-03-05'],
    ]);
    expect([preview.newCount, preview.newFen, preview.problemCount]).toEqual([3, 110100, 0]);
    // A preview writes nothing.
    expect(donationCount(lib)).toBe(0);
    expect(lib.proposals.get('p1').listings[0]!.raisedFen).toBeNull();

    const done = await importDonations(lib, bytes, { platform: 'tencent' });
    expect(done.imported).toBe(3);
    expect(lib.proposals.get('p1').listings[0]).toMatchObject({ raisedFen: 110100, donationCount: 3 });
  });

  it('never counts a record twice: a re-import adds only the new rows, and repeated rows in one file count once', async () => {
    const lib = tmpLibrary();
    liveProject(lib, 'p1', [listing('alipay', 'ZFB-9')]);
    const first = utf8('订单号,捐赠时间,金额\nA1,2026-04-01,10\nA2,2026-04-02,20\n');
    await importDonations(lib, first, { platform: 'alipay' });
    const second = utf8('订单号,捐赠时间,金额\nA1,2026-04-01,10\nA2,2026-04-02,20\nA3,2026-04-03,30\nA3,2026-04-03,30\n');
    const preview = await previewDonations(lib, second, { platform: 'alipay' });
    expect(preview.alreadyImported).toBe(2);
    expect(preview.duplicatesInFile).toEqual([{ row: 5, sameAs: 4 }]);
    expect(preview.newCount).toBe(1);
    await importDonations(lib, second, { platform: 'alipay' });
    await importDonations(lib, second, { platform: 'alipay' });
    expect(lib.proposals.get('p1').listings[0]).toMatchObject({ raisedFen: 6000, donationCount: 3 });
    // An export without record ids: an identical row is the same donation.
    const noIds = utf8('捐赠时间,金额,捐赠人\n2026-05-01 09:00,5,甲\n2026-05-01 09:00,5,甲\n2026-05-01 09:00,5,乙\n');
    const r = await importDonations(lib, noIds, { platform: 'alipay' });
    expect([r.imported, r.duplicatesInFile.length]).toEqual([2, 1]);
    expect(lib.proposals.get('p1').listings[0]).toMatchObject({ raisedFen: 7000, donationCount: 5 });
  });

  it('names row and column for negative amounts, bad dates and dates outside the fundraising period, and imports nothing', async () => {
    const lib = tmpLibrary();
    liveProject(lib, 'p1', [listing('tencent', 'TX-1')]);
    const bad = utf8('订单号,捐赠时间,金额\nB1,2026-04-01,10\nB2,2026-04-02,-5\nB3,2026-02-30,8\nB4,2027-01-05,8\nB5,2026-04-03,abc\n');
    const preview = await previewDonations(lib, bad, { platform: 'tencent' });
    expect(preview.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '金额'],
      [4, '捐赠时间'],
      [5, '捐赠时间'],
      [6, '金额'],
    ]);
    expect(preview.problems[0]!.message).toMatch(/为负数/);
    expect(preview.problems[2]!.message).toMatch(/不在募捐期（2026-03-01 至 2026-12-31）内/);
    await expect(importDonations(lib, bad, { platform: 'tencent' })).rejects.toThrow(/有 4 处问题，未导入任何记录/);
    expect(donationCount(lib)).toBe(0);
    expect(lib.proposals.get('p1').listings[0]!.raisedFen).toBeNull();
  });

  it('refuses a file whose columns it cannot recognise, naming the columns; a mapping given once is remembered for the platform', async () => {
    const lib = tmpLibrary();
    liveProject(lib, 'p1', [listing('douyin', 'DY-1')]);
    const odd = utf8('流水,付款于,实收(元),抖音昵称\nX1,2026-06-01,12.3,小王\n');
    await expect(previewDonations(lib, odd, { platform: 'douyin' })).rejects.toThrow(/文件中的列为：流水、付款于、实收\(元\)、抖音昵称/);
    await expect(previewDonations(lib, odd, { platform: 'douyin', mapping: { donatedAt: '付款于', amount: '实收（元）', recordId: '单号' } })).rejects.toMatchObject({
      details: ['列映射中「捐赠记录编号」对应的列「单号」在文件中不存在'],
    });
    await importDonations(lib, odd, { platform: 'douyin', mapping: { recordId: '流水', donatedAt: '付款于', amount: '实收(元)', donor: '抖音昵称' } });
    // Next time the same platform's export needs no mapping.
    const next = await importDonations(lib, utf8('流水,付款于,实收(元),抖音昵称\nX2,2026-06-02,1,小李\n'), { platform: 'douyin' });
    expect(next.mapping).toEqual({ recordId: '流水', donatedAt: '付款于', amount: '实收(元)', donor: '抖音昵称' });
    expect(lib.proposals.get('p1').listings[0]).toMatchObject({ raisedFen: 1330, donationCount: 2 });
  });

  it('shows an unrecognised file\'s header and first rows for mapping by hand, refuses one column given twice, and needs no mapping once imported', async () => {
    const lib = tmpLibrary();
    liveProject(lib, 'p1', [listing('douyin', 'DY-1')]);
    const rows = Array.from({ length: 7 }, (_, i) => `Q${i},2026-06-0${i + 1},${i + 1}.5,网友${i}`);
    const odd = utf8(['票据,付款于,实收(元),抖音昵称', ...rows].join('\n'));
    const cols = await donationColumns(lib, odd, 'douyin');
    expect(cols.headers).toEqual(['票据', '付款于', '实收(元)', '抖音昵称']);
    expect(cols.sample).toEqual([
      ['Q0', '2026-06-01', '1.5', '网友0'],
      ['Q1', '2026-06-02', '2.5', '网友1'],
      ['Q2', '2026-06-03', '3.5', '网友2'],
      ['Q3', '2026-06-04', '4.5', '网友3'],
      ['Q4', '2026-06-05', '5.5', '网友4'],
    ]);
    expect(cols.rowCount).toBe(7);
    expect(cols.mapping).toEqual({});
    expect(cols.problems).toEqual(['找不到「捐赠时间」列', '找不到「金额（元）」列']);
    expect(cols.fields.filter((f) => f.required).map((f) => f.label)).toEqual(['捐赠时间', '金额（元）']);

    const twice = { recordId: '票据', donatedAt: '付款于', amount: '实收(元)', donor: '实收(元)' };
    await expect(previewDonations(lib, odd, { platform: 'douyin', mapping: twice })).rejects.toMatchObject({
      details: ['「实收(元)」列同时被指定为「金额（元）」和「捐赠人」，每列只能对应一项'],
    });
    await importDonations(lib, odd, { platform: 'douyin', mapping: { ...twice, donor: '抖音昵称' } });
    const again = await donationColumns(lib, odd, 'douyin');
    expect(again.problems).toEqual([]);
    expect(again.mapping).toEqual({ recordId: '票据', donatedAt: '付款于', amount: '实收(元)', donor: '抖音昵称' });
  });

  it('sends each row to its listing by the project-number column, across projects', async () => {
    const lib = tmpLibrary();
    liveProject(lib, 'p1', [listing('tencent', 'TX-1')]);
    liveProject(lib, 'p2', [listing('tencent', 'TX-2'), listing('alipay', 'TX-2')]);
    const file = utf8('项目编号,订单号,捐赠时间,金额\nTX-1,C1,2026-04-01,1\nTX-2,C2,2026-04-01,2\nTX-2,C3,2026-04-01,3\nTX-9,C4,2026-04-01,4\n');
    const preview = await previewDonations(lib, file, { platform: 'tencent' });
    expect(preview.problems).toEqual([{ row: 5, column: '项目编号', message: '项目编号「TX-9」在项目库中没有对应的腾讯公益上线记录' }]);
    await importDonations(lib, utf8('项目编号,订单号,捐赠时间,金额\nTX-1,C1,2026-04-01,1\nTX-2,C2,2026-04-01,2\nTX-2,C3,2026-04-01,3\n'), { platform: 'tencent' });
    expect(lib.proposals.get('p1').listings[0]).toMatchObject({ raisedFen: 100, donationCount: 1 });
    expect(lib.proposals.get('p2').listings[0]).toMatchObject({ raisedFen: 500, donationCount: 2 });
    // The same project number on another platform is another listing, untouched.
    expect(lib.proposals.get('p2').listings[1]).toMatchObject({ raisedFen: null, donationCount: null });
  });

  it('reads an XLSX export, dates as Excel keeps them', async () => {
    const lib = tmpLibrary();
    liveProject(lib, 'p1', [listing('jd', 'JD-1')]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('捐赠明细');
    ws.addRow(['捐赠编号', '捐赠时间', '捐赠金额', '捐赠人']);
    ws.addRow(['J1', new Date(Date.UTC(2026, 5, 1, 9, 30)), 88.8, '京东用户']);
    ws.addRow(['J2', '2026-06-02', '11', '']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importDonations(lib, bytes, { platform: 'jd' });
    expect(r.encoding).toBe('xlsx');
    expect(r.sample.map((d) => [d.donatedAt, d.amountFen])).toEqual([
      ['2026-06-01 09:30:00', 8880],
      ['2026-06-02', 1100],
    ]);
    expect(lib.proposals.get('p1').listings[0]).toMatchObject({ raisedFen: 9980, donationCount: 2 });
  });

  it('parses quoted CSV fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b,1","say ""hi""","two\nlines"\r\nx,,z')).toEqual([
      ['a', 'b,1', 'say "hi"', 'two\nlines'],
      ['x', '', 'z'],
    ]);
  });
});

describe('shance funds import / disclosure due', () => {
  it('previews without --yes, imports with it, and lists what is due with the clock that set it', async () => {
    const dir = tmpDir();
    const db = join(dir, 'library.db');
    const lib = (await import('../../src/core/library/library')).Library.open(db);
    lib.proposals.insert(
      makeProposal({
        id: 'p1',
        title: '山区儿童营养餐',
        district: '城口县',
        fundraisingPeriod: { start: '2026-01-01', end: '2026-12-31' },
        projectPeriod: { start: '2026-01-01', end: '2026-12-31' },
        listings: [{ ...listing('tencent', 'TX-1'), liveDate: '2026-01-05' }],
      }),
    );
    lib.close();
    const csv = join(dir, 'export.csv');
    writeFileSync(csv, readFileSync(GBK_FILE));

    const preview = await cli(['funds', 'import', csv, '--platform', 'tencent', '--db', db]);
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('GBK');
    expect(preview.out).toContain('尚未导入');
    const dry = JSON.parse((await cli(['funds', 'import', csv, '--platform', 'tencent', '--db', db, '--json'])).out);
    expect(dry.imported).toBe(0);

    const done = await cli(['funds', 'import', csv, '--platform', 'tencent', '--db', db, '--yes', '--json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out).totals).toEqual([{ proposalId: 'p1', projectNumber: 'TX-1', raisedFen: 110100, donationCount: 3 }]);
    const again = JSON.parse((await cli(['funds', 'import', csv, '--platform', 'tencent', '--db', db, '--yes', '--json'])).out);
    expect([again.imported, again.alreadyImported]).toEqual([0, 3]);

    const bad = await cli(['funds', 'import', csv, '--platform', 'nowhere', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/请用 --platform 指定平台/);

    // 2026-04-01: the law's quarter (from 2026-01-01) is overdue by a day, 腾讯公益's (from 2026-01-05) due in 4 days.
    const due = JSON.parse((await cli(['disclosure', 'due', '--today', '2026-04-01', '--db', db, '--json'])).out);
    expect(due.items.map((i: { clock: string; platform: string | null; due: string; state: string }) => [i.clock, i.platform, i.due, i.state])).toEqual([
      ['law', null, '2026-04-01', 'due'],
      ['platform', 'tencent', '2026-04-05', 'due'],
    ]);
    const text = await cli(['disclosure', 'due', '--today', '2026-04-03', '--within', '1', '--db', db]);
    expect(text.out).toMatch(/2026-04-01\t已逾期（逾期 2 天）\t山区儿童营养餐\t城口县\t法定/);
    expect(text.out).not.toContain('腾讯公益');
    expect((await cli(['disclosure', 'due', '--today', '2026-04-01', '--district', '渝中区', '--db', db])).out).toMatch(/没有到期或逾期/);
  });
});

describe('money on a listing', () => {
  it('is typed in through the tracker, and a change that does not send it keeps the imported total', async () => {
    const { setListing } = await import('../../src/core/listings/listings');
    const lib = tmpLibrary();
    liveProject(lib, 'p1', [listing('tencent', 'TX-1')]);
    await importDonations(lib, utf8('订单号,捐赠时间,金额\nA1,2026-04-01,10\n'), { platform: 'tencent' });
    setListing(lib, 'p1', 0, { platform: 'tencent', projectNumber: 'TX-1', status: 'live', liveDate: '2026-03-01', note: '已联系平台' });
    expect(lib.proposals.get('p1').listings[0]).toMatchObject({ note: '已联系平台', raisedFen: 1000, donationCount: 1 });
    setListing(lib, 'p1', 0, { platform: 'tencent', projectNumber: 'TX-1', status: 'live', liveDate: '2026-03-01', raisedFen: 250_000, donationCount: 12 });
    expect(lib.proposals.get('p1').listings[0]).toMatchObject({ raisedFen: 250_000, donationCount: 12 });
  });
});
