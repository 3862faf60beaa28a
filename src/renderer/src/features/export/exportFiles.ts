import type { MethodInput, MethodOutput } from '../../../../shared/api/contract';
import type { PlatformId } from '../../../../shared/domain/catalog';
import type { Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { download } from '../../util/files';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ZIP_MIME = 'application/zip';

export interface FilePart {
  fileName: string;
  dataBase64: string;
}

/**
 * The internal review copy (内部审核稿); null platforms: the proposal's target platforms. `overrides`:
 * the reasons given for exporting platforms with errors, which the copy lists.
 */
export function reviewCopy(id: string, platforms: PlatformId[] | null, overrides: Partial<Record<PlatformId, string>> = {}): Promise<FilePart> {
  return api.call('export.review', { id, platforms, overrides });
}

export async function downloadReview(id: string, platforms: PlatformId[] | null, overrides: Partial<Record<PlatformId, string>> = {}): Promise<string> {
  const file = await reviewCopy(id, platforms, overrides);
  download(file.fileName, file.dataBase64, DOCX_MIME);
  return file.fileName;
}

type Combine = (input: MethodInput<'export.combine'>) => Promise<MethodOutput<'export.combine'>>;

/**
 * Several packs (and the review copy) as one zip, built by the core; `combine` may run it as a job.
 * The file is handed over only once complete, so a cancelled export leaves no partial file.
 */
export async function downloadCombined(name: string, parts: FilePart[], combine: Combine = (input) => api.call('export.combine', input)): Promise<string> {
  const file = await combine({ name, parts });
  download(file.fileName, file.dataBase64, ZIP_MIME);
  return file.fileName;
}

/**
 * Exports read the stored proposal, so the editor saves what is on screen first (rather than wait
 * for its autosave). The autosave will save the same copy again, which is harmless: same edit time.
 * Returns a notice when the library held a newer copy, which is then what gets exported.
 */
export async function saveBeforeExport(draft: Proposal): Promise<string | null> {
  const r = await api.call('proposal.save', { proposal: draft });
  return r.stale ? '此项目在别处有更新的修改：导出的是项目库中最新保存的内容，编辑器稍后会载入它。' : null;
}
