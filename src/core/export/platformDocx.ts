import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, TextRun, type FileChild } from 'docx';
import type { Proposal } from '../../shared/domain/proposal';
import type { Finding } from '../../shared/rules/finding';
import { fieldSourceLabel, fieldText, type FieldSource } from '../../shared/rules/fieldSources';
import { GAP, orderedFields, describeLength, describeStatus, type FieldSheetRow } from './fieldSheet';
import type { PlatformField, RulePack } from '../../shared/rules/pack';
import { budgetTable } from './budgetTable';
import { budgetNotes, textParagraphs } from './docxParts';
import { CHINESE_LANGUAGE, FONTS, runFonts, withFontTable } from './docxFonts';
import type { PackImages } from './images';
import { checklistCounts } from './checklist';

// A4 with Word's usual margins; body 宋体 小四, headings 黑体.
const PAGE = { width: 11906, height: 16838, top: 1440, bottom: 1440, left: 1800, right: 1800 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const BODY_SIZE = 24;
// 五号 in tables, 小五 when long figures would leave the text columns too narrow.
const TABLE_SIZE = 21;
const TABLE_SMALL_SIZE = 18;

export interface PlatformDocxInput {
  proposal: Proposal;
  pack: RulePack;
  platformLabel: string;
  rows: readonly FieldSheetRow[];
  images: PackImages;
  findings: readonly Finding[];
  overrideReason: string | null;
  exportedAt: Date;
}

const note = (text: string, color = '595959') =>
  new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text, size: 20, color })] });

function boxed(lines: string[], fill: string): Paragraph[] {
  return lines.map(
    (text, i) =>
      new Paragraph({
        shading: { type: ShadingType.CLEAR, fill, color: 'auto' },
        spacing: { after: i === lines.length - 1 ? 240 : 0 },
        children: [new TextRun({ text, bold: i === 0 })],
      }),
  );
}

const isScalar = (s: FieldSource) => !s.startsWith('sections.') && s !== 'budget' && s !== 'milestones' && s !== 'images';

/** The content of one field: the same text as the field sheet, but the budget as a table and the pictures by file. */
function fieldBody(input: PlatformDocxInput, field: PlatformField): FileChild[] {
  const { proposal: p } = input;
  const out: FileChild[] = [];
  const labelled = field.from.length > 1;
  for (const source of field.from) {
    if (source === 'budget') {
      out.push(budgetTable(p, { face: FONTS.songti, headerFace: FONTS.heiti, size: TABLE_SIZE, smallSize: TABLE_SMALL_SIZE, width: TEXT_WIDTH, money: field.format.money }));
      out.push(...textParagraphs(budgetNotes(p, field.format.money)[0]!, { spacing: { before: 120 } }));
      continue;
    }
    if (source === 'images') {
      const list = input.images.images.map((img) => `${img.path}：${img.ref.caption || '（未填写图片说明）'}`);
      out.push(...textParagraphs(list.join('\n'), {}, '（没有图片）'));
      continue;
    }
    const text = fieldText(p, source, field.format);
    if (labelled && text === '') continue;
    if (labelled && isScalar(source)) {
      // A bare 「3%」 means nothing next to other parts: name it.
      out.push(new Paragraph({ children: [new TextRun({ text: `${fieldSourceLabel(source)}：`, bold: true }), new TextRun(text)] }));
    } else {
      out.push(...textParagraphs(text, { indent: { firstLine: source.startsWith('sections.') ? 480 : 0 } }));
    }
  }
  if (out.length === 0) out.push(...textParagraphs(''));
  return out;
}

/**
 * The platform's submission document: its form fields in its order, under its labels, each with
 * the length against the limit; the budget as a table. Staff fill the form from it (the exact text
 * to paste is in the field sheet).
 */
export async function platformDocx(input: PlatformDocxInput): Promise<Uint8Array> {
  const { proposal: p, pack, platformLabel, rows, findings } = input;
  const counts = checklistCounts(findings);
  const children: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(p.title || '未命名项目')] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: `${platformLabel} · 提交材料（按平台表单顺序）`, size: 28, font: runFonts(FONTS.heiti) })],
    }),
    note(`规则包：${pack.name} ${pack.version}（${pack.effectiveDate} 起适用）${GAP}导出时间：${input.exportedAt.toLocaleString('zh-CN', { hour12: false })}`),
    note(`平台检查：错误 ${counts.error} 项，警告 ${counts.warning} 项，提示 ${counts.info} 项（详见「检查结果.txt」）`),
  ];
  if (input.overrideReason) {
    children.push(...boxed([`本平台检查有 ${counts.error} 项错误，经审核人决定越过检查导出。`, `理由：${input.overrideReason}`], 'FDECEA'));
  }
  const fields = orderedFields(pack);
  for (const field of fields) {
    const row = rows.find((r) => r.id === field.id)!;
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(field.label)] }));
    const status = row.status === 'ok' ? '' : `${GAP}${describeStatus(row)}`;
    children.push(note(`${field.required ? `必填${GAP}` : ''}字数 ${describeLength(row)}${status}`, row.status === 'ok' ? '595959' : 'C00000'));
    if (field.help) children.push(note(`填写说明：${field.help}`));
    children.push(...fieldBody(input, field));
  }
  if (!fields.some((f) => f.from.includes('budget'))) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('附：项目预算明细')] }));
    children.push(budgetTable(p, { face: FONTS.songti, headerFace: FONTS.heiti, size: TABLE_SIZE, smallSize: TABLE_SMALL_SIZE, width: TEXT_WIDTH }));
    children.push(...textParagraphs(budgetNotes(p).join('\n'), { spacing: { before: 120 } }));
  }
  if (!fields.some((f) => f.from.includes('images'))) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('附：图片（见「图片」文件夹）')] }));
    const list = input.images.images.map((img) => `${img.path}（${img.width}×${img.height}）：${img.ref.caption || '（未填写图片说明）'}`);
    children.push(...textParagraphs(list.join('\n'), {}, '（本平台没有图片要求，或项目中没有图片）'));
  }

  const heading = (size: number) => ({
    run: { font: runFonts(FONTS.heiti), size, bold: false, color: '000000' },
    paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
  });
  const doc = new Document({
    title: `${p.title} · ${platformLabel}`,
    creator: '善策 ShanCe',
    styles: {
      default: {
        document: { run: { font: runFonts(FONTS.songti), size: BODY_SIZE, language: CHINESE_LANGUAGE }, paragraph: { spacing: { line: 360 } } },
        title: { run: { font: runFonts(FONTS.heiti), size: 36, bold: false, color: '000000' }, paragraph: { spacing: { after: 120 } } },
        heading1: heading(30),
        heading2: heading(26),
      },
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } } },
        children,
      },
    ],
  });
  return withFontTable(await Packer.toBuffer(doc), [FONTS.songti, FONTS.heiti, FONTS.times]);
}
