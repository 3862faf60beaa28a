import { AlignmentType, Document, DocumentGridType, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun, type FileChild, type INumberingOptions } from 'docx';
import { allFonts, CHINESE_LANGUAGE, FONTS, runFonts, withFontTable, type FontFace } from './docxFonts';
import { chineseNumber } from './docxParts';

/** The federation's official-document layout (公文), shared by the internal review copy and the final report. */

/**
 * The layout of GB/T 9704-2012 (党政机关公文格式), in twips (1 mm = 56.7 twips):
 * A4; 天头 37 mm, 订口 28 mm; 版心 156 mm × 225 mm, so the right margin is 26 mm and the bottom 35 mm;
 * 22 lines of 28 characters in 三号 (16 pt). 225 mm / 22 lines = 29 pt a line (579 twips, exact line
 * spacing plus a line grid). 156 mm = 442.2 pt holds only 27 characters of 16 pt, so characters are
 * set 0.25 pt tighter (15.75 pt × 28 = 441 pt). Word's own 公文 templates use a character grid
 * (docGrid linesAndChars, charSpace -849) instead, but LibreOffice lays that grid out in its
 * "square page" mode, about 17 characters a line; condensed spacing gives 28 in both.
 */
export const GBT9704 = {
  pageWidth: 11906,
  pageHeight: 16838,
  marginTop: 2098,
  marginBottom: 1984,
  marginLeft: 1587,
  marginRight: 1474,
  /** The page number's line sits 7 mm below the type area: about 22 mm above the paper's edge. */
  footer: 1247,
  linePitch: 579,
  /** Twentieths of a point. */
  characterSpacing: -5,
  /** 三号 and 二号 in half-points; 四号 for page numbers. */
  bodySize: 32,
  titleSize: 44,
  smallSize: 28,
  /** 小四 in tables; 五号 when the figures are so long that the text columns would get too narrow. */
  tableSize: 24,
  tableSmallSize: 21,
} as const;
export const TYPE_AREA_WIDTH = GBT9704.pageWidth - GBT9704.marginLeft - GBT9704.marginRight;

export const run = (text: string, face: FontFace = FONTS.fangsong, extra: { bold?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: runFonts(face), size: extra.size ?? GBT9704.bodySize, bold: extra.bold });

/**
 * Body text: 仿宋_GB2312 三号, first line indented two characters, justified.
 *
 * Why every mark survives: LibreOffice hangs a full-width mark that falls just past the 28th character into the margin
 * ("hanging punctuation", on by default) and, in a justified line, then does not draw it: 8 marks
 * of a 6,000-character proposal vanished. Its DOCX import reads w:overflowPunct inverted (on turns
 * hanging off; see writerfilter DomainMapper, LN_CT_PPrBase_overflowPunct), so the document
 * default (withFontTable below) declares it on: Word keeps its own default (overflowPunct on is Word's default too) and
 * LibreOffice moves the mark, with the character before it, to the next line (kinsoku) instead.
 */
export const BODY = { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 640 } } as const;
export const body = (text: string) => new Paragraph({ ...BODY, children: [run(text)] });
/** 一、 headings in 黑体, （一） headings in 楷体, both 三号 and indented like body text. */
export const heading1 = (n: number, text: string) =>
  new Paragraph({ indent: { firstLine: 640 }, keepNext: true, outlineLevel: 0, children: [run(`${chineseNumber(n)}、${text}`, FONTS.heiti)] });
export const heading2 = (n: number, text: string) =>
  new Paragraph({ indent: { firstLine: 640 }, keepNext: true, outlineLevel: 1, children: [run(`（${chineseNumber(n)}）${text}`, FONTS.kaiti)] });

const pageNumber = (alignment: 'left' | 'right') =>
  new Footer({
    children: [
      new Paragraph({
        alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        // 单页码居右空一字，双页码居左空一字 (one 四号 character: 280 twips).
        indent: alignment === 'right' ? { right: 280 } : { left: 280 },
        spacing: { line: 360, lineRule: LineRuleType.EXACT },
        // 4号半角宋体阿拉伯数字 (GB/T 9704 §7.5): the digits too in 宋体, not the Latin face.
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: allFonts(FONTS.songti), size: GBT9704.smallSize })],
      }),
    ],
  });

/** A DOCX in the GB/T 9704 layout: A4, the type area, the line grid, 仿宋 三号 body, page numbers. */
export async function officialDocx(opts: { title: string; children: FileChild[]; numbering?: INumberingOptions }): Promise<Uint8Array> {
  const doc = new Document({
    title: opts.title,
    creator: '善策 ShanCe',
    evenAndOddHeaderAndFooters: true,
    numbering: opts.numbering,
    styles: {
      default: {
        document: {
          run: { font: runFonts(FONTS.fangsong), size: GBT9704.bodySize, characterSpacing: GBT9704.characterSpacing, language: CHINESE_LANGUAGE },
          paragraph: { spacing: { line: GBT9704.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: GBT9704.pageWidth, height: GBT9704.pageHeight },
            margin: {
              top: GBT9704.marginTop,
              bottom: GBT9704.marginBottom,
              left: GBT9704.marginLeft,
              right: GBT9704.marginRight,
              footer: GBT9704.footer,
              header: 851,
            },
          },
          grid: { type: DocumentGridType.LINES, linePitch: GBT9704.linePitch },
        },
        footers: { default: pageNumber('right'), even: pageNumber('left') },
        children: opts.children,
      },
    ],
  });
  // See BODY: LibreOffice then keeps every mark at a line end on the grid.
  return withFontTable(await Packer.toBuffer(doc), [FONTS.fangsong, FONTS.heiti, FONTS.kaiti, FONTS.xiaobiaosong, FONTS.songti, FONTS.times], '<w:overflowPunct/>');
}
