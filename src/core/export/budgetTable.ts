import { AlignmentType, LineRuleType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import type { Proposal } from '../../shared/domain/proposal';
import type { FieldFormat } from '../../shared/rules/fieldSources';
import type { FontFace } from './docxFonts';
import { runFonts } from './docxFonts';
import { budgetTotalFen, documentYuan } from './money';

export interface BudgetTableStyle {
  face: FontFace;
  headerFace: FontFace;
  /** Half-points. */
  size: number;
  /** A smaller size (half-points) for a budget whose figures leave the text columns too narrow at `size`. */
  smallSize?: number;
  /** Width of the text column in twips. */
  width: number;
  money?: FieldFormat['money'];
  /** Exact line height in twips, for documents whose body lines are on a fixed grid. */
  line?: number;
}

/**
 * Advance widths in ems of the widest face a reader's machine is likely to set our text in. Digits
 * and Latin letters ask for Times New Roman; where it is missing, LibreOffice on a bare Linux takes
 * DejaVu Serif, whose digits are 0.64 em (bold 0.70) against Times' 0.50; Liberation Serif, Tinos and
 * the CJK faces' own Latin digits are all narrower. Chinese characters and full-width marks are one
 * em in every Chinese face.
 */
const EM = {
  regular: { digit: 0.64, mark: 0.32, upper: 0.8, other: 0.7 },
  bold: { digit: 0.7, mark: 0.38, upper: 0.9, other: 0.75 },
} as const;

function charEm(ch: string, bold: boolean): number {
  const em = bold ? EM.bold : EM.regular;
  if (ch.codePointAt(0)! >= 0x2e80 || '—…“”‘’'.includes(ch)) return 1;
  if (ch >= '0' && ch <= '9') return em.digit;
  if ('.,:;\' |il'.includes(ch)) return em.mark;
  if (ch >= 'A' && ch <= 'Z') return em.upper;
  return em.other;
}

/** The width in twips `text` takes at `size` half-points in the widest likely face (see EM). */
export function worstCaseWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch, bold);
  // A half-point is ten twips per em.
  return Math.ceil(em * size * 10);
}

/** Left and right padding of every cell, written into the table so Word and LibreOffice agree. */
export const CELL_PADDING = 85;
/** Rounding in the faces' hinting and LibreOffice's layout: a little room so "just fits" stays on one line. */
const SLACK = 1.06;
/** Text columns (item, district) are comfortable from four characters a line, and never under two. */
const COMFORTABLE_TEXT_EMS = 4;
const MIN_TEXT_EMS = 2;

export interface BudgetColumn {
  header: string;
  /** The cell texts below the header. */
  cells: string[];
  /** Bold cells (the total). */
  boldCells?: string[];
  /** Never wraps: sized to its longest cell. Text columns share what is left and may wrap. */
  fixed: boolean;
}

const columnWidth = (texts: readonly string[], size: number, bold: boolean) =>
  texts.reduce((w, t) => Math.max(w, Math.ceil(worstCaseWidth(t, size, bold) * SLACK) + 2 * CELL_PADDING), 0);

/**
 * Column widths in twips: every fixed column (figures, the category) as wide as its longest cell in
 * the widest likely face, so an amount or a category never breaks over two lines whatever face
 * the reader's machine substitutes; the text columns share the rest in proportion to their longest
 * cell. `comfortable` is false when a text column gets fewer than four characters a line. Only when
 * even the fixed columns do not fit (a table of absurd figures) are all scaled down.
 */
