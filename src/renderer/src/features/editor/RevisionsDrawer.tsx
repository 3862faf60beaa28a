import { Button, Drawer, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RevisionInfo } from '../../../../shared/api/methods/proposals';
import type { Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { dateTime } from '../../util/format';
import { ConflictRevisions } from '../sync/ConflictRevisions';

/** The saved snapshots of a proposal; restoring one makes it the current draft (itself saved as a new version). */
export function RevisionsDrawer({ id, open, onClose, onRestore }: { id: string; open: boolean; onClose: () => void; onRestore: (p: Proposal) => void }) {
  return (
    <Drawer title="历史版本" open={open} onClose={onClose} size={420} destroyOnHidden>
      <Typography.Paragraph type="secondary">每次保存都会留下快照（两分钟内的多次保存合并为一个）。</Typography.Paragraph>
      <ConflictRevisions id={id} onRestore={onRestore} />
      <RevisionList id={id} onRestore={onRestore} />
    </Drawer>
  );
}

/** Mounted each time the drawer opens, so the list is always fresh. */
function RevisionList({ id, onRestore }: { id: string; onRestore: (p: Proposal) => void }) {
  const [items, setItems] = useState<RevisionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .call('proposal.revisions', { id })
      .then((r) => setItems(r.items))
      .catch((e) => setError(errorText(e)));
  }, [id]);

  return (
    <>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <List<RevisionInfo>
        loading={items === null && !error}
        dataSource={items ?? []}
        renderItem={(r, i) => (
          <List.Item
            actions={[
              i === 0 ? (
                <Typography.Text type="secondary" key="current">
                  当前
                </Typography.Text>
              ) : (
                <Button key="restore" size="small" onClick={async () => onRestore(await api.call('proposal.revision', { id, rev: r.rev }))}>
                  恢复此版本
                </Button>
              ),
            ]}
          >
            <List.Item.Meta title={dateTime(r.savedAt)} description={`${r.title || '（未命名）'} · ${r.chars} 字`} />
          </List.Item>
        )}
      />
    </>
  );
}
