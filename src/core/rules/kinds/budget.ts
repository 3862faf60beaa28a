import { yuan, type KindCompiler } from './types';

export const budgetSum: KindCompiler<'budgetSum'> = (rule) => (view, emit) => {
  const { lines } = view.p.budget;
  const target = view.p.targetFen;
  if (lines.length === 0) return emit({ field: 'budget', detail: '尚未填写预算明细' });
  if (target === null) return emit({ field: 'targetFen', detail: '尚未填写筹款目标' });
  const sum = lines.reduce((s, l) => s + l.amountFen, 0);
  const diff = Math.abs(sum - target);
  if (diff > rule.toleranceFen) {
    emit({ field: 'budget', detail: `明细合计 ${yuan(sum)}，筹款目标 ${yuan(target)}，相差 ${yuan(diff)}` });
  }
};

export const budgetLineArithmetic: KindCompiler<'budgetLineArithmetic'> = (rule) => (view, emit) => {
  view.p.budget.lines.forEach((l, i) => {
    const expected = Math.round(l.unitPriceFen * l.quantity);
    if (Math.abs(expected - l.amountFen) <= rule.toleranceFen) return;
    emit({
      field: `budget.lines.${i}`,
      detail: `「${l.item || `第 ${i + 1} 条`}」单价 ${yuan(l.unitPriceFen)} × 数量 ${l.quantity} = ${yuan(expected)}，金额却填为 ${yuan(l.amountFen)}`,
    });
  });
};

export const managementFee: KindCompiler<'managementFee'> = (rule) => (view, emit) => {
  const fee = view.p.budget.managementFeePercent;
  const field = 'budget.managementFeePercent';
  if (fee === null) emit({ field, detail: '未填写公募管理费比例' });
  else if (fee > rule.maxPercent) emit({ field, detail: `当前 ${fee}%，上限 ${rule.maxPercent}%` });
};
