import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import type { DueItemOut } from '../../../../shared/api/methods/golive';
import type { ProposalSummary } from '../../../../shared/api/methods/proposals';
import { api } from '../../api';
import { yuan } from '../../util/format';
import { whenText } from './dueTags';

// One request for the whole table: what is overdue across the library, refreshed at most every few seconds.
let cache: { at: number; items: Promise<DueItemOut[]> } | null = null;
function overdue(): Promise<DueItemOut[]> {
  if (!cache || Date.now() - cache.at > 5000) {
    cache = { at: Date.now(), items: api.call('disclosure.due', { withinDays: 0, district: null }).then((r) => r.items.filter((i) => i.daysLeft < 0), () => []) };
  }
  return cache.items;
}

function FundsCell({ proposal: p }: { proposal: ProposalSummary }) {
  const [late, setLate] = useState<DueItemOut[]>([]);
  useEffect(() => {
    let live = true;
    void overdue().then((items) => live && setLate(items.filter((i) => i.proposalId === p.id)));
    return () => {
      live = false;
    };
  }, [p.id, p.updatedAt]);
  return (
    <Space orientation="vertical" size={2}>
      {p.raisedFen !== null && (
        <Typography.Text style={{ fontSize: 12 }} aria-label="已筹/目标">
          {yuan(p.raisedFen)}
          {p.targetFen ? ` / ${yuan(p.targetFen)}` : ''} 元
        </Typography.Text>
      )}
      {late.length > 0 && (
        <Tooltip title={late.map((i) => `${i.due} ${i.reason}（${whenText(i)}）`).join('\n')}>
          <Tag color={late.some((i) => i.state === 'veryLate') ? 'magenta' : 'red'} tabIndex={0} data-testid="disclosure-overdue">
            披露逾期
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** 筹款/披露: raised against the target, and a mark on projects with an overdue disclosure. */
export function fundsColumn(): ColumnsType<ProposalSummary>[number] {
  return { title: '筹款/披露', key: 'funds', width: 130, render: (_: unknown, p: ProposalSummary) => <FundsCell proposal={p} /> };
}
