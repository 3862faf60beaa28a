import { CloudUploadOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../api';
import { useEditorApi } from '../editor/EditorContext';
import { ExportDialog, type Prepare } from './ExportDialog';
import { downloadReview, saveBeforeExport } from './exportFiles';
import { useAsyncHandler } from '../../util/asyncHandler';
import { useBusyAction } from '../../util/busyAction';

/** 导出到平台 in the editor's top bar: saves what is on screen, then opens the dialog. */
export function EditorExportAction() {
  const { draft, latestDraft } = useEditorApi();
  const [open, setOpen] = useState(false);
  const prepare: Prepare = useCallback(async () => {
    const current = latestDraft();
    return { title: current.title, notice: await saveBeforeExport(current) };
  }, [latestDraft]);
  return (
    <>
      <Button type="primary" icon={<CloudUploadOutlined aria-hidden />} onClick={() => setOpen(true)}>
        导出到平台
      </Button>
      {open && <ExportDialog id={draft.id} prepare={prepare} onClose={() => setOpen(false)} />}
    </>
  );
}

/** 内部审核稿 in the editor's top bar: the official-layout DOCX reviewers print, for the target platforms. */
export function EditorReviewAction() {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const { draft, latestDraft } = useEditorApi();
  const [busy, runBusy] = useBusyAction();
  const run = () =>
    runBusy(async () => {
      const notice = await saveBeforeExport(latestDraft());
      if (notice) message.warning(notice);
      message.success(`已生成：${await downloadReview(draft.id, null)}`);
    });
  return (
    <Button icon={<FileWordOutlined aria-hidden />} loading={busy} onClick={handle(run)}>
      内部审核稿
    </Button>
  );
}

/** 导出到平台 in the library's toolbar, for the one proposal ticked in the list. */
export function LibraryExportAction({ selected }: { reload: () => void; selected: string[] }) {
  const [open, setOpen] = useState<string | null>(null);
  const prepare: Prepare = useCallback(async () => {
    const p = await api.call('proposal.get', { id: open! });
    return { title: p.title, notice: null };
  }, [open]);
  const one = selected.length === 1 ? selected[0]! : null;
  return (
    <>
      <Tooltip title={one ? undefined : '勾选一个项目后，可将它导出到各平台'}>
        <Button icon={<CloudUploadOutlined aria-hidden />} disabled={!one} onClick={() => setOpen(one)}>
          导出到平台
        </Button>
      </Tooltip>
      {open && <ExportDialog id={open} prepare={prepare} onClose={() => setOpen(null)} />}
    </>
  );
}
