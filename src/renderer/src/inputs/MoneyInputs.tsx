import { DatePicker, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Proposal } from '../../../shared/domain/proposal';
import { toFen, toYuan } from '../util/format';

/** Money is stored in fen and typed in yuan. */
export function YuanInput({ fen, onChange, label, suffix = '元' }: { fen: number | null; onChange: (fen: number | null) => void; label: string; suffix?: string }) {
  return <InputNumber<number> min={0} precision={2} suffix={suffix} value={toYuan(fen)} style={{ width: '100%' }} aria-label={label} onChange={(v) => onChange(toFen(v))} />;
}

type Period = Proposal['projectPeriod'];

/** A start–end date range where either end may still be open. */
export function PeriodPicker({ value, onChange, label }: { value: Period; onChange: (p: Period) => void; label: string }) {
  const range: [Dayjs | null, Dayjs | null] = [value.start ? dayjs(value.start) : null, value.end ? dayjs(value.end) : null];
  return (
    <DatePicker.RangePicker
      style={{ width: '100%' }}
      value={range}
      allowEmpty={[true, true]}
      aria-label={label}
      onChange={(r) => onChange({ start: r?.[0] ? r[0].format('YYYY-MM-DD') : null, end: r?.[1] ? r[1].format('YYYY-MM-DD') : null })}
    />
  );
}
