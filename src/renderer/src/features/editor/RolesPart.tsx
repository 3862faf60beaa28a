import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select, Space, Typography } from 'antd';
import { DISTRICTS } from '../../../../shared/domain/catalog';
import type { Org, Proposal } from '../../../../shared/domain/proposal';
import { normalizeCode } from '../../../../shared/rules/checkCodes';
import { ImeInput } from '../../inputs/ImeInput';
import { memoPart } from './memoPart';
import type { PartProps } from './types';

function OrgFields({ role, label, org, onChange }: { role: string; label: string; org: Org; onChange: (o: Org) => void }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 16 }}>
      <Form.Item label={`${label}名称`} data-field={`${role}.name`}>
        <ImeInput value={org.name} aria-label={`${label}名称`} onCommit={(v) => onChange({ ...org, name: v })} />
      </Form.Item>
      <Form.Item label="统一社会信用代码" data-field={`${role}.creditCode`}>
        <ImeInput
          value={org.creditCode}
          maxLength={18}
          aria-label={`${label}统一社会信用代码`}
          style={{ fontFamily: 'monospace' }}
          onCommit={(v) => onChange({ ...org, creditCode: normalizeCode(v) })}
        />
      </Form.Item>
    </div>
  );
}

const FILING_FIELDS: { key: keyof Proposal['filing']; label: string; extra?: string }[] = [
  { key: 'number', label: '募捐方案备案编号', extra: '在“慈善中国”备案后取得，通常为 18 位统一社会信用代码加字母、年份和序号。' },
  { key: 'region', label: '募捐地域' },
  { key: 'contactName', label: '活动负责人' },
  { key: 'contactAddress', label: '负责人办公地址' },
  { key: 'donationMethod', label: '接受捐赠方式' },
  { key: 'remainderPlan', label: '剩余财产的处理' },
];

function RolesPartView({ proposal: p, edit }: PartProps) {
  const setRoles = (recipe: (r: Proposal['roles']) => Proposal['roles']) => edit((d) => ({ ...d, roles: recipe(d.roles) }));
  return (
    <Form layout="vertical" component="div">
      <OrgFields role="initiator" label="发起方" org={p.roles.initiator} onChange={(o) => setRoles((r) => ({ ...r, initiator: o }))} />
      <OrgFields role="fundraiser" label="公募支持方" org={p.roles.fundraiser} onChange={(o) => setRoles((r) => ({ ...r, fundraiser: o }))} />
      <Typography.Text strong data-field="executors">执行方</Typography.Text>
      {p.roles.executors.length === 0 && <Typography.Paragraph type="secondary">尚未填写执行方。</Typography.Paragraph>}
      {p.roles.executors.map((ex, i) => (
        <Space key={i} align="start" style={{ display: 'flex', marginTop: 8 }}>
          <ImeInput
            placeholder="执行方名称"
            value={ex.name}
            style={{ width: 280 }}
            aria-label={`执行方 ${i + 1} 名称`}
            onCommit={(v) => setRoles((r) => ({ ...r, executors: r.executors.map((x, j) => (j === i ? { ...x, name: v } : x)) }))}
          />
          <ImeInput
            placeholder="统一社会信用代码"
            value={ex.creditCode}
            maxLength={18}
            style={{ width: 200, fontFamily: 'monospace' }}
            aria-label={`执行方 ${i + 1} 统一社会信用代码`}
            onCommit={(v) =>
              setRoles((r) => ({ ...r, executors: r.executors.map((x, j) => (j === i ? { ...x, creditCode: normalizeCode(v) } : x)) }))
            }
          />
          <Select
            showSearch
            allowClear
            placeholder="所在区县"
            value={ex.district || null}
            style={{ width: 160 }}
            aria-label={`执行方 ${i + 1} 区县`}
            options={DISTRICTS.map((x) => ({ value: x, label: x }))}
            onChange={(v) => setRoles((r) => ({ ...r, executors: r.executors.map((x, j) => (j === i ? { ...x, district: v ?? '' } : x)) }))}
          />
          <Button
            type="text"
            danger
            icon={<DeleteOutlined aria-hidden />}
            aria-label={`删除执行方 ${i + 1}`}
            onClick={() => setRoles((r) => ({ ...r, executors: r.executors.filter((_, j) => j !== i) }))}
          />
        </Space>
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined aria-hidden />}
        style={{ marginTop: 8, marginBottom: 16 }}
        onClick={() => setRoles((r) => ({ ...r, executors: [...r.executors, { name: '', creditCode: '', district: p.district }] }))}
      >
        添加执行方
      </Button>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '0 16px' }}>
        {FILING_FIELDS.map((f) => (
          <Form.Item key={f.key} label={f.label} extra={f.extra} data-field={`filing.${f.key}`}>
            <ImeInput value={p.filing[f.key]} aria-label={f.label} onCommit={(v) => edit((d) => ({ ...d, filing: { ...d.filing, [f.key]: v } }))} />
          </Form.Item>
        ))}
      </div>
    </Form>
  );
}

export const RolesPart = memoPart(RolesPartView, ['roles', 'filing', 'district']);
