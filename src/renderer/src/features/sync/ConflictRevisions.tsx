import { Alert, App, Button, List, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ConflictRevision } from '../../../../shared/api/methods/sync';
import type { Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { dateTime } from '../../util/format';
import { CompareDrawer, type ComparePair } from '../dedupe/CompareDrawer';
import { useEditorApi } from '../editor/EditorContext';
import { useSyncStatus } from './syncStatus';
import { useAsyncHandler } from '../../util/asyncHandler';

function useConflicts(id: string, refreshKey: unknown) {
  const [items, setItems] = useState<ConflictRevision[]>([]);
  const load = useCallback(() => {
    api
      .call('sync.conflicts', { id })
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, [id]);
  useEffect(load, [load, refreshKey]);
  return { items, reload: load };
}

/**
 * In 历史版本: the versions that lost a sync conflict (edited on two desks since the last sync). Each
 * can be compared with the current text and taken over; nothing is lost either way.
 */
export function ConflictRevisions({ id, onRestore }: { id: string; onRestore: (p: Proposal) => void }) {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const { items, reload } = useConflicts(id, null);
  const [pair, setPair] = useState<ComparePair | null>(null);
  if (items.length === 0) return null;
  const revision = (rev: number) => api.call('proposal.revision', { id, rev });
  return (
    <div data-testid="conflict-revisions" style={{ marginBottom: 16 }}>
      <Alert
        type="warning"
        showIcon
        title="同步冲突：此项目在两台电脑上都改过"
        description="服务器采用了较晚的修改，另一版本保存在下面，可以对照后选择采用。"
        style={{ marginBottom: 8 }}
      />
      <List<ConflictRevision>
        size="small"
        bordered
        dataSource={items}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Button key="cmp" size="small" onClick={handle(async () => setPair({ a: { id }, b: { proposal: await revision(c.rev) }, aNote: '当前版本' }))}>
                对照
              </Button>,
              <Button
                key="take"
                size="small"
                type="primary"
                onClick={handle(async () => {
                  try {
                    const p = await revision(c.rev);
                    if (!c.dismissed) await api.call('sync.dismissConflict', { id, conflictRev: c.conflictRev });
                    onRestore(p);
                  } catch (e) {
                    message.error(errorText(e));
                  }
                })}
              >
                采用此版本
              </Button>,
              ...(c.dismissed
                ? []
                : [
                    <Button key="ok" size="small" type="text" onClick={handle(() => api.call('sync.dismissConflict', { id, conflictRev: c.conflictRev }).then(reload))}>
                      保留当前
                    </Button>,
                  ]),
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={4}>
                  {c.dismissed ? <Tag>已处理</Tag> : <Tag color="orange">未采用的版本</Tag>}
                  {c.title || '（未命名）'}
                </Space>
              }
              description={`${c.by} 修改于 ${dateTime(c.at)}`}
            />
          </List.Item>
        )}
      />
      <CompareDrawer pair={pair} onClose={() => setPair(null)} />
    </div>
  );
}

/** Above the editor: a sync conflict is waiting to be looked at in 历史版本. */
export function ConflictNotice() {
  const { draft } = useEditorApi();
  // Asked again after each sync (a conflict arrives with one) and once typing pauses (a version
  // taken over in 历史版本 settles it): a local read, never the network.
  const lastSync = useSyncStatus()?.lastSyncAt ?? null;
  const { items } = useConflicts(draft.id, `${lastSync}|${draft.updatedAt}`);
  const open = items.filter((c) => !c.dismissed);
  if (open.length === 0) return null;
  const last = open[0]!;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="conflict-notice"
      style={{ marginBottom: 16 }}
      title={`同步冲突：此项目在另一台电脑上也修改过（${last.by}，${dateTime(last.at)}）`}
      description={<Typography.Text>未被采用的版本已保存在「历史版本」中，打开历史版本可对照并选择采用。</Typography.Text>}
    />
  );
}
