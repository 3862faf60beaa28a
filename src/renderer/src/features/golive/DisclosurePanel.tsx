import { App, Button, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { DueItemOut } from '../../../../shared/api/methods/golive';
import { platformLabel } from '../../../../shared/domain/catalog';
import { DISCLOSURE_KIND_LABELS } from '../../../../shared/domain/disclosureLabels';
import type { Disclosure, Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { download } from '../../util/files';
import { yuan } from '../../util/format';
import { useEditorApi } from '../editor/EditorContext';
import { DisclosureEditor, emptyDisclosure } from './DisclosureEditor';
import { ClockTag, StateTag } from './dueTags';
import { FundsImportButton } from './FundsImport';
import { PublishTexts } from './PublishTexts';
import { useAsyncHandler } from '../../util/asyncHandler';

const LIVE = new Set(['live', 'ended']);

/**
 * 披露与筹款 (editor panel): money raised per platform with the import of donation exports, this
 * project's disclosure calendar, and its disclosure records with each platform's text and marks.
 */
export function DisclosurePanel() {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const { draft, edit } = useEditorApi();
  const [calendar, setCalendar] = useState<DueItemOut[] | null>(null);
  const [editing, setEditing] = useState<Disclosure | null>(null);
  const [texts, setTexts] = useState<string | null>(null);

  // Writes go through their own methods; the editor's copy takes the stored listings and records.
  const synced = useCallback((saved: Pick<Proposal, 'listings' | 'disclosures'>) => edit((d) => ({ ...d, listings: saved.listings, disclosures: saved.disclosures })), [edit]);
  const reload = useCallback(async () => {
    try {
      const p = await api.call('proposal.get', { id: draft.id });
      synced(p);
      setCalendar((await api.call('disclosure.calendar', { id: draft.id })).items);
    } catch (e) {
      message.error(errorText(e));
    }
  }, [draft.id, synced, message]);
  const marks = draft.disclosures.map((d) => d.publications.length).join(',');
  useEffect(() => {
    api
      .call('disclosure.calendar', { id: draft.id })
      .then((r) => setCalendar(r.items))
      .catch(() => setCalendar([]));
  }, [draft.id, marks, draft.listings]);

  const live = draft.listings.filter((l) => LIVE.has(l.status));
  const raised = draft.listings.reduce((s, l) => s + (l.raisedFen ?? 0), 0);
  const remove = async (id: string) => {
    try {
      synced(await api.call('disclosure.remove', { id: draft.id, disclosureId: id }));
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const finalDocx = async (id: string) => {
    try {
      const f = await api.call('disclosure.finalDocx', { id: draft.id, disclosureId: id });
      download(f.fileName, f.dataBase64, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    } catch (e) {
      message.error(errorText(e));
    }
  };

  if (live.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="项目上线后（在「上线跟踪」中登记上线日期），这里会列出筹款和信息披露日程。" />;
  return (
    <div className="golive-panel" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <section aria-label="筹款">
        <Typography.Text strong>
          已筹 {yuan(raised)} 元{draft.targetFen ? ` / 目标 ${yuan(draft.targetFen)} 元` : ''}
        </Typography.Text>
        {live.map((l, i) => (
          <div key={`${l.platform}:${i}`} data-platform={l.platform} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 4 }}>
            <span>
              {platformLabel(l.platform)}：{l.raisedFen === null ? '未登记' : `${yuan(l.raisedFen)} 元，${l.donationCount ?? 0} 笔`}
            </span>
            <FundsImportButton proposalId={draft.id} platform={l.platform} onImported={handle(reload)} />
          </div>
        ))}
      </section>
      <section aria-label="披露日程">
        <Typography.Text strong>披露日程</Typography.Text>
        {calendar?.length === 0 && <Typography.Paragraph type="secondary">没有待披露的期限。</Typography.Paragraph>}
        {calendar?.map((i) => (
          <div key={`${i.clock}:${i.platform ?? ''}`} style={{ marginTop: 4 }}>
            <Space size={4} wrap>
              <span>{i.due}</span>
              <StateTag item={i} />
              <ClockTag item={i} />
            </Space>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {i.reason}
            </Typography.Text>
          </div>
        ))}
      </section>
      <section aria-label="信息披露记录">
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text strong>信息披露</Typography.Text>
          <Button size="small" onClick={() => setEditing(emptyDisclosure())}>
            新建披露
          </Button>
        </Space>
        {draft.disclosures.map((d) => (
          <div key={d.id} className="listing-card" data-disclosure={d.id}>
            <Space size={4} wrap>
              <Tag>{DISCLOSURE_KIND_LABELS[d.kind]}</Tag>
              <span>
                {d.period.start ?? '?'} 至 {d.period.end ?? '?'}
              </span>
            </Space>
            <div style={{ margin: '4px 0' }}>
              {d.publications.length === 0 ? <Tag>未发布</Tag> : d.publications.map((m) => <Tag key={m.target} color="green">{`${m.target === 'cishanchina' ? '慈善中国' : platformLabel(m.target)} 已发布 ${m.date}`}</Tag>)}
            </div>
            <Space size={4}>
              <Button size="small" type="primary" onClick={() => setTexts(d.id)}>
                生成各平台文本
              </Button>
              <Button size="small" onClick={() => setEditing(d)}>
                修改
              </Button>
              {d.kind === 'final' && (
                <Button size="small" onClick={handle(() => finalDocx(d.id))}>
                  结项报告 DOCX
                </Button>
              )}
              {d.publications.length === 0 && (
                <Popconfirm title="删除这份披露记录？" okText="删除" cancelText="取消" onConfirm={handle(() => remove(d.id))}>
                  <Button size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              )}
            </Space>
          </div>
        ))}
      </section>
      {editing && (
        <DisclosureEditor
          proposal={draft}
          initial={editing}
          onClose={() => setEditing(null)}
          onSaved={(p, warnings) => {
            synced(p);
            setEditing(null);
            for (const w of warnings) message.warning(w);
          }}
        />
      )}
      {texts && <PublishTexts proposal={draft} disclosureId={texts} onClose={() => setTexts(null)} onSaved={synced} />}
    </div>
  );
}
