import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ProposalSummary } from '../../../../shared/api/methods/proposals';
import { useRulesSummary, type PackSummary } from './summaryLoader';
import './rules.css';

/** Short names so that a row's badges can be told apart without hovering; the full name is in the tooltip. */
const SHORT: Record<string, string> = {
  legal: '法规',
  tencent: '腾讯',
  alipay: '支付宝',
  alibaba: '阿里',
  douyin: '抖音',
  weibo: '微公益',
  jd: '京东',
  meituan: '美团',
  shuidi: '水滴',
  qingsong: '轻松',
  lianquan: '联劝',
  guangyi: '广益',
  xinhua: '新华',
  bilibili: 'B站',
};

function verdict(s: PackSummary): { text: string; color: string } {
  if (s.errors > 0) return { text: `${s.errors} 个错误`, color: 'error' };
  if (s.warnings > 0) return { text: `${s.warnings} 个警告`, color: 'warning' };
  return { text: '通过', color: 'success' };
}

function detail(s: PackSummary): string {
  if (s.errors === 0 && s.warnings === 0) return `${s.name}：通过`;
  return `${s.name}：${[s.errors ? `${s.errors} 个错误` : '', s.warnings ? `${s.warnings} 个警告` : ''].filter(Boolean).join('、')}`;
}

function RulesSummaryCell({ proposal: p }: { proposal: ProposalSummary }) {
  const loaded = useRulesSummary(p.id, p.updatedAt);
  if (!loaded) return <Typography.Text type="secondary">…</Typography.Text>;
  if (!loaded.packs) {
    return (
      <Tooltip title={loaded.error ?? '无法检查'}>
        <Typography.Text type="secondary">—</Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Space size={[4, 4]} wrap>
      {loaded.packs.map((s) => {
        const v = verdict(s);
        return (
          <Tooltip key={s.pack} title={detail(s)}>
            <Tag color={v.color} className="rules-summary-badge" aria-label={detail(s)} tabIndex={0}>
              <span className="rules-summary-name">{SHORT[s.pack] ?? s.name}</span>
              {v.text}
            </Tag>
          </Tooltip>
        );
      })}
    </Space>
  );
}

/** The library's 「规则检查」 column: the legal pack and each target platform, passed or how many problems. */
export function rulesSummaryColumn(): ColumnsType<ProposalSummary>[number] {
  return {
    title: '规则检查',
    key: 'rules',
    width: 230,
    render: (_: unknown, p: ProposalSummary) => (p.deletedAt ? <Typography.Text type="secondary">—</Typography.Text> : <RulesSummaryCell proposal={p} />),
  };
}
