import type { MethodInput, MethodOutput } from '../../../../shared/api/contract';
import { api } from '../../api';
import { download } from '../../util/files';

type BundleExport = (input: MethodInput<'bundle.export'>) => Promise<MethodOutput<'bundle.export'>>;

/**
 * Export the given proposals (all when ids is null) as a .shance file the user can send on. `run`:
 * how to call the core, e.g. as a job with progress and 取消 (a whole library takes a while); the
 * file is handed over only once it is complete, so a cancelled export leaves no partial file.
 */
export async function exportBundle(ids: string[] | null, run: BundleExport = (input) => api.call('bundle.export', input)): Promise<{ fileName: string; count: number }> {
  const res = await run({ ids });
  download(res.fileName, res.dataBase64, 'application/zip');
  return { fileName: res.fileName, count: res.count };
}
