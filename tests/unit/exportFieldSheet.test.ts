import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildFieldSheet, fieldSheetText, orderedFields } from '../../src/core/export/fieldSheet';
import { cellText, fieldSheetXlsx, XLSX_CELL_CHARS } from '../../src/core/export/fieldSheetXlsx';
import { countChars } from '../../src/shared/rules/count';
import { fieldText } from '../../src/shared/rules/fieldSources';
import { fixturePacks, sampleProposal } from './helpers/exportFixtures';

const packs = fixturePacks();
const pack = (id: 'tencent' | 'alipay' | 'weibo' | 'douyin') => packs.get(id)!;
const noImages = { images: [], warnings: [] };

describe('field sheet', () => {
  it('lists every field in the platform order, not the order of the file', () => {
    const weibo = pack('weibo');
    // The fixture stores weibo's fields in reverse; the sheet must follow `order`.
    expect(weibo.fields[0]!.order).toBeGreaterThan(weibo.fields[1]!.order);
    const rows = buildFieldSheet(sampleProposal(), weibo);
    expect(rows.map((r) => r.id)).toEqual([...weibo.fields].sort((a, b) => a.order - b.order).map((f) => f.id));
    expect(rows.map((r) => r.label)).toEqual(['项目名称', '项目类别', '项目简介', '筹款目标', '项目描述', '发起方', '善款接收方', '项目周期', '执行进度', '项目图片']);
  });

  it('gives the exact text to paste: the proposal parts in the field format, joined by a blank line', () => {
    const p = sampleProposal();
    const rows = buildFieldSheet(p, pack('weibo'));
    const desc = rows.find((r) => r.id === 'desc')!;
    expect(desc.text).toBe([p.sections.background.text, p.sections.goals.text, p.sections.plan.text].join('\n\n'));
    expect(rows.find((r) => r.id === 'period')!.text).toBe('2025.10.01-2026.09.30');
    expect(rows.find((r) => r.id === 'target')!.text).toBe('123456');
    const alipayPeriod = buildFieldSheet(p, pack('alipay')).find((r) => r.id === 'period')!;
    expect(alipayPeriod.text).toBe('2025年10月1日-2026年9月30日');
  });

  it('skips empty parts instead of leaving blank paragraphs', () => {
    const p = sampleProposal();
    p.sections.goals = { doc: null, text: '' };
    const intro = buildFieldSheet(p, pack('tencent')).find((r) => r.id === 'intro')!;
    expect(intro.text).toBe(p.sections.background.text);
  });

  it('counts each field in its own mode and flags fields over or under their limits and missing ones', () => {
    const p = sampleProposal();
    p.summary = '为三个村，120 位老人送餐！';
    p.title = '很长'.repeat(20);
    p.filing.number = '';
    const rows = buildFieldSheet(p, pack('tencent'));
    const summary = rows.find((r) => r.id === 'summary')!;
    expect(summary.mode).toBe('charsNoPunct');
    expect(summary.length).toBe(countChars(p.summary, 'charsNoPunct'));
    expect(summary.length).toBeLessThan([...p.summary].length);
    const title = rows.find((r) => r.id === 'title')!;
    expect(title.status).toBe('over');
    expect(title.checks[0]).toMatchObject({ kind: 'max', limit: 30, count: 40, ok: false });
    expect(rows.find((r) => r.id === 'filing')!.status).toBe('missing');
    const about = rows.find((r) => r.id === 'about')!;
    expect(about.mode).toBe('utf16');

    p.sections.background = { doc: null, text: '短' };
    p.sections.goals = { doc: null, text: '' };
    const intro = buildFieldSheet(p, pack('tencent')).find((r) => r.id === 'intro')!;
    expect(intro.status).toBe('under');
  });

  it('writes an XLSX that reads back with the same fields, texts and lengths', async () => {
    const p = sampleProposal();
    for (const id of ['tencent', 'alipay', 'weibo', 'douyin'] as const) {
      const rows = buildFieldSheet(p, pack(id));
      const bytes = await fieldSheetXlsx(`${id} 字段表`, rows, noImages);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet('字段表')!;
      const back: { label: string; text: string; length: number }[] = [];
      ws.eachRow((row, n) => {
        if (n <= 2) return;
        back.push({ label: String(row.getCell(2).value), text: String(row.getCell(4).value ?? ''), length: Number(row.getCell(5).value) });
      });
      expect(back).toEqual(rows.map((r) => ({ label: r.label, text: r.text, length: r.length })));
      expect(back.map((b) => b.label)).toEqual(orderedFields(pack(id)).map((f) => f.label));
    }
  });

  it('cuts a text too long for an Excel cell visibly, pointing to the plain-text sheet', () => {
    const long = '字'.repeat(XLSX_CELL_CHARS + 10);
    const cell = cellText(long);
    expect(cell.length).toBe(XLSX_CELL_CHARS);
    expect(cell).toMatch(/完整内容见同目录的字段表 \.txt 文件/);
    expect(cellText('短文本')).toBe('短文本');
  });

  it('writes a plain-text sheet with each field text whole between two rules, in order', () => {
    const p = sampleProposal();
    const rows = buildFieldSheet(p, pack('tencent'));
    const txt = fieldSheetText(rows, ['标题']);
    expect(txt.startsWith('\uFEFF')).toBe(true);
    const body = txt.slice(1).replace(/\r\n/g, '\n');
    const blocks = body.split(/─{32}\n/);
    // Blocks alternate: header, text, header, text, …; every odd block is one field's text.
    const texts = blocks.filter((_, i) => i % 2 === 1).map((b) => b.replace(/\n$/, ''));
    expect(texts).toEqual(rows.map((r) => r.text || '（无内容）'));
    let at = 0;
    rows.forEach((r, i) => {
      const header = `【${i + 1}】${r.label}`;
      const found = body.indexOf(header, at);
      expect(found, header).toBeGreaterThanOrEqual(at);
      at = found;
    });
    expect(body).toContain(`字数：${countChars(fieldText(p, 'title'), 'chars')} / 上限 30 字 · 按字符计（含标点空格）`);
  });
});
