import { api } from '../../api';
import { download } from '../../util/files';

/** Export the given proposals (all when ids is null) as a .shance file the user can send on. */
export async function exportBundle(ids: string[] | null): Promise<{ fileName: string; count: number }> {
  const res = await api.call('bundle.export', { ids });
  download(res.fileName, res.dataBase64, 'application/zip');
  return { fileName: res.fileName, count: res.count };
}
