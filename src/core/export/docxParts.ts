import { Paragraph, TextRun, type IParagraphOptions } from 'docx';
import type { Proposal } from '../../shared/domain/proposal';
import type { FieldFormat } from '../../shared/rules/fieldSources';
import { budgetTotalFen, documentYuan } from './money';

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

/** The budget's notes below the table: management fee, minimum executable amount, fallback plan. */
export function budgetNotes(p: Proposal, money: FieldFormat['money'] = 'yuan2'): string[] {
  const out = [`预算合计：${documentYuan(budgetTotalFen(p), money)} 元${p.targetFen !== null ? `；筹款目标：${documentYuan(p.targetFen, money)} 元` : ''}`];
  if (p.budget.managementFeePercent !== null) out.push(`公募管理费比例：${p.budget.managementFeePercent}%`);
  if (p.budget.minimumExecutableFen !== null) out.push(`最低可执行金额：${documentYuan(p.budget.minimumExecutableFen, money)} 元`);
  if (p.budget.fallbackPlan) out.push(`未筹满时的执行方案：${p.budget.fallbackPlan}`);
  return out;
}