export function budgetColumnWidths(columns: readonly BudgetColumn[], size: number, width: number): { widths: number[]; comfortable: boolean } {
  const natural = columns.map((c) => Math.max(columnWidth([c.header, ...c.cells], size, false), columnWidth(c.boldCells ?? [], size, true)));
  const textWidth = (ems: number) => Math.ceil(ems * size * 10 * SLACK) + 2 * CELL_PADDING;
  const minText = textWidth(MIN_TEXT_EMS);
  const fixedSum = natural.reduce((sum, w, i) => sum + (columns[i]!.fixed ? w : 0), 0);
  const textCols = columns.map((c, i) => (c.fixed ? -1 : i)).filter((i) => i >= 0);
  const left = width - fixedSum;
  if (left < minText * textCols.length) {
    const scale = width / (fixedSum + minText * textCols.length);
    return { widths: columns.map((c, i) => Math.floor((c.fixed ? natural[i]! : minText) * scale)), comfortable: false };
  }
  const textNatural = textCols.reduce((sum, i) => sum + natural[i]!, 0);
  const widths = columns.map((c, i) => (c.fixed ? natural[i]! : Math.max(minText, Math.floor((left * natural[i]!) / textNatural))));
  // The text columns' minimums may push the sum over, rounding leaves it short: the widest text
  // column takes the difference, so the table spans the width exactly.
  const excess = widths.reduce((a, b) => a + b, 0) - width;
  const widest = textCols.reduce((a, b) => (widths[b]! > widths[a]! ? b : a), textCols[0]!);
  widths[widest]! -= excess;
  const comfortable = textCols.every((i) => widths[i]! >= Math.min(natural[i]!, textWidth(COMFORTABLE_TEXT_EMS)));
  return { widths, comfortable };
}

/**
 * The budget as a table: item, category, unit price, quantity, amount, and the district a line came
 * from when the project was merged from several districts; a total row at the bottom.
 */
export function budgetTable(p: Proposal, style: BudgetTableStyle): Table {
  const withOrigin = p.budget.lines.some((l) => l.origin?.district);
  const money = (fen: number) => documentYuan(fen, style.money);
  const lines = p.budget.lines;
  const total = money(budgetTotalFen(p));
  const columns: BudgetColumn[] = [
    { header: '项目', cells: lines.map((l) => l.item || '（未命名）'), fixed: false },
    { header: '类别', cells: lines.map((l) => l.category), fixed: true },
    { header: '单价（元）', cells: lines.map((l) => money(l.unitPriceFen)), fixed: true },
    { header: '数量', cells: lines.map((l) => String(l.quantity)), fixed: true },
    { header: '金额（元）', cells: lines.map((l) => money(l.amountFen)), boldCells: [total], fixed: true },
    ...(withOrigin ? [{ header: '来源区县', cells: lines.map((l) => l.origin?.district ?? ''), fixed: false }] : []),
  ];
  const first = budgetColumnWidths(columns, style.size, style.width);
  const size = !first.comfortable && style.smallSize ? style.smallSize : style.size;
  const widths = size === style.size ? first.widths : budgetColumnWidths(columns, size, style.width).widths;
  const run = (text: string, bold = false, header = false) =>
    new TextRun({ text, bold, size, font: runFonts(header ? style.headerFace : style.face) });
  const cell = (text: string, i: number, opts: { bold?: boolean; header?: boolean; right?: boolean; span?: number } = {}) =>
    new TableCell({
      width: { size: opts.span ? widths.slice(i, i + opts.span).reduce((a, b) => a + b, 0) : widths[i]!, type: WidthType.DXA },
      columnSpan: opts.span,
      verticalAlign: VerticalAlignTable.CENTER,
      children: [
        new Paragraph({
          alignment: opts.right ? AlignmentType.RIGHT : opts.header ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: style.line ? { line: style.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 } : undefined,
          // Body text may be indented; a cell starts at its padding.
          indent: { firstLine: 0, left: 0, right: 0 },
          children: [run(text, opts.bold, opts.header)],
        }),
      ],
    });
  const rows = [
    new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c.header, i, { header: true })) }),
    ...lines.map(
      (l, r) =>
        new TableRow({
          cantSplit: true,
          children: columns.map((c, i) => cell(c.cells[r]!, i, { right: i >= 2 && i <= 4 })),
        }),
    ),
  ];
  if (lines.length === 0) rows.push(new TableRow({ children: [cell('（未填写预算明细）', 0, { span: columns.length })] }));
  rows.push(
    new TableRow({
      cantSplit: true,
      children: [cell('合计', 0, { bold: true, span: 4 }), cell(total, 4, { bold: true, right: true }), ...(withOrigin ? [cell('', 5)] : [])],
    }),
  );
  return new Table({
    rows,
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: 0, bottom: 0, marginUnitType: WidthType.DXA },
  });
}
