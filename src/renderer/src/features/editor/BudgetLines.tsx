import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, InputNumber } from 'antd';
import type { ReactNode } from 'react';
import { newId } from '../../../../shared/domain/factory';
import type { BudgetLine } from '../../../../shared/domain/proposal';
import { ImeInput, ImeTextArea } from '../../inputs/ImeInput';
import { YuanInput } from '../../inputs/MoneyInputs';

const emptyLine = (id: string): BudgetLine => ({ id, item: '', category: '', unitPriceFen: 0, quantity: 1, amountFen: 0, note: '', origin: null });

// Amount follows unit price × quantity as they are typed; it can still be overwritten by hand.
function withAmount(l: BudgetLine, patch: Partial<BudgetLine>): Partial<BudgetLine> {
  const next = { ...l, ...patch };
  return 'unitPriceFen' in patch || 'quantity' in patch ? { ...patch, amountFen: Math.round(next.unitPriceFen * next.quantity) } : patch;
}

function Cell({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={wide ? 'budget-cell budget-cell-wide' : 'budget-cell'}>
      <span className="budget-cell-label">{label}</span>
      {children}
    </label>
  );
}

/**
 * Budget lines as blocks rather than one table row each: a seven-column row left the item name
 * about one character wide on a laptop once the side panel was open. Each line wraps to three rows
 * (what and which category; price × quantity = amount; 测算依据), so every field keeps a readable
 * width from 1280 px up, and the note the templates fill in is editable where it is checked.
 */
export function BudgetLines({ lines, onChange }: { lines: BudgetLine[]; onChange: (lines: BudgetLine[]) => void }) {
  const update = (id: string, patch: Partial<BudgetLine>) => onChange(lines.map((l) => (l.id === id ? { ...l, ...patch } : l)));
  return (
    <div>
      {lines.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="列出每一项支出：单价 × 数量 = 金额，并写明测算依据" />}
      <ol className="budget-lines" aria-label="预算明细">
        {lines.map((l, i) => {
          const n = i + 1;
          return (
            <li key={l.id} className="budget-line" data-testid="budget-line">
              <div className="budget-line-head">
                <span className="budget-line-no" aria-hidden>
                  {n}
                </span>
                <div className={l.origin ? 'budget-row budget-row-what with-origin' : 'budget-row budget-row-what'}>
                  <Cell label="支出项目" wide>
                    <ImeInput value={l.item} aria-label={`预算项目 ${n}`} onCommit={(v) => update(l.id, { item: v })} />
                  </Cell>
                  <Cell label="类别">
                    <ImeInput value={l.category} placeholder="如：物资" aria-label={`预算类别 ${n}`} onCommit={(v) => update(l.id, { category: v })} />
                  </Cell>
                {l.origin && (
                  <Cell label="来源区县">
                    <span className="budget-origin">{l.origin.district || '—'}</span>
                  </Cell>
                )}
                </div>
                <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除第 ${n} 行`} onClick={() => onChange(lines.filter((x) => x.id !== l.id))} />
              </div>
              <div className="budget-row budget-row-money">
                <Cell label="单价（元）">
                  <YuanInput fen={l.unitPriceFen} suffix="" label={`预算单价 ${n}`} onChange={(v) => update(l.id, withAmount(l, { unitPriceFen: v ?? 0 }))} />
                </Cell>
                <Cell label="数量">
                  <InputNumber<number> min={0} value={l.quantity} style={{ width: '100%' }} aria-label={`预算数量 ${n}`} onChange={(v) => update(l.id, withAmount(l, { quantity: v ?? 0 }))} />
                </Cell>
                <Cell label="金额（元）">
                  <YuanInput fen={l.amountFen} suffix="" label={`预算金额 ${n}`} onChange={(v) => update(l.id, { amountFen: v ?? 0 })} />
                </Cell>
              </div>
              <div className="budget-row" data-field={`budget.lines.${i}.note`}>
                <Cell label="测算依据" wide>
                  <ImeTextArea
                    value={l.note}
                    autoSize={{ minRows: 1, maxRows: 6 }}
                    placeholder="如：20 元/餐 × 300 餐，参照街道食堂报价"
                    aria-label={`测算依据 ${n}`}
                    onCommit={(v) => update(l.id, { note: v })}
                  />
                </Cell>
              </div>
            </li>
          );
        })}
      </ol>
      <Button type="dashed" icon={<PlusOutlined aria-hidden />} style={{ marginTop: 8 }} onClick={() => onChange([...lines, emptyLine(newId())])}>
        添加预算明细
      </Button>
    </div>
  );
}
