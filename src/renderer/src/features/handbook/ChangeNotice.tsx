import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, Collapse, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ChangeItem, GuidanceChanges } from '../../../../shared/handbook/changes';
import { api } from '../../api';
import { useEditorApi } from '../editor/EditorContext';
import { stepField } from './stepFields';
import './handbook.css';
import { useAsyncHandler } from '../../util/asyncHandler';
import { useBusyAction } from '../../util/busyAction';

const KIND: Record<ChangeItem['kind'], { label: string; color: string }> = {
  added: { label: '新增', color: 'green' },
  removed: { label: '删除', color: 'red' },
  changed: { label: '修改', color: 'blue' },
};

function Item({ item }: { item: ChangeItem }) {
  return (
    <li className="hb-change">
      <Space size={4} wrap>
        <Tag color={KIND[item.kind].color}>{KIND[item.kind].label}</Tag>
        <Tag>{item.scope === 'template' ? '所用模板' : '手册'}</Tag>
        <Typography.Text strong>{item.part}</Typography.Text>
      </Space>
      {item.before !== null && item.kind === 'changed' && <div className="hb-change-before">原：{item.before}</div>}
      {item.kind === 'removed' && <div className="hb-change-before">{item.before}</div>}
      {item.after !== null && <div className="hb-change-after">{item.kind === 'changed' ? `现：${item.after}` : item.after}</div>}
    </li>
  );
}

/**
 * When the handbook that applies to the open proposal has changed since the proposal started (or
 * since the user last read the changes): what changed in its guidance, step by step, and 已阅读.
 */
export function ChangeNotice() {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const { draft, jumpTo } = useEditorApi();
  const [changes, setChanges] = useState<GuidanceChanges | null>(null);
  const [busy, runBusy] = useBusyAction();
  // The notice is about the proposal's template and the handbook, which typing does not change:
  // asked once per opened proposal.
  const [asked] = useState(() => draft);
  useEffect(() => {
    let live = true;
    api
      .call('handbook.changes', { proposal: asked })
      .then((c) => live && setChanges(c))
      // A notice is a courtesy: if it cannot be worked out, the editor works as before.
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [asked]);

  if (!changes?.changed) return null;

  const acknowledge = () =>
    runBusy(async () => {
      await api.call('handbook.acknowledge', { proposalId: asked.id });
      setChanges(null);
      message.success(`已记下：此项目已阅读手册 ${changes.to.version} 版的变化`);
    });

  const count = changes.steps.reduce((n, s) => n + s.items.length, 0);
  return (
    <Alert
      type="info"
      showIcon
      className="hb-notice"
      data-testid="handbook-change-notice"
      style={{ marginBottom: 16 }}
      title={changes.message}
      description={
        <div>
          {changes.changelog.length > 0 && (
            <ul className="hb-list">
              {changes.changelog.map((e) => (
                <li key={e.version}>
                  <Typography.Text strong>
                    {e.version} 版（{e.date}）
                  </Typography.Text>
                  ：{e.summary}
                </li>
              ))}
            </ul>
          )}
          {changes.steps.length > 0 && (
            <Collapse
              size="small"
              ghost
              items={[
                {
                  key: 'steps',
                  label: `与此项目有关的指导变化：${changes.steps.length} 个步骤、${count} 处`,
                  children: changes.steps.map((s) => (
                    <div key={s.step} className="hb-change-step">
                      <Button type="link" size="small" className="hb-inline-link" onClick={() => jumpTo(stepField(s.step))}>
                        {s.title}
                      </Button>
                      <ul className="hb-list">
                        {s.items.map((item, i) => (
                          <Item key={i} item={item} />
                        ))}
                      </ul>
                    </div>
                  )),
                },
              ]}
              defaultActiveKey={count <= 6 ? ['steps'] : []}
            />
          )}
          {changes.from && !changes.from.known && (
            <Typography.Paragraph type="secondary">本机没有 {changes.from.version} 版的全文，只能列出修订记录。</Typography.Paragraph>
          )}
        </div>
      }
      action={
        <Button size="small" type="primary" icon={<CheckOutlined aria-hidden />} loading={busy} onClick={handle(acknowledge)}>
          已阅读
        </Button>
      }
    />
  );
}
