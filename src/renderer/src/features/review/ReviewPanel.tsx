import { Alert, App, Badge, Button, Empty, Input, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { ReviewCommentItem, ReviewState } from '../../../../shared/api/methods/review';
import { SECTIONS, sectionLabel, statusLabel, type SectionId } from '../../../../shared/domain/catalog';
import { reviewActionLabel, reviewRoleLabel } from '../../../../shared/review/actions';
import { api } from '../../api';
import { useBusyAction } from '../../util/busyAction';
import { errorText } from '../../util/errors';
import { download } from '../../util/files';
import { ZIP_MIME } from '../export/exportFiles';
import { dateTime } from '../../util/format';
import { useEditorApi } from '../editor/EditorContext';
import { ReviewResultsFile } from './ReviewResultsFile';
import { announceReviewChange, useReviewState } from './useReviewState';

/** The 审核 tab's label, with the number of open comments. */
export function ReviewTabLabel() {
  const { draft, source } = useEditorApi();
  return source.kind === 'library' ? <OpenCount id={draft.id} /> : <>审核</>;
}

function OpenCount({ id }: { id: string }) {
  const { state } = useReviewState(id);
  const open = state?.comments.filter((c) => !c.resolvedAt).length ?? 0;
  return (
    <Badge count={open} size="small" offset={[8, -2]}>
      审核
    </Badge>
  );
}

/** Comments beside the sections they are about, the form to add one, and the transition log. */
export function ReviewPanel() {
  const { draft, source, focusedField, jumpTo } = useEditorApi();
  if (source.kind !== 'library') return <Typography.Text type="secondary">培训模式中没有审核。</Typography.Text>;
  return <ReviewDetails id={draft.id} focusedField={focusedField} jumpTo={jumpTo} />;
}

/**
 * Comments, the comment form for a reviewer, the log and the dossier. In the editor, a section name
 * jumps to the passage and the form follows the section being read; on another district's read-only
 * page (a reviewer's desk that syncs) there is no form to jump to.
 */
export function ReviewDetails({ id, focusedField = null, jumpTo }: { id: string; focusedField?: string | null; jumpTo?: (field: string) => void }) {
  const { state, error } = useReviewState(id);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!state) return null;
  return (
    <div data-testid="review-panel">
      {state.actor.role === 'reviewer' && (state.revisions.length > 0 || state.status === 'submitted' || state.status === 'reviewing') && <CommentForm id={id} focusedField={focusedField} />}
      <Typography.Title level={5}>批注</Typography.Title>
      <CommentList state={state} jumpTo={jumpTo} />
      <Space style={{ marginTop: 16, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          审核记录
        </Typography.Title>
        <DossierButton id={id} />
      </Space>
      <div style={{ margin: '8px 0' }}>
        <ReviewResultsFile state={state} />
      </div>
      {state.log.length === 0 ? (
        <Typography.Text type="secondary">尚未提交审核。</Typography.Text>
      ) : (
        <Timeline
          items={state.log.map((e) => ({
            key: e.seq,
            content: (
              <div>
                <Typography.Text strong>{reviewActionLabel(e.action)}</Typography.Text>（{statusLabel(e.from)} → {statusLabel(e.to)}
                {e.revision !== null && `，第 ${e.revision} 版`}）
                <br />
                <Typography.Text type="secondary">
                  {reviewRoleLabel(e.role)} {e.by} · {dateTime(e.at)}
                  {e.verified === false && <Tag color="red">签名未通过核验</Tag>}
                  {e.origin === 'server' && <Tag>经总会服务器</Tag>}
                </Typography.Text>
                {e.reason && <div>理由：{e.reason}</div>}
              </div>
            ),
          }))}
        />
      )}
    </div>
  );
}

/** 审核档案: everything about the proposal's review, for an auditor, as one zip. */
function DossierButton({ id }: { id: string }) {
  const { message } = App.useApp();
  const [busy, runBusy] = useBusyAction();
  const save = () =>
    runBusy(async () => {
      const file = await api.call('review.dossier', { id });
      download(file.fileName, file.dataBase64, ZIP_MIME);
      message.success(`已导出审核档案：${file.fileName}`);
    });
  return (
    <Button size="small" loading={busy} onClick={() => void save()} data-testid="review-dossier">
      导出审核档案
    </Button>
  );
}

/** Grouped by section, in form order; the district can jump to the passage and answer. */
function CommentList({ state, jumpTo }: { state: ReviewState; jumpTo?: (field: string) => void }) {
  if (state.comments.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有批注" />;
  const bySection = SECTIONS.map((s) => ({ s, items: state.comments.filter((c) => c.section === s.id) })).filter((g) => g.items.length);
  return (
    <>
      {bySection.map(({ s, items }) => (
        <section key={s.id} aria-label={`批注：${s.label}`} style={{ marginBottom: 12 }}>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => jumpTo?.(`sections.${s.id}`)}>
            {s.label}
          </Button>
          {items.map((c) => (
            <CommentItem key={c.id} c={c} state={state} />
          ))}
        </section>
      ))}
    </>
  );
}

function CommentItem({ c, state }: { c: ReviewCommentItem; state: ReviewState }) {
  const { message } = App.useApp();
  const [answer, setAnswer] = useState('');
  const resolve = async () => {
    try {
      await api.call('review.resolveComment', { id: state.id, commentId: c.id, answer });
      announceReviewChange(state.id);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <div className="review-comment" data-testid="review-comment" style={{ borderLeft: '3px solid #faad14', paddingLeft: 8, margin: '6px 0' }}>
      {c.quote && <Typography.Text type="secondary">「{c.quote}」</Typography.Text>}
      <div>{c.body}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.by} · 第 {c.revision} 版 · {dateTime(c.at)}
      </Typography.Text>{' '}
      {c.resolvedAt ? (
        <Tag color="green">已处理：{c.resolution}</Tag>
      ) : (
        state.actor.role === 'district' && (
          <Space.Compact size="small" style={{ display: 'flex', marginTop: 4 }}>
            <Input aria-label="答复" placeholder="答复（可选）" value={answer} onChange={(e) => setAnswer(e.target.value)} />
            <Button onClick={() => void resolve()}>标记已处理</Button>
          </Space.Compact>
        )
      )}
    </div>
  );
}

/** The section a node of the page belongs to, from the nearest `data-section` around it. */
function sectionOf(node: Node | null): SectionId | null {
  const el = node instanceof Element ? node : (node?.parentElement ?? null);
  const id = el?.closest<HTMLElement>('[data-section]')?.dataset.section;
  return SECTIONS.find((s) => s.id === id)?.id ?? null;
}

/** A reviewer comments on the latest revision: the section, the passage (selected in the form, or typed), the comment. */
function CommentForm({ id, focusedField }: { id: string; focusedField: string | null }) {
  const { message } = App.useApp();
  const focusedSection = focusedField?.startsWith('sections.') ? (focusedField.slice(9) as SectionId) : null;
  const [section, setSection] = useState<SectionId | null>(null);
  const [quote, setQuote] = useState('');
  const [body, setBody] = useState('');
  const chosen = section ?? focusedSection ?? 'background';
  const takeSelection = () => {
    const selection = window.getSelection();
    const text = selection?.toString().trim() ?? '';
    if (!text) {
      message.info('请先在正文中选中一段文字');
      return;
    }
    setQuote(text);
    // On a read-only page nothing has focus: the section is the one the passage was selected in.
    const inSection = sectionOf(selection?.anchorNode ?? null);
    if (inSection) setSection(inSection);
  };
  const send = async () => {
    try {
      await api.call('review.comment', { id, section: chosen, quote, body });
      setQuote('');
      setBody('');
      announceReviewChange(id);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <div style={{ marginBottom: 16 }} aria-label="添加批注" role="group">
      <Space direction="vertical" style={{ width: '100%' }} size={6}>
        <Select aria-label="批注章节" value={chosen} onChange={setSection} options={SECTIONS.map((s) => ({ value: s.id, label: s.label }))} style={{ width: '100%' }} />
        <Space.Compact style={{ width: '100%' }}>
          <Input aria-label="引用的文字" placeholder={`引用${sectionLabel(chosen)}中的文字`} value={quote} onChange={(e) => setQuote(e.target.value)} />
          <Button onMouseDown={(e) => e.preventDefault()} onClick={takeSelection}>
            引用所选
          </Button>
        </Space.Compact>
        <Input.TextArea aria-label="批注内容" rows={3} placeholder="批注内容" value={body} onChange={(e) => setBody(e.target.value)} />
        <Button type="primary" size="small" disabled={!body.trim()} onClick={() => void send()}>
          添加批注
        </Button>
      </Space>
    </div>
  );
}
