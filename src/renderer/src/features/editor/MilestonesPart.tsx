import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { Milestone } from '../../../../shared/domain/proposal';
import { ListPart } from './ListPart';
import { ImeInput } from '../../inputs/ImeInput';
import { memoPart } from './memoPart';
import type { PartProps } from './types';

function MilestonesPartView({ proposal: p, edit }: PartProps) {
  return (
    <ListPart<Milestone>
      rows={p.milestones}
      onChange={(milestones) => edit((d) => ({ ...d, milestones }))}
      make={(id) => ({ id, date: null, title: '', detail: '' })}
      addLabel="添加计划节点"
      emptyText="按时间写出每一步：什么时候、做什么、交付什么"
      columns={(update) => [
        {
          title: '日期',
          width: 160,
          render: (_, m, i) => (
            <DatePicker value={m.date ? dayjs(m.date) : null} aria-label={`节点日期 ${i + 1}`} onChange={(v) => update(m.id, { date: v ? v.format('YYYY-MM-DD') : null })} />
          ),
        },
        { title: '节点', width: 220, render: (_, m, i) => <ImeInput value={m.title} placeholder="如：完成受益人入户走访" aria-label={`节点名称 ${i + 1}`} onCommit={(v) => update(m.id, { title: v })} /> },
        { title: '说明', render: (_, m, i) => <ImeInput value={m.detail} aria-label={`节点说明 ${i + 1}`} onCommit={(v) => update(m.id, { detail: v })} /> },
      ]}
    />
  );
}

export const MilestonesPart = memoPart(MilestonesPartView, ['milestones']);
