import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, TextRun, type FileChild } from 'docx';
import type { Proposal } from '../../shared/domain/proposal';
import type { Finding } from '../../shared/rules/finding';
import { SECTION_IDS, sectionLabel, type SectionId } from '../../shared/domain/catalog';
import { fieldSourceLabel, type FieldSource } from '../../shared/rules/fieldSources';
import { GAP, orderedFields, describeLength, describeStatus, type FieldSheetRow } from './fieldSheet';
import type { PlatformField, RulePack } from '../../shared/rules/pack';
import { budgetTable } from './budgetTable';
import { budgetNotes, textParagraphs } from './docxParts';
import { CHINESE_LANGUAGE, FONTS, runFonts, withFontTable } from './docxFonts';
import type { PackImages } from './images';
import { checklistCounts } from './checklist';
import { beijingDateTime } from './beijingTime';
import { documentPartText, isScalarSource } from './formValues';
import { blockRuns, blocksToDocx, listNumbering, sectionBlocks } from './richBlocks';

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

/** Whether any check of the row rests on a default nobody has verified yet. */
const unverified = (row: FieldSheetRow) => row.checks.some((c) => !c.source.verified);

const sectionId = (s: FieldSource): SectionId | null => (s.startsWith('sections.') ? (s.slice('sections.'.length) as SectionId) : null);

/** A section's blocks as Word paragraphs: body paragraphs indented two characters, lists numbered. */
function sectionParagraphs(p: Proposal, id: SectionId, instanceBase: number): Paragraph[] {
  const blocks = sectionBlocks(p.sections[id]);
  if (blocks.length === 0) return textParagraphs('');
  return blocksToDocx(blocks, {
    paragraph: { indent: { firstLine: 480 } },
    heading: (level, runs) => new Paragraph({ heading: level <= 2 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4, children: blockRuns(runs) }),
    instanceBase,
  });
}

/** The content of one field: the same text as the field sheet, but the budget as a table and the pictures by file. */
function fieldBody(input: PlatformDocxInput, field: PlatformField): FileChild[] {
  const { proposal: p, pack } = input;
  const out: FileChild[] = [];
  const labelled = field.from.length > 1;
  const exported = new Set(input.images.images.map((img) => img.ref.sha256));
  for (const source of field.from) {
    const section = sectionId(source);
    if (section) {
      if (labelled && sectionLabel(section) !== field.label) out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(sectionLabel(section))] }));
      out.push(...sectionParagraphs(p, section, SECTION_IDS.indexOf(section) * LISTS_PER_SECTION));
      continue;
    }
    if (source === 'budget') {
      out.push(budgetTable(p, { face: FONTS.songti, headerFace: FONTS.heiti, size: TABLE_SIZE, smallSize: TABLE_SMALL_SIZE, width: TEXT_WIDTH, money: field.format.money }));
      out.push(...textParagraphs(budgetNotes(p, field.format.money)[0]!, { spacing: { before: 120 } }));
      continue;
    }
    if (source === 'images') {
      out.push(...textParagraphs(imageLines(input).join('\n'), {}, '（没有图片）'));
      continue;
    }
    const text = documentPartText(p, source, field, pack, exported);
    if (labelled && text === '') continue;
    if (labelled && isScalarSource(source)) {
      // A bare 「3%」 means nothing next to other parts: name it.
      out.push(new Paragraph({ children: [new TextRun({ text: `${fieldSourceLabel(source)}：`, bold: true }), new TextRun(text)] }));
    } else {
      out.push(...textParagraphs(text));
    }
  }
  if (out.length === 0) out.push(...textParagraphs(''));
  return out;
}

/** Each exported picture by file, with its caption: captions of pictures not in the pack are left out. */
const imageLines = (input: PlatformDocxInput) =>
  input.images.images.map((img) => `${img.path}（${img.width}×${img.height}）：${img.ref.caption || '（未填写图片说明）'}`);

/** Lists of one section get numbering instances base … base + LISTS_PER_SECTION - 1. */
const LISTS_PER_SECTION = 1000;

/**
 * What the platform asks for (pack `asks`, e.g. 支付宝's feedback plan) and every section its form
 * has no field for: nothing the writer wrote is left out of the pack.
 */
function appendix(input: PlatformDocxInput): FileChild[] {
  const { proposal: p, pack } = input;
  const used = new Set(pack.fields.flatMap((f) => f.from));
  const out: FileChild[] = [];
  const asked = new Set<FieldSource>();
  for (const ask of pack.asks ?? []) {
    if (ask.from.every((s) => used.has(s))) continue;
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${ask.label}（${input.platformLabel}要求）`)] }));
    for (const source of ask.from) {
      asked.add(source);
      out.push(...partParagraphs(p, source, input));
    }
  }
  for (const source of [...SECTION_IDS.map((id) => `sections.${id}` as const), 'milestones' as const]) {
    if (used.has(source) || asked.has(source)) continue;
    const empty = source === 'milestones' ? p.milestones.length === 0 : p.sections[sectionId(source)!].text.trim() === '';
    if (empty) continue;
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(fieldSourceLabel(source))] }));
    out.push(...partParagraphs(p, source, input));
  }
  if (out.length === 0) return [];
  return [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('附：其他材料')] }), note('平台表单中没有对应栏目的内容，供平台审核和总会备查。'), ...out];
}

function partParagraphs(p: Proposal, source: FieldSource, input: PlatformDocxInput): FileChild[] {
  const section = sectionId(source);
  if (section) return sectionParagraphs(p, section, SECTION_IDS.indexOf(section) * LISTS_PER_SECTION);
  const field = { id: 'appendix', label: '', order: 0, from: [source], required: false, maxLength: null, minLength: null, format: {}, help: '' };
  return textParagraphs(documentPartText(p, source, field, input.pack));
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
    note(`规则包：${pack.name} ${pack.version}（${pack.effectiveDate} 起适用）${GAP}导出时间：${beijingDateTime(input.exportedAt)}`),
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
    const check = unverified(row) ? `${GAP}字数上限为总会清单默认值，待核实` : '';
    children.push(note(`${field.required ? `必填${GAP}` : ''}字数 ${describeLength(row)}${status}${check}`, row.status === 'ok' ? '595959' : 'C00000'));
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
    children.push(...textParagraphs(imageLines(input).join('\n'), {}, '（本平台没有图片要求，或项目中没有图片）'));
  }
  children.push(...appendix(input));

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
        heading3: heading(24),
        heading4: heading(24),
      },
    },
    numbering: listNumbering(240),
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } } },
        children,
      },
    ],
  });
  return withFontTable(await Packer.toBuffer(doc), [FONTS.songti, FONTS.heiti, FONTS.times]);
}
