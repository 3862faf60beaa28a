import { Form } from 'antd';
import { PeriodPicker, YuanInput } from '../../inputs/MoneyInputs';
import { FieldLabel } from './Field';
import { memoPart } from './memoPart';
import type { PartProps } from './types';

function FundingPartView({ proposal: p, edit }: PartProps) {
  return (
    <Form layout="vertical" component="div">
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 16 }}>
        <Form.Item label={<FieldLabel field="targetFen">筹款目标</FieldLabel>} data-field="targetFen">
          <YuanInput fen={p.targetFen} label="筹款目标（元）" onChange={(targetFen) => edit((d) => ({ ...d, targetFen }))} />
        </Form.Item>
        <Form.Item label={<FieldLabel field="fundraisingPeriod">筹款周期</FieldLabel>} data-field="fundraisingPeriod">
          <PeriodPicker value={p.fundraisingPeriod} label="筹款周期" onChange={(fundraisingPeriod) => edit((d) => ({ ...d, fundraisingPeriod }))} />
        </Form.Item>
        <Form.Item label={<FieldLabel field="projectPeriod">项目执行周期</FieldLabel>} data-field="projectPeriod">
          <PeriodPicker value={p.projectPeriod} label="项目执行周期" onChange={(projectPeriod) => edit((d) => ({ ...d, projectPeriod }))} />
        </Form.Item>
      </div>
    </Form>
  );
}

export const FundingPart = memoPart(FundingPartView, ['targetFen', 'fundraisingPeriod', 'projectPeriod']);
