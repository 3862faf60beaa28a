import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { newId } from '../../../../shared/domain/factory';

/**
 * An editable list of rows (beneficiaries, milestones, budget lines): a table whose cells are
 * inputs, with add and delete. Each row keeps its own id so edits survive reordering.
 */
export function ListPart<T extends { id: string }>({
  rows,
  columns,
  onChange,
  make,
  addLabel,
  emptyText,
  footer,
}: {
  rows: T[];
  columns: (update: (id: string, patch: Partial<T>) => void) => ColumnsType<T>;
  onChange: (rows: T[]) => void;
  make: (id: string) => T;
  addLabel: string;
  emptyText: string;
  footer?: () => React.ReactNode;
}) {
  const update = (id: string, patch: Partial<T>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const cols: ColumnsType<T> = [
    ...columns(update),
    {
      title: '',
      width: 48,
      render: (_, r, i) => <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除第 ${i + 1} 行`} onClick={() => onChange(rows.filter((x) => x.id !== r.id))} />,
    },
  ];
  return (
    <div>
      <Table<T>
        size="small"
        rowKey="id"
        pagination={false}
        columns={cols}
        dataSource={rows}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
        footer={footer}
      />
      <Button type="dashed" icon={<PlusOutlined aria-hidden />} style={{ marginTop: 8 }} onClick={() => onChange([...rows, make(newId())])}>
        {addLabel}
      </Button>
    </div>
  );
}
