import { Form, Input, Select } from 'antd';
import { DISTRICTS, FOCUS_AREAS, STATUSES } from '../../../../shared/domain/catalog';
import type { PartProps } from './types';

export function BasicInfoPart({ proposal: p, edit }: PartProps) {
  return (
    <Form layout="vertical" component="div">
      <Form.Item label="项目名称" required>
        <Input value={p.title} maxLength={200} showCount aria-label="项目名称" onChange={(e) => edit((d) => ({ ...d, title: e.target.value }))} />
      </Form.Item>
      <Form.Item label="一句话简介" extra="用一句话说清：为谁、解决什么问题、怎么做。">
        <Input.TextArea
          value={p.summary}
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={1000}
          aria-label="一句话简介"
          onChange={(e) => edit((d) => ({ ...d, summary: e.target.value }))}
        />
      </Form.Item>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 16 }}>
        <Form.Item label="项目领域">
          <Select
            value={p.focusArea}
            placeholder="请选择"
            aria-label="项目领域"
            options={FOCUS_AREAS.map((f) => ({ value: f.id, label: f.label }))}
            onChange={(v) => edit((d) => ({ ...d, focusArea: v }))}
          />
        </Form.Item>
        <Form.Item label="区县">
          <Select
            showSearch
            allowClear
            value={p.district || null}
            placeholder="请选择"
            aria-label="区县"
            options={DISTRICTS.map((x) => ({ value: x, label: x }))}
            onChange={(v) => edit((d) => ({ ...d, district: v ?? '' }))}
          />
        </Form.Item>
        <Form.Item label="状态">
          <Select value={p.status} aria-label="状态" options={STATUSES.map((s) => ({ value: s.id, label: s.label }))} onChange={(v) => edit((d) => ({ ...d, status: v }))} />
        </Form.Item>
      </div>
    </Form>
  );
}
