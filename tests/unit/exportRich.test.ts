import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProject, libraryImages } from '../../src/core/export/exportProject';
import type { WrittenPack } from '../../src/core/export/submissionPack';
import { Library } from '../../src/core/library/library';
import type { SerializedNode } from '../../src/shared/domain/richText';
import { addPhoto, finding, fixturePacks, photo, sampleProposal, SECTION_TEXT } from './helpers/exportFixtures';
import { convertToPdf, hasPoppler, pdfLines, pdfText, renderPage, soffice } from './helpers/office';

/**
 * Issue 14: what a writer puts in is what the exports show. Every DOCX (and a field sheet XLSX) is
 * opened in LibreOffice, converted to PDF and read back with pdftotext.
 */
const RESULTS = resolve(import.meta.dirname, '..', '..', 'test-results', 'export-rich');
const ready = soffice !== null && hasPoppler;
if (!ready && process.env.CI) throw new Error('CI 上缺少 LibreOffice 或 poppler-utils：.ci/run 应当已安装它们');

// --- A section as the editor stores it (Lexical's serialized state). ---
const text = (t: string, format = 0): SerializedNode => ({ type: 'text', text: t, format, detail: 0, mode: 'normal', style: '', version: 1 });
const para = (...children: SerializedNode[]): SerializedNode => ({ type: 'paragraph', children, version: 1 });
const heading = (tag: string, t: string): SerializedNode => ({ type: 'heading', tag, children: [text(t)], version: 1 });
const item = (...children: SerializedNode[]): SerializedNode => ({ type: 'listitem', children, version: 1 });
const list = (listType: 'number' | 'bullet', ...items: SerializedNode[]): SerializedNode => ({ type: 'list', listType, tag: listType === 'number' ? 'ol' : 'ul', children: items, version: 1 });
const BOLD = 1;
const ITALIC = 2;
const UNDERLINE = 8;

/**
 * Chinese text with full-width marks at varied places, so that in the 28-character lines of the
 * review copy many of them fall at a line end (the case LibreOffice used to drop).
 */
function markedParagraphs(count: number): string[] {
  const base = '中益乡地处武陵山区腹地全乡常住人口中六十五岁以上老人占三成以上其中独居和留守老人两百余人老人们居住分散山路崎岖赶集一次往返需要半天日常饮食以腌菜和剩饭为主';
  const marks = '；，、：？！';
  let seed = 11;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => {
    let s = '';
    for (let i = 0; i < 110; i++) {
      s += base[Math.floor(rnd() * base.length)];
      if (rnd() < 0.13) s += marks[Math.floor(rnd() * marks.length)];
    }
    return `${s}。`;
  });
}
const MARKED = markedParagraphs(40);

const PLAN_DOC = {
  root: {
    type: 'root',
    version: 1,
    children: [
      para(text('项目分'), text('三个阶段', BOLD), text('推进，'), text('每一阶段', ITALIC), text('都有'), text('验收标准', UNDERLINE), text('。')),
      heading('h3', '第一阶段：场地改造'),
      list('number', item(text('改造三个村的厨房')), item(text('采购冷链设备')), item(list('bullet', item(text('冰柜两台')), item(text('保温箱二十个')))), item(text('通过消防验收'))),
      heading('h3', '第二阶段：开餐'),
      list('number', item(text('招募本村志愿者')), item(text('每日送餐上门'))),
      list('bullet', item(text('每月公示台账'))),
      ...MARKED.map((t) => para(text(t))),
    ],
  },
} as never;
/** The plain-text projection the core keeps next to the tree (docToText's output, written out). */
const PLAN_TEXT = [
  '项目分三个阶段推进，每一阶段都有验收标准。',
  '第一阶段：场地改造',
  '改造三个村的厨房',
  '采购冷链设备',
  '',
  '冰柜两台',
  '保温箱二十个',
  '通过消防验收',
  '第二阶段：开餐',
  '招募本村志愿者',
  '每日送餐上门',
  '每月公示台账',
  ...MARKED,
].join('\n');

/** pdftotext's text without page numbers and white space: paragraphs broken over lines and pages join up again. */
const flat = (pdf: string) =>
  pdfText(pdf)
    .split('\n')
    .filter((l) => !/^—\s*\d+\s*—$/.test(l.trim()))
    .join('')
    .replace(/\s+/g, '');

