import { Form, InputNumber, Typography } from 'antd';
import { YuanInput } from '../../inputs/MoneyInputs';
import { yuan } from '../../util/format';
import { BudgetLines } from './BudgetLines';
import { ImeTextArea } from '../../inputs/ImeInput';
import { memoPart } from './memoPart';
import type { PartProps } from './types';

function BudgetPartView({ proposal: p, edit }: PartProps) {
  const total = p.budget.lines.reduce((s, l) => s + l.amountFen, 0);
  const setBudget = (patch: Partial<typeof p.budget>) => edit((d) => ({ ...d, budget: { ...d.budget, ...patch } }));
  return (
    <div>
      <BudgetLines lines={p.budget.lines} onChange={(lines) => setBudget({ lines })} />
      <div data-testid="budget-total" className="budget-total">
        预算合计 {yuan(total)} 元{p.targetFen !== null && total !== p.targetFen && <Typography.Text type="warning">（筹款目标为 {yuan(p.targetFen)} 元，两者不一致）</Typography.Text>}
      </div>
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
