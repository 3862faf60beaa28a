import { DatePicker, Form, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Proposal } from '../../../../shared/domain/proposal';
import { toFen, toYuan } from '../../util/format';
import { FieldLabel } from './Field';
import type { PartProps } from './types';

type Period = Proposal['projectPeriod'];

const toRange = (p: Period): [Dayjs | null, Dayjs | null] => [p.start ? dayjs(p.start) : null, p.end ? dayjs(p.end) : null];
const fromRange = (r: [Dayjs | null, Dayjs | null] | null): Period => ({
  start: r?.[0] ? r[0].format('YYYY-MM-DD') : null,
  end: r?.[1] ? r[1].format('YYYY-MM-DD') : null,
});

export function FundingPart({ proposal: p, edit }: PartProps) {
  return (
    <Form layout="vertical" component="div">
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 16 }}>
        <Form.Item label={<FieldLabel field="targetFen">筹款目标</FieldLabel>} data-field="targetFen">
          <InputNumber<number>
            style={{ width: '100%' }}
            min={0}
            precision={2}
            value={toYuan(p.targetFen)}
            suffix="元"
            aria-label="筹款目标（元）"
            onChange={(v) => edit((d) => ({ ...d, targetFen: toFen(v) }))}
          />
        </Form.Item>
        <Form.Item label={<FieldLabel field="fundraisingPeriod">筹款周期</FieldLabel>} data-field="fundraisingPeriod">
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            value={toRange(p.fundraisingPeriod)}
            allowEmpty={[true, true]}
            aria-label="筹款周期"
            onChange={(r) => edit((d) => ({ ...d, fundraisingPeriod: fromRange(r) }))}
          />
        </Form.Item>
        <Form.Item label={<FieldLabel field="projectPeriod">项目执行周期</FieldLabel>} data-field="projectPeriod">
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            value={toRange(p.projectPeriod)}
            allowEmpty={[true, true]}
            aria-label="项目执行周期"
            onChange={(r) => edit((d) => ({ ...d, projectPeriod: fromRange(r) }))}
          />
        </Form.Item>
      </div>
    </Form>
  );
}
