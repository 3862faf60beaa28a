import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProject, libraryImages } from '../../src/core/export/exportProject';
import { Library } from '../../src/core/library/library';
import { orderedFields } from '../../src/core/export/fieldSheet';
import type { WrittenPack } from '../../src/core/export/submissionPack';
import { SECTIONS } from '../../src/shared/domain/catalog';
import type { RulePack } from '../../src/shared/rules/pack';
import { addPhoto, finding, fixturePacks, photo, SAMPLE_TOTAL, sampleProposal } from './helpers/exportFixtures';
import { convertToPdf, hasPoppler, pdfFonts, pdfInfo, pdfLines, pdfText, renderPage, soffice } from './helpers/office';

const RESULTS = resolve(import.meta.dirname, '..', '..', 'test-results', 'export');
const ready = soffice !== null && hasPoppler;
// .ci/run installs both; on CI a skip would hide exactly the failures these tests exist to catch.
if (!ready && process.env.CI) throw new Error('CI 上缺少 LibreOffice 或 poppler-utils：.ci/run 应当已安装它们');
if (!ready) console.warn('跳过 LibreOffice 转换测试：未安装 libreoffice-writer-nogui 或 poppler-utils');

/** Real-looking body text, a paragraph of 140 characters. */
const SECTIONS_FILLER =
  '中益乡地处武陵山区腹地，全乡常住人口中六十五岁以上老人占三成以上，其中独居和留守老人两百余人。老人们居住分散，山路崎岖，赶集一次往返需要半天，日常饮食以腌菜和剩饭为主，营养不良和慢性病问题十分突出。村卫生室反映，冬季因饮食不规律导致的肠胃疾病明显增多。';

/** The cells of the budget's total row, as pdftotext -layout keeps a table row on one line. */
function totalRow(pdf: string): string[] {
  const row = pdfText(pdf, ['-layout']).split('\n').find((l) => l.trim().startsWith('合计'));
  return row ? row.trim().split(/\s+/) : [];
}

interface Converted {
  pack: WrittenPack;
  rule: RulePack;
  pdf: string;
}

// One LibreOffice run converts every DOCX of the export (four packs and the review copy): its
// start-up is most of the cost.
let packs: Converted[] = [];
let reviewPdf = '';
let reviewDocx: Record<string, Uint8Array> = {};

