import { Tag, Tooltip } from 'antd';
import type { DueItemOut } from '../../../../shared/api/methods/golive';
import { platformLabel } from '../../../../shared/domain/catalog';
import { CLOCK_LABELS, DUE_STATE_LABELS, type DueState } from '../../../../shared/domain/disclosureLabels';
import { describeSource } from '../../../../shared/rules/source';

export const STATE_COLORS: Record<DueState, string | undefined> = { upcoming: undefined, due: 'gold', overdue: 'red', veryLate: 'magenta' };

export function whenText(i: DueItemOut): string {
  return i.daysLeft < 0 ? `逾期 ${-i.daysLeft} 天` : i.daysLeft === 0 ? '今天到期' : `${i.daysLeft} 天后到期`;
}

export function StateTag({ item }: { item: DueItemOut }) {
  return (
    <Tag color={STATE_COLORS[item.state]} data-state={item.state}>
      {DUE_STATE_LABELS[item.state]}（{whenText(item)}）
    </Tag>
  );
}

/** The clock that set the date, with its source on hover (a platform's rule retold by the news says 待核实). */
export function ClockTag({ item }: { item: DueItemOut }) {
  const label = item.platform ? `${CLOCK_LABELS[item.clock]}·${platformLabel(item.platform)}` : CLOCK_LABELS[item.clock];
  return (
    <Tooltip title={`依据：${describeSource(item.source)}`}>
      <Tag tabIndex={0} aria-label={`${label}，依据：${describeSource(item.source)}`}>
        {label}
        {item.source.verified ? '' : '（待核实）'}
      </Tag>
    </Tooltip>
  );
}
