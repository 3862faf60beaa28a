import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RevisionInfo } from '../../../../shared/api/methods/proposals';
import { SECTIONS } from '../../../../shared/domain/catalog';
import type { Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { dateTime, yuan } from '../../util/format';
import { ConflictRevisions } from '../sync/ConflictRevisions';
import { SubmitRevisions } from '../review/SubmitRevisions';

interface Props {
  id: string;
  /** The draft as it is now: the preview marks what the old version has otherwise. */
  current: Proposal;
  open: boolean;
  onClose: () => void;
  onRestore: (p: Proposal) => void;
}

/**
 * The saved snapshots of a proposal. A version is previewed before it is restored (restoring
 * replaces the whole draft, so the user should see what they get); restoring makes it the current
 * draft, itself saved as a new version.
 */
export function RevisionsDrawer({ id, current, open, onClose, onRestore }: Props) {
  const [preview, setPreview] = useState<{ info: RevisionInfo; proposal: Proposal } | null>(null);
  return (
    <Drawer
      title={preview ? `历史版本：${dateTime(preview.info.savedAt)}` : '历史版本'}
      open={open}
      onClose={() => (setPreview(null), onClose())}
      size={preview ? 640 : 560}
      destroyOnHidden
      extra={
        preview && (
          <Space>
            <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => setPreview(null)}>
              返回列表
            </Button>
            <Button type="primary" onClick={() => (setPreview(null), onRestore(preview.proposal))}>
              恢复此版本
            </Button>
          </Space>
        )
      }
    >
      {preview ? (
        <RevisionPreview old={preview.proposal} current={current} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">每次保存都会留下快照（两分钟内的多次保存合并为一个）。先预览，确认后再恢复。</Typography.Paragraph>
          <ConflictRevisions id={id} onRestore={onRestore} />
          <SubmitRevisions id={id} />
          <Typography.Title level={5}>保存快照</Typography.Title>
          <RevisionList id={id} onPreview={(info, proposal) => setPreview({ info, proposal })} />
        </>
      )}
    </Drawer>
  );
}

/** Mounted each time the drawer opens, so the list is always fresh. */
function RevisionList({ id, onPreview }: { id: string; onPreview: (info: RevisionInfo, p: Proposal) => void }) {
  const [items, setItems] = useState<RevisionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .call('proposal.revisions', { id })
      .then((r) => setItems(r.items))
      .catch((e) => setError(errorText(e)));
  }, [id]);

  const open = async (r: RevisionInfo) => {
    try {
      onPreview(r, await api.call('proposal.revision', { id, rev: r.rev }));
    } catch (e) {
      setError(errorText(e));
    }
  };

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
                <Button key="preview" size="small" aria-label={`预览 ${dateTime(r.savedAt)} 的版本`} onClick={() => void open(r)}>
                  预览
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

const Changed = ({ when }: { when: boolean }) => (when ? <Tag color="orange">与当前不同</Tag> : null);

/** The old version read-only: its title, summary, every section and the budget, with what differs from now marked. */
function RevisionPreview({ old, current }: { old: Proposal; current: Proposal }) {
  const total = (p: Proposal) => p.budget.lines.reduce((n, l) => n + l.amountFen, 0);
  const budgetChanged = JSON.stringify(old.budget) !== JSON.stringify(current.budget);
  return (
    <div className="revision-preview" data-testid="revision-preview">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="项目名称">
          {old.title || '（未命名）'} <Changed when={old.title !== current.title} />
        </Descriptions.Item>
        <Descriptions.Item label="一句话简介">
          {old.summary || '—'} <Changed when={old.summary !== current.summary} />
        </Descriptions.Item>
        <Descriptions.Item label="预算">
          {old.budget.lines.length} 项，合计 {yuan(total(old))} 元 <Changed when={budgetChanged} />
        </Descriptions.Item>
      </Descriptions>
      {SECTIONS.map((s) => (
        <section key={s.id} aria-label={`历史版本：${s.label}`}>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {s.label} <Changed when={old.sections[s.id].text !== current.sections[s.id].text} />
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} type={old.sections[s.id].text ? undefined : 'secondary'}>
            {old.sections[s.id].text || '（空）'}
          </Typography.Paragraph>
        </section>
      ))}
    </div>
  );
}