/** The same from pdftotext -layout, which keeps a list item's number on the line of its text. */
const flatLayout = (pdf: string) =>
  pdfText(pdf, ['-layout'])
    .split('\n')
    .filter((l) => !/^—\s*\d+\s*—$/.test(l.trim()))
    .join('')
    .replace(/\s+/g, '');

interface Out {
  pack: WrittenPack;
  pdf: string;
  files: Record<string, Uint8Array>;
}

describe.skipIf(!ready)('exports that keep everything, read back from LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shance-rich-'));
  afterAll(() => {
    if (!process.env.SHANCE_KEEP_TEST_FILES) rmSync(dir, { recursive: true, force: true });
  });
  const out = new Map<string, Out>();
  let reviewPdf = '';
  let review: Record<string, Uint8Array> = {};

  beforeAll(async () => {
    const lib = Library.open(join(dir, 'library.db'));
    const images = [
      await addPhoto(lib, '食堂.jpg', await photo(1600, 1200, 1), { isCover: true, caption: '封面：新建的老年食堂' }),
      await addPhoto(lib, '老人.jpg', await photo(1600, 1200, 2), { caption: '王奶奶在食堂吃午饭' }),
    ];
    const p = sampleProposal(images, {
      focusArea: 'poverty',
      targetFen: 140_000_000,
      fundraisingPeriod: { start: '2026-09-01', end: '2026-12-31' },
    });
    p.roles.executors[0]!.creditCode = '52500240MJP111111A';
    p.sections.plan = { doc: PLAN_DOC, text: PLAN_TEXT };
    const rules = fixturePacks();
    const result = await exportProject({
      proposal: p,
      platforms: [...rules.keys()],
      packs: rules,
      check: (_p, pack) => (pack.id === 'weibo' ? [finding('error', '缺少善款接收方资质', 'fundraiser.name', 'weibo')] : []),
      overrideReason: '总会已电话确认接收方资质',
      internal: true,
      load: libraryImages(lib),
      exportedAt: new Date('2026-11-30T20:30:00Z'),
    });
    lib.close();
    const docx: string[] = [];
    for (const r of result.packs) {
      if (r.status !== 'written') throw new Error(`${r.platform} refused`);
      const files = Object.fromEntries(r.files.map((f) => [f.path, f.data]));
      const name = r.files.find((f) => f.path.endsWith('.docx'))!.path;
      writeFileSync(join(dir, name), files[name]!);
      docx.push(join(dir, name));
      out.set(r.platform, { pack: r, pdf: '', files });
    }
    writeFileSync(join(dir, result.review!.path), result.review!.data);
    review = unzipSync(result.review!.data);
    const pdfs = convertToPdf([...docx, join(dir, result.review!.path)], dir);
    [...out.values()].forEach((o, i) => (o.pdf = pdfs[i]!));
    reviewPdf = pdfs[docx.length]!;

    mkdirSync(RESULTS, { recursive: true });
    const pageOf = (pdf: string, needle: string) => Math.max(1, pdfText(pdf).split('\f').findIndex((pg) => pg.includes(needle)) + 1);
    renderPage(reviewPdf, pageOf(reviewPdf, '第一阶段：场地改造'), join(RESULTS, 'review-lists'));
    renderPage(reviewPdf, pageOf(reviewPdf, '越过检查导出的平台'), join(RESULTS, 'review-overrides'));
    renderPage(out.get('douyin')!.pdf, pageOf(out.get('douyin')!.pdf, '附：其他材料'), join(RESULTS, 'douyin-appendix'));
    renderPage(out.get('tencent')!.pdf, pageOf(out.get('tencent')!.pdf, '第一阶段：场地改造'), join(RESULTS, 'tencent-lists'));
  }, 240_000);

  it('shows every paragraph of the review copy whole, every full-width mark included, on the 28-character grid', () => {
    const all = flat(reviewPdf);
    const missing = MARKED.filter((t) => !all.includes(t));
    expect(missing).toEqual([]);
    for (const t of ['项目分三个阶段推进，每一阶段都有验收标准。', '第一阶段：场地改造', '第二阶段：开餐']) expect(all).toContain(t);
    // Every mark of the source is there as often as it was written.
    for (const mark of '；，、：？！') {
      const count = (s: string) => s.split(mark).length - 1;
      expect(count(all), mark).toBeGreaterThanOrEqual(count(MARKED.join('')));
    }
    // No line of running Chinese text is longer than 28 characters (no mark hangs into the margin).
    const cjk = pdfLines(reviewPdf).filter((l) => /^[\u4e00-\u9fff，。、；：？！]+$/.test(l.text));
    expect(Math.max(...cjk.map((l) => [...l.text].length))).toBe(28);
  });

  it('puts every paragraph of every section, whole, into every platform DOCX (its fields or the appendix)', () => {
    const { plan: _replaced, ...others } = SECTION_TEXT;
    const sections = [...Object.values(others).flatMap((t) => t.split('\n')), ...PLAN_TEXT.split('\n').filter(Boolean)];
    for (const [platform, o] of out) {
      const all = flatLayout(o.pdf);
      const missing = sections.map((t) => t.replace(/\s+/g, '')).filter((t) => !all.includes(t));
      expect(missing, platform).toEqual([]);
    }
  });

  it('numbers lists with Word numbering and keeps bold, italic and underline in every DOCX', () => {
    const numbered = ['1.改造三个村的厨房', '2.采购冷链设备', '3.通过消防验收', '1.招募本村志愿者', '2.每日送餐上门'];
    for (const [name, pdf, parts] of [
      ['review', reviewPdf, review],
      ['tencent', out.get('tencent')!.pdf, unzipSync(Object.values(out.get('tencent')!.files)[0]!)],
    ] as const) {
      const all = flatLayout(pdf);
      for (const n of numbered) expect(all, `${name}: ${n}`).toContain(n);
      // Bullets for the nested and the bulleted list.
      expect(all, name).toMatch(/[●○•]冰柜两台/);
      expect(all, name).toMatch(/[●○•]每月公示台账/);
      const doc = strFromU8(parts['word/document.xml']!);
      expect(doc, name).toMatch(/<w:numPr><w:ilvl w:val="1"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
      const runWith = (t: string) => new RegExp(`<w:r><w:rPr>((?:(?!</w:rPr>).)*)</w:rPr><w:t[^>]*>${t}</w:t>`).exec(doc)?.[1] ?? '';
      expect(runWith('三个阶段'), name).toMatch(/<w:b\/>/);
      expect(runWith('每一阶段'), name).toMatch(/<w:i\/>/);
      expect(runWith('验收标准'), name).toMatch(/<w:u w:val="single"\/>/);
      expect(runWith('推进，'), name).not.toMatch(/<w:b\/>/);
      expect(strFromU8(parts['word/numbering.xml']!), name).toMatch(/<w:numFmt w:val="decimal"\/>/);
    }
  });

  it('writes lists into the field sheets as plain markers', () => {
    const txt = strFromU8(out.get('tencent')!.files['字段表-腾讯公益.txt']!);
    expect(txt).toContain(['1. 改造三个村的厨房', '2. 采购冷链设备', '\u3000\u3000· 冰柜两台', '\u3000\u3000· 保温箱二十个', '3. 通过消防验收'].join('\r\n'));
    expect(txt).toContain(['1. 招募本村志愿者', '2. 每日送餐上门', '· 每月公示台账'].join('\r\n'));
  });

  it('puts every section a form has no field for into an appendix, and 支付宝 gets its feedback plan', () => {
    const douyin = flatLayout(out.get('douyin')!.pdf);
    expect(douyin).toContain('附：其他材料');
    const appendix = douyin.slice(douyin.indexOf('附：其他材料'));
    for (const t of ['项目目标', '在三个村建设老年食堂', '执行计划', '1.改造三个村的厨房', '执行能力说明', '执行方连续五年承接', '关于我们', '石柱县慈善会成立于2006年', '执行计划节点', '2025年10月15日完成场地改造']) {
      expect(appendix, t).toContain(t);
    }
    const alipay = flat(out.get('alipay')!.pdf);
    expect(alipay).toContain('项目反馈计划（支付宝公益要求）');
    expect(alipay.slice(alipay.indexOf('项目反馈计划'))).toContain('每季度在平台发布进展，项目结束后三个月内发布结项报告。');
  });

  it('writes dates, money and times the Chinese way in documents, the platform way in field sheets', () => {
    const tencent = out.get('tencent')!;
    const doc = flat(tencent.pdf);
    expect(doc).toContain('2026年9月1日至2026年12月31日');
    expect(doc).toContain('1,400,000.00元');
    expect(doc).toContain('2026年12月1日04:30（北京时间）');
    const txt = strFromU8(tencent.files['字段表-腾讯公益.txt']!);
    expect(txt).toContain('2026-09-01-2026-12-31');
    expect(txt).toContain('1400000.00');
    const json = strFromU8(tencent.files['检查结果.json']!);
    expect(json).toContain('"exportedAt": "2026-12-01T04:30:00+08:00"');
    expect(json).not.toMatch(/\d\dZ"/);
    expect(flat(reviewPdf)).toContain('（导出时间：2026年12月1日04:30（北京时间））');
    // Page numbers: 宋体 for the digits too.
    const footers = Object.keys(review).filter((f) => /^word\/footer\d+\.xml$/.test(f));
    expect(footers.length).toBeGreaterThan(0);
    for (const f of footers) expect(strFromU8(review[f]!)).toMatch(/<w:rFonts w:ascii="宋体" w:cs="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/);
  });

  it('fills values the way each form takes them', () => {
    const tencent = strFromU8(out.get('tencent')!.files['字段表-腾讯公益.txt']!);
    expect(tencent).toContain('重庆市石柱土家族自治县');
    expect(tencent).toContain('中益乡社会工作服务站（统一社会信用代码：52500240MJP111111A）、黄水镇志愿者协会（统一社会信用代码：未填写）');
    expect(tencent).toContain('公募管理费比例：3%');
    const alipay = strFromU8(out.get('alipay')!.files['字段表-支付宝公益.txt']!);
    expect(alipay).toMatch(/【\d+】项目领域[^\r]*\r\n[^【]*─+\r\n扶困救灾\r\n─+/);
    // 微博's pack has the cover only: the other picture's caption is not in it.
    const weibo = strFromU8(out.get('weibo')!.files['字段表-新浪微公益.txt']!);
    expect(weibo).toContain('封面：新建的老年食堂');
    expect(weibo).not.toContain('王奶奶在食堂吃午饭');
    expect(flat(out.get('weibo')!.pdf)).not.toContain('王奶奶在食堂吃午饭');
  });

  it('says 待核实 beside unverified limits, and the review copy names platforms exported over errors', () => {
    const tencent = out.get('tencent')!;
    expect(strFromU8(tencent.files['字段表-腾讯公益.txt']!)).toMatch(/【1】项目名称.*\r\n字数：.*待核实/);
    expect(flat(tencent.pdf)).toContain('字数上限为总会清单默认值，待核实');
    const all = flat(reviewPdf);
    expect(all).toContain('越过检查导出的平台');
    expect(all).toContain('新浪微公益：检查有1项错误，审核人决定仍然导出。理由：总会已电话确认接收方资质');
    // Platforms without errors are not listed as overridden.
    expect(all).not.toContain('腾讯公益：检查有');
  });

  // The machine has LibreOffice Writer only (.ci/run installs libreoffice-writer-nogui), so the
  // workbook is read back with ExcelJS rather than rendered.
  it('prints the field sheet on A4 across, every column on one page width, every row tall enough for its text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.get('tencent')!.files['字段表-腾讯公益.xlsx']!) as never);
    for (const ws of [wb.getWorksheet('字段表')!, wb.getWorksheet('图片')!]) {
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
      expect(ws.pageSetup.orientation, ws.name).toBe('landscape');
      expect(ws.pageSetup.fitToPage, ws.name).toBe(true);
      expect(ws.pageSetup.fitToWidth, ws.name).toBe(1);
      expect(ws.pageSetup.fitToHeight, ws.name).toBe(0);
    }
    const ws = wb.getWorksheet('字段表')!;
    const plan = ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(2).value === '执行计划')!;
    expect(plan.getCell(4).alignment?.wrapText).toBe(true);
    // At least one 15-point line for each of its 50-odd lines of text (capped at Excel's 409 points).
    const lines = String(plan.getCell(4).value).split('\n').length;
    expect(lines).toBeGreaterThan(40);
    expect(plan.height).toBeGreaterThanOrEqual(Math.min(409, lines * 15));
    const title = ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(2).value === '项目名称')!;
    expect(title.height).toBeGreaterThanOrEqual(15);
  });
});
