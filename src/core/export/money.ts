import type { Proposal } from '../../shared/domain/proposal';
import { formatYuan, type FieldFormat } from '../../shared/rules/fieldSources';

/** Sum of the budget lines, in fen. */
export function budgetTotalFen(p: Proposal): number {
  return p.budget.lines.reduce((sum, l) => sum + l.amountFen, 0);
}

/**
 * Money as documents print it: thousands separated, as finance staff write it (1,400,000.00). The
 * field sheets keep the platform's own format (`formatYuan`), which forms take as typed.
 */
export function documentYuan(fen: number, fmt: FieldFormat['money'] = 'yuan2'): string {
  const plain = formatYuan(fen, fmt);
  const [whole, cents] = plain.split('.');
  const sign = whole!.startsWith('-') ? '-' : '';
  const grouped = whole!.replace('-', '').replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}${grouped}${cents !== undefined ? `.${cents}` : ''}`;
}