describe.skipIf(!ready)('exported DOCX files in LibreOffice', () => {
  // Not tmpDir(): that is removed after each test, and these files serve all of them.
  const dir = mkdtempSync(join(tmpdir(), 'shance-office-'));
  // SHANCE_KEEP_TEST_FILES=1 keeps the DOCX and PDF files for a look.
  afterAll(() => {
    if (!process.env.SHANCE_KEEP_TEST_FILES) rmSync(dir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    const lib = Library.open(join(dir, 'library.db'));
    const images = [await addPhoto(lib, '食堂.jpg', await photo(1600, 1200, 1), { isCover: true }), await addPhoto(lib, '老人.jpg', await photo(1200, 1600, 2))];
    const p = sampleProposal(images);
    // Long enough for the review copy to fill whole pages.
    p.sections.background.text = Array.from({ length: 12 }, () => SECTIONS_FILLER).join('\n');
    const rules = fixturePacks();
    const result = await exportProject({
      proposal: p,
      platforms: [...rules.keys()],
      packs: rules,
      check: (_p, pack) => (pack.id === 'weibo' ? [finding('warning', '建议补充项目进展', 'milestones', 'weibo')] : []),
      overrideReason: null,
      internal: true,
      load: libraryImages(lib),
    });
    lib.close();
    const docx: string[] = [];
    for (const r of result.packs) {
      if (r.status !== 'written') throw new Error(`${r.platform} refused`);
      const file = r.files.find((f) => f.path.endsWith('.docx'))!;
      docx.push(join(dir, file.path));
      writeFileSync(join(dir, file.path), file.data);
    }
    writeFileSync(join(dir, result.review!.path), result.review!.data);
    reviewDocx = unzipSync(result.review!.data);
    const pdfs = convertToPdf([...docx, join(dir, result.review!.path)], dir);
    packs = result.packs.map((r, i) => ({ pack: r as WrittenPack, rule: rules.get(r.platform)!, pdf: pdfs[i]! }));
    reviewPdf = pdfs[pdfs.length - 1]!;
    mkdirSync(RESULTS, { recursive: true });
    renderPage(reviewPdf, 1, join(RESULTS, 'review-page'));
    renderPage(reviewPdf, 2, join(RESULTS, 'review-page'));
    renderPage(packs[0]!.pdf, 1, join(RESULTS, `pack-${packs[0]!.pack.platform}-page`));
  }, 240_000);

  it('shows every field title of each platform, in the platform order, and the budget total', () => {
    expect(packs).toHaveLength(4);
    for (const { pack, rule, pdf } of packs) {
      const lines = pdfText(pdf).split('\n').map((l) => l.trim());
      const labels = orderedFields(rule).map((f) => f.label);
      // Headings are lines of their own; the field contents never equal a label.
      const headings = lines.filter((l) => labels.includes(l));
      expect(headings, pack.platform).toEqual(labels);
      const budgetField = rule.fields.find((f) => f.from.includes('budget'));
      const total = budgetField?.format.money === 'yuan0' ? '123,456' : SAMPLE_TOTAL;
      expect(totalRow(pdf), pack.platform).toEqual(['合计', total]);
    }
  });

  it('lays the review copy out on A4 with the section titles in order and the budget total', () => {
    expect(pdfInfo(reviewPdf)).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = pdfText(reviewPdf);
    const lines = text.split('\n').map((l) => l.trim());
    const expected = ['一、项目概况', '二、募捐方案备案信息', ...SECTIONS.map((s, i) => `${['三', '四', '五', '六', '七', '八', '九'][i]}、${s.label}`), '十、项目预算', '十一、图片及肖像授权', '十二、上线平台', '十三、各平台检查摘要', '十四、审核意见'];
    let from = 0;
    for (const h of expected) {
      const at = lines.indexOf(h, from);
      expect(at, h).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
    expect(totalRow(reviewPdf)).toEqual(['合计', SAMPLE_TOTAL]);
    expect(text).toContain('（四）新浪微公益（规则包 0.9.1）');
    expect(text).toContain('[警告] 执行计划节点：建议补充项目进展');
  });

  it('sets 22 lines of 28 characters in the GB/T 9704 type area, page numbers outside it', () => {
    const mm = (pt: number) => (pt * 25.4) / 72;
    const all = pdfLines(reviewPdf);
    const isNumber = (t: string) => /^—\d+—$/.test(t);
    const pages = Math.max(...all.map((l) => l.page));
    const perPage = Array.from({ length: pages }, (_, i) => all.filter((l) => l.page === i + 1 && !isNumber(l.text)));
    // Pages of running text (no table, no centred title): lines start at the margin or the indent.
    const left = Math.min(...perPage[1]!.map((l) => l.xMin));
    const text = perPage.filter((p) => p.every((l) => Math.abs(l.xMin - left) < 1 || Math.abs(l.xMin - left - 32) < 1));
    expect(text.length).toBeGreaterThan(3);
    // Never more than 22 lines; full pages have 22 (widow control may end a page a line early).
    expect(Math.max(...text.map((p) => p.length))).toBe(22);
    const lines = all.filter((l) => l.page === 2);
    const body = perPage[1]!;
    // Each line 29 pt below the previous: 225 mm / 22 ≈ 10.23 mm ≈ 28.95 pt.
    body.slice(1).forEach((l, i) => expect(l.yMin - body[i]!.yMin).toBeCloseTo(28.95, 0));
    // The type area starts 37 mm from the top and 28 mm from the left, and is 156 mm wide.
    expect(mm(Math.min(...body.map((l) => l.xMin)))).toBeCloseTo(28, 0);
    expect(mm(Math.max(...body.map((l) => l.xMax)))).toBeLessThanOrEqual(28 + 156 + 0.5);
    expect(mm(body[0]!.yMin)).toBeGreaterThan(37);
    expect(mm(body[0]!.yMin)).toBeLessThan(37 + 10);
    // A full line of Chinese holds 28 characters.
    const full = body.filter((l) => mm(l.xMin) < 29 && /^[\u4e00-\u9fff，。、；：（）]+$/.test(l.text));
    expect(full.length).toBeGreaterThan(5);
    expect(Math.max(...full.map((l) => [...l.text].length))).toBe(28);
    // Even pages carry the number on the left, odd ones on the right, about 7 mm under the type area.
    const number = lines.find((l) => l.text === '—2—')!;
    expect(mm(number.xMin)).toBeLessThan(40);
    const odd = pdfLines(reviewPdf).find((l) => l.page === 3 && l.text === '—3—')!;
    expect(mm(odd.xMax)).toBeGreaterThan(170);
    expect(297 - mm(number.yMin)).toBeCloseTo(35 - 7, 0);
  });

  it('declares the official faces, with fallbacks, Chinese language and the page geometry', () => {
    const fonts = strFromU8(reviewDocx['word/fontTable.xml']!);
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋,FangSong"/>');
    for (const face of ['黑体', '楷体_GB2312', '方正小标宋简体', '宋体']) expect(fonts).toMatch(new RegExp(`<w:font w:name="${face}">.*?<w:charset w:val="86"/>`));
    const styles = strFromU8(reviewDocx['word/styles.xml']!);
    const defaults = /<w:docDefaults>([\s\S]*?)<\/w:docDefaults>/.exec(styles)![1]!;
    expect(defaults).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(defaults).toMatch(/w:hint="eastAsia"/);
    expect(defaults).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
    expect(defaults).toMatch(/<w:sz w:val="32"\/>/);
    const doc = strFromU8(reviewDocx['word/document.xml']!);
    const runOf = (text: string) => new RegExp(`<w:r><w:rPr>((?:(?!</w:rPr>).)*)</w:rPr><w:t[^>]*>${text}</w:t>`).exec(doc)?.[1] ?? '';
    expect(runOf('一、项目概况')).toMatch(/w:eastAsia="黑体"/);
    expect(runOf('（一）执行计划节点')).toMatch(/w:eastAsia="楷体_GB2312"/);
    expect(runOf(sampleProposal().title)).toMatch(/w:eastAsia="方正小标宋简体".*<w:sz w:val="44"\/>/);
    // A4: 210 × 297 mm in twentieths of a point.
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(doc).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"\/>/);
    expect(strFromU8(reviewDocx['word/settings.xml']!)).toContain('<w:evenAndOddHeaders/>');
  });

  it('embeds a Chinese face for every missing official one, so nothing renders as boxes', () => {
    for (const pdf of [reviewPdf, ...packs.map((p) => p.pdf)]) {
      const rows = pdfFonts(pdf).split('\n').slice(2).filter(Boolean);
      expect(rows.length).toBeGreaterThan(0);
      // Every font is embedded; at least one is a CJK face (Noto CJK here).
      for (const row of rows) expect(row).toMatch(/\byes\s+yes\s+yes\b/);
      expect(rows.some((r) => /CJK|Song|Hei|Kai|Fang|WenQuanYi|Fallback/i.test(r))).toBe(true);
    }
  });
});
