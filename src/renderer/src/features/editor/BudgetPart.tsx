import { Form, InputNumber, Typography } from 'antd';
import type { BudgetLine } from '../../../../shared/domain/proposal';
import { YuanInput } from '../../editor/MoneyInputs';
import { yuan } from '../../util/format';
import { ListPart } from './ListPart';
import { ImeInput, ImeTextArea } from '../../editor/ImeInput';
import { memoPart } from './memoPart';
import type { PartProps } from './types';

function BudgetPartView({ proposal: p, edit }: PartProps) {
  const total = p.budget.lines.reduce((s, l) => s + l.amountFen, 0);
  const setBudget = (patch: Partial<typeof p.budget>) => edit((d) => ({ ...d, budget: { ...d.budget, ...patch } }));
  // Amount follows unit price × quantity as they are typed; it can still be overwritten by hand.
  const withAmount = (l: BudgetLine, patch: Partial<BudgetLine>): Partial<BudgetLine> => {
    const next = { ...l, ...patch };
    return 'unitPriceFen' in patch || 'quantity' in patch ? { ...patch, amountFen: Math.round(next.unitPriceFen * next.quantity) } : patch;
  };
  return (
    <div>
      <ListPart<BudgetLine>
        rows={p.budget.lines}
        onChange={(lines) => setBudget({ lines })}
        make={(id) => ({ id, item: '', category: '', unitPriceFen: 0, quantity: 1, amountFen: 0, note: '', origin: null })}
        addLabel="添加预算明细"
        emptyText="列出每一项支出：单价 × 数量 = 金额"
        columns={(update) => [
          { title: '支出项目', render: (_, l, i) => <ImeInput value={l.item} aria-label={`预算项目 ${i + 1}`} onCommit={(v) => update(l.id, { item: v })} /> },
          { title: '类别', width: 130, render: (_, l, i) => <ImeInput value={l.category} placeholder="如：物资" aria-label={`预算类别 ${i + 1}`} onCommit={(v) => update(l.id, { category: v })} /> },
          {
            title: '单价（元）',
            width: 130,
            render: (_, l, i) => (
              <YuanInput fen={l.unitPriceFen} suffix="" label={`预算单价 ${i + 1}`} onChange={(v) => update(l.id, withAmount(l, { unitPriceFen: v ?? 0 }))} />
            ),
          },
          {
            title: '数量',
            width: 100,
            render: (_, l, i) => (
              <InputNumber<number> min={0} value={l.quantity} style={{ width: '100%' }} aria-label={`预算数量 ${i + 1}`} onChange={(v) => update(l.id, withAmount(l, { quantity: v ?? 0 }))} />
            ),
          },
          {
            title: '金额（元）',
            width: 140,
            render: (_, l, i) => (
              <YuanInput fen={l.amountFen} suffix="" label={`预算金额 ${i + 1}`} onChange={(v) => update(l.id, { amountFen: v ?? 0 })} />
            ),
          },
          { title: '来源区县', width: 110, render: (_, l) => l.origin?.district || '—' },
        ]}
        footer={() => (
          <span data-testid="budget-total">
            预算合计 {yuan(total)} 元{p.targetFen !== null && total !== p.targetFen && <Typography.Text type="warning">（筹款目标为 {yuan(p.targetFen)} 元，两者不一致）</Typography.Text>}
          </span>
        )}
      />
      <Form layout="vertical" component="div" style={{ marginTop: 16 }}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
          <Form.Item label="公募管理费比例" extra="公募支持方按筹款额收取的管理费，如 3%。">
            <InputNumber<number>
              min={0}
              max={100}
              precision={2}
              suffix="%"
              value={p.budget.managementFeePercent}
              style={{ width: '100%' }}
              aria-label="公募管理费比例"
              onChange={(v) => setBudget({ managementFeePercent: v })}
            />
          </Form.Item>
          <Form.Item label="最低可执行金额" extra="未筹满时，筹到多少仍可执行。">
            <YuanInput fen={p.budget.minimumExecutableFen} label="最低可执行金额" onChange={(v) => setBudget({ minimumExecutableFen: v })} />
          </Form.Item>
        </div>
        <Form.Item label="未筹满时的执行方案">
          <ImeTextArea value={p.budget.fallbackPlan} autoSize={{ minRows: 2 }} aria-label="未筹满时的执行方案" onCommit={(v) => setBudget({ fallbackPlan: v })} />
        </Form.Item>
      </Form>
    </div>
  );
}

export const BudgetPart = memoPart(BudgetPartView, ['budget', 'targetFen']);
