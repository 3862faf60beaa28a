import { Alert, Select, Table, Tag, Typography } from 'antd';
import type { MethodOutput } from '../../../../shared/api/contract';
import { platformLabel, type PlatformId } from '../../../../shared/domain/catalog';

export type DonationColumnsOut = MethodOutput<'funds.columns'>;
type FieldId = DonationColumnsOut['fields'][number]['id'];
/** Each field's column, by its index in the file (two columns may share a header name). */
export type ColumnChoice = Partial<Record<FieldId, number>>;

/** The choice the importer's own guess (or the platform's remembered mapping) starts from. */
export function initialChoice(cols: DonationColumnsOut): ColumnChoice {
  const choice: ColumnChoice = {};
  for (const f of cols.fields) {
    const header = cols.mapping[f.id];
    const at = header === undefined ? -1 : cols.headers.indexOf(header);
    if (at >= 0) choice[f.id] = at;
  }
  return choice;
}

/** What stops the choice from being used, in Chinese: a required field without a column, a column chosen twice. */
export function choiceProblems(cols: DonationColumnsOut, choice: ColumnChoice): string[] {
  const problems = cols.fields.filter((f) => f.required && choice[f.id] === undefined).map((f) => `请为「${f.label}」选择一列`);
  const byColumn = new Map<number, string[]>();
  for (const f of cols.fields) if (choice[f.id] !== undefined) byColumn.set(choice[f.id]!, [...(byColumn.get(choice[f.id]!) ?? []), f.label]);
  for (const [at, labels] of byColumn) {
    if (labels.length > 1) problems.push(`第 ${at + 1} 列「${cols.headers[at] || '（无表头）'}」同时被选为${labels.map((l) => `「${l}」`).join('和')}，每列只能对应一项`);
  }
  return problems;
}

/** The choice as the importer's column mapping (field → header). */
export function choiceMapping(cols: DonationColumnsOut, choice: ColumnChoice): Partial<Record<FieldId, string>> {
  return Object.fromEntries(Object.entries(choice).map(([id, at]) => [id, cols.headers[at]!]));
}

/**
 * 指定列: the file's header and first rows, and for each field the importer reads a list of the file's
 * columns to choose from. Shown when a platform's export has columns the importer does not know;
 * the choice is remembered for the platform when the import is confirmed.
 */
export function ColumnMappingForm({
  cols,
  platform,
  choice,
  onChange,
  showRequired,
}: {
  cols: DonationColumnsOut;
  platform: PlatformId;
  choice: ColumnChoice;
  onChange: (c: ColumnChoice) => void;
  /** After a first try to go on: also name the required fields still without a column. */
  showRequired: boolean;
}) {
  const problems = choiceProblems(cols, choice).filter((p) => showRequired || !p.startsWith('请为'));
  const options = cols.headers.map((h, i) => ({ value: i, label: `第 ${i + 1} 列：${h || '（无表头）'}` }));
  const fieldOf = (i: number) => cols.fields.filter((f) => choice[f.id] === i).map((f) => f.label);
  return (
    <div data-testid="column-mapping">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={`有些列无法自动识别，请为下面各项选择文件中对应的列（* 为必填）。确认导入后会为${platformLabel(platform)}记住，下次导入无需再选。`}
        description={cols.problems.length > 0 ? cols.problems.join('；') : undefined}
      />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(250px, 1fr))', gap: '8px 16px', marginBottom: 12 }}>
        {cols.fields.map((f) => (
          <label key={f.id} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            <span>
              {f.label}
              {f.required ? <span style={{ color: '#cf1322' }}> *</span> : <Typography.Text type="secondary">（可不选）</Typography.Text>}
            </span>
            <Select<number>
              aria-label={`${f.label}对应的列`}
              data-testid={`map-${f.id}`}
              value={choice[f.id]}
              placeholder={f.required ? '请选择列' : '不导入'}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={options}
              status={problems.some((p) => p.includes(`「${f.label}」`)) ? 'error' : undefined}
              onChange={(v) => onChange({ ...choice, [f.id]: v ?? undefined })}
            />
          </label>
        ))}
      </div>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="mapping-problems"
          style={{ marginBottom: 12 }}
          title="列的指定有问题"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
        文件的表头和前 {cols.sample.length} 行（共 {cols.rowCount} 行）
      </Typography.Text>
      <Table
        size="small"
        bordered
        pagination={false}
        scroll={{ x: 'max-content', y: 180 }}
        rowKey="key"
        dataSource={cols.sample.map((cells, key) => ({ key, cells }))}
        columns={cols.headers.map((h, i) => ({
          key: String(i),
          title: (
            <span>
              {h || '（无表头）'}
              {fieldOf(i).map((l) => (
                <Tag key={l} color="blue" style={{ marginInlineStart: 4 }}>
                  {l}
                </Tag>
              ))}
            </span>
          ),
          render: (_: unknown, r: { cells: string[] }) => r.cells[i],
        }))}
      />
    </div>
  );
}
