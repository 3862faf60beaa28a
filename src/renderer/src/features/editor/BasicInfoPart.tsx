import { Form, Select } from 'antd';
import { DISTRICTS, FOCUS_AREAS, STATUSES } from '../../../../shared/domain/catalog';
import { ImeInput, ImeTextArea } from '../../inputs/ImeInput';
import { Field, FieldLabel } from './Field';
import { memoPart } from './memoPart';
import type { PartProps } from './types';

function BasicInfoPartView({ proposal: p, edit }: PartProps) {
  return (
    <Form layout="vertical" component="div">
      <Form.Item label={<FieldLabel field="title">项目名称</FieldLabel>} required>
        <Field name="title">
          <ImeInput value={p.title} maxLength={200} aria-label="项目名称" onCommit={(v) => edit((d) => ({ ...d, title: v }))} />
        </Field>
      </Form.Item>
      <Form.Item label={<FieldLabel field="summary">一句话简介</FieldLabel>} extra="用一句话说清：为谁、解决什么问题、怎么做。">
        <Field name="summary">
        <ImeTextArea
          value={p.summary}
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={1000}
          aria-label="一句话简介"
          onCommit={(v) => edit((d) => ({ ...d, summary: v }))}
        />
        </Field>
      </Form.Item>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 16 }}>
        <Form.Item label="项目领域" data-field="focusArea">
          <Select
            value={p.focusArea}
            placeholder="请选择"
            aria-label="项目领域"
            options={FOCUS_AREAS.map((f) => ({ value: f.id, label: f.label }))}
            onChange={(v) => edit((d) => ({ ...d, focusArea: v }))}
          />
        </Form.Item>
        <Form.Item label="区县" data-field="district">
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
          {/* The status moves only along the review path (the bar above the form), never by hand. */}
          <Select value={p.status} aria-label="状态" disabled options={STATUSES.map((s) => ({ value: s.id, label: s.label }))} />
        </Form.Item>
      </div>
    </Form>
  );
}

export const BasicInfoPart = memoPart(BasicInfoPartView, ['title', 'summary', 'focusArea', 'district', 'status']);
