import { RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../../shared/api/client';
import type { MergeStatus } from '../../../../shared/api/methods/dedupe';
import { api } from '../../api';
import { navigate } from '../../router';
import { errorText } from '../../util/errors';
import { useEditorApi } from '../editor/EditorContext';
import { useAsyncHandler } from '../../util/asyncHandler';

/** After an edit, ask again once the autosave (800 ms after the last change) has had time to land. */
const RECHECK_MS = 2_000;

type Status = { kind: 'ok'; value: MergeStatus } | { kind: 'gone' } | { kind: 'error'; message: string };

function SourceLinks({ sources }: { sources: readonly { id: string; title: string; district: string }[] }) {
  return (
    <>
      {sources.map((s, i) => (
        <span key={s.id}>
          {i > 0 && '、'}
          <a href={`#/p/${s.id}`}>
            {s.district ? `${s.district}` : ''}「{s.title || '未命名'}」
          </a>
        </span>
      ))}
    </>
  );
}

/** A brand project: where it came from, and 撤销合并 while nothing has been changed since. */
function BrandNotice() {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const { draft } = useEditorApi();
  const [status, setStatus] = useState<Status | null>(null);
  const [undoing, setUndoing] = useState(false);
  const id = draft.id;
  const updatedAt = draft.updatedAt;
  const [openedAt] = useState(updatedAt);

  useEffect(() => {
    let live = true;
    const check = () =>
      api
        .call('merge.status', { brandId: id })
        .then((value) => live && setStatus({ kind: 'ok', value }))
        .catch((e) => live && setStatus(e instanceof ApiError && e.code === 'NOT_FOUND' ? { kind: 'gone' } : { kind: 'error', message: errorText(e) }));
    // The first look is immediate; after an edit, wait for it to be saved.
    const t = setTimeout(() => void check(), updatedAt === openedAt ? 0 : RECHECK_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [id, updatedAt, openedAt]);

  const undo = async () => {
    setUndoing(true);
    try {
      const r = await api.call('merge.undo', { brandId: id });
      navigate({ name: 'library' });
      message.success(`已撤销合并：${r.restored.length} 个来源项目已恢复为合并前的内容，品牌项目已移入回收站`, 8);
    } catch (e) {
      message.error(errorText(e));
      setUndoing(false);
    }
  };

  const s = status?.kind === 'ok' ? status.value : null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="brand-notice"
      title={
        <span>
          品牌项目：由 {draft.brandSources.length} 个项目合并而成 —— <SourceLinks sources={draft.brandSources} />
        </span>
      }
      description={
        status === null ? (
          '正在查询合并记录…'
        ) : status.kind === 'gone' ? (
          '没有找到合并记录，不能撤销合并。'
        ) : status.kind === 'error' ? (
          `无法查询合并记录：${status.message}`
        ) : s?.canUndo ? (
          <Space wrap>
            <span>品牌项目还没有修改，可以撤销合并：来源项目恢复为合并前的样子，品牌项目移入回收站。开始修改品牌项目后就不能撤销了。</span>
            <Popconfirm
              title="撤销合并？"
              description="来源项目将恢复为合并前的内容和状态，品牌项目移入回收站。"
              okText="撤销合并"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={handle(undo)}
            >
              <Button size="small" danger icon={<RollbackOutlined aria-hidden />} loading={undoing}>
                撤销合并
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          `不能再撤销合并：${s?.reason ?? ''}`
        )
      }
    />
  );
}

/** A merged source: it stays readable, and points to the brand project it became part of. */
function MergedSourceNotice({ brandId }: { brandId: string }) {
  const [brand, setBrand] = useState<{ for: string; title: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    api
      .call('proposal.get', { id: brandId })
      .then((p) => live && setBrand({ for: brandId, title: p.title }))
      .catch(() => live && setBrand({ for: brandId, title: null }));
    return () => {
      live = false;
    };
  }, [brandId]);
  const title = brand?.for === brandId ? brand.title : undefined;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="merged-notice"
      title={
        <span>
          此项目已合并到品牌项目<a href={`#/p/${brandId}`}>「{title ?? (title === null ? '品牌项目' : '…')}」</a>
        </span>
      }
      description={
        title === null
          ? '品牌项目已不存在或在回收站中。'
          : '原文保留供查阅，后续的修改请在品牌项目中进行。修改此项目会使合并无法撤销。'
      }
    />
  );
}

/** Above the editor's form: for brand projects and for the proposals merged into one. */
export function MergeNotice() {
  const { draft } = useEditorApi();
  if (draft.mergedInto) return <MergedSourceNotice brandId={draft.mergedInto} />;
  if (draft.brandSources.length > 0) return <BrandNotice />;
  return null;
}
