import { AlignmentType, LineRuleType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType, type IParagraphOptions } from 'docx';
import type { Proposal } from '../../shared/domain/proposal';
import { formatYuan, type FieldFormat } from '../../shared/rules/fieldSources';
import type { FontFace } from './docxFonts';
import { runFonts } from './docxFonts';

/** Sum of the budget lines, in fen. */
export function budgetTotalFen(p: Proposal): number {
  return p.budget.lines.reduce((sum, l) => sum + l.amountFen, 0);
}

/** One paragraph per line of plain text; an empty text says so instead of leaving a gap. */
export function textParagraphs(text: string, opts: Omit<IParagraphOptions, 'children' | 'text'> = {}, empty = '（未填写）'): Paragraph[] {
  const lines = text === '' ? [empty] : text.split('\n');
  return lines.map((line) => new Paragraph({ ...opts, children: [new TextRun(line)] }));
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 14 → 十四, 20 → 二十, 23 → 二十三 (enough for heading numbers). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return String(n);
}

export interface BudgetTableStyle {
  face: FontFace;
  headerFace: FontFace;
  /** Half-points. */
  size: number;
  /** Width of the text column in twips. */
  width: number;
  money?: FieldFormat['money'];
  /** Exact line height in twips, for documents whose body lines are on a fixed grid. */
  line?: number;
}

/**
 * The budget as a table: item, category, unit price, quantity, amount, and the district a line came
 * from when the project was merged from several districts; a total row at the bottom.
 */
export function budgetTable(p: Proposal, style: BudgetTableStyle): Table {
  const withOrigin = p.budget.lines.some((l) => l.origin?.district);
  const headers = ['项目', '类别', '单价（元）', '数量', '金额（元）', ...(withOrigin ? ['来源区县'] : [])];
  const weights = withOrigin ? [27, 12, 17, 12, 17, 15] : [34, 14, 18, 14, 20];
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((style.width * w) / sum));
  const run = (text: string, bold = false, header = false) =>
    new TextRun({ text, bold, size: style.size, font: runFonts(header ? style.headerFace : style.face) });
  const cell = (text: string, i: number, opts: { bold?: boolean; header?: boolean; right?: boolean; span?: number } = {}) =>
    new TableCell({
      width: { size: opts.span ? widths.slice(i, i + opts.span).reduce((a, b) => a + b, 0) : widths[i]!, type: WidthType.DXA },
      columnSpan: opts.span,
      verticalAlign: VerticalAlignTable.CENTER,
      children: [
        new Paragraph({
          alignment: opts.right ? AlignmentType.RIGHT : opts.header ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: style.line ? { line: style.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 } : undefined,
          children: [run(text, opts.bold, opts.header)],
        }),
      ],
    });
  const money = (fen: number) => formatYuan(fen, style.money);
  const rows = [
    new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, i, { header: true })) }),
    ...p.budget.lines.map(
      (l) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell(l.item || '（未命名）', 0),
            cell(l.category, 1),
            cell(money(l.unitPriceFen), 2, { right: true }),
            cell(String(l.quantity), 3, { right: true }),
            cell(money(l.amountFen), 4, { right: true }),
            ...(withOrigin ? [cell(l.origin?.district ?? '', 5)] : []),
          ],
        }),
    ),
  ];
  if (p.budget.lines.length === 0) rows.push(new TableRow({ children: [cell('（未填写预算明细）', 0, { span: headers.length })] }));
  rows.push(
    new TableRow({
      cantSplit: true,
      children: [
        cell('合计', 0, { bold: true, span: 4 }),
        cell(money(budgetTotalFen(p)), 4, { bold: true, right: true }),
        ...(withOrigin ? [cell('', 5)] : []),
      ],
    }),
  );
  return new Table({ rows, layout: TableLayoutType.FIXED, width: { size: style.width, type: WidthType.DXA }, columnWidths: widths });
}

/** The budget's notes below the table: management fee, minimum executable amount, fallback plan. */
export function budgetNotes(p: Proposal, money: FieldFormat['money'] = 'yuan2'): string[] {
  const out = [`预算合计：${formatYuan(budgetTotalFen(p), money)} 元${p.targetFen !== null ? `；筹款目标：${formatYuan(p.targetFen, money)} 元` : ''}`];
  if (p.budget.managementFeePercent !== null) out.push(`公募管理费比例：${p.budget.managementFeePercent}%`);
  if (p.budget.minimumExecutableFen !== null) out.push(`最低可执行金额：${formatYuan(p.budget.minimumExecutableFen, money)} 元`);
  if (p.budget.fallbackPlan) out.push(`未筹满时的执行方案：${p.budget.fallbackPlan}`);
  return out;
}
