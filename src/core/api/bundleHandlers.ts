import { readBundle } from '../bundle/readBundle';
import type { Handlers } from './dispatch';
import type { CoreContext } from './context';

function bundleFileName(count: number): string {
  const d = new Date();
  const stamp = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
  return `善策项目-${count}个-${stamp}.shance`;
}

export function bundleHandlers({ lib }: CoreContext): Pick<Handlers, 'bundle.export' | 'bundle.inspect' | 'bundle.import'> {
  return {
    'bundle.export': ({ ids }) => {
      const { bytes, count } = lib.exportBundle(ids);
      return { fileName: bundleFileName(count), dataBase64: Buffer.from(bytes).toString('base64'), count };
    },
    'bundle.inspect': async ({ dataBase64 }) => {
      const source = await readBundle(Buffer.from(dataBase64, 'base64'));
      return {
        proposals: source.proposals.map((p) => ({ id: p.id, title: p.title, district: p.district, status: p.status, updatedAt: p.updatedAt })),
        conflicts: lib.conflicts(source),
      };
    },
    'bundle.import': async ({ dataBase64, resolutions }) => {
      const source = await readBundle(Buffer.from(dataBase64, 'base64'));
      return lib.importSource(source, resolutions);
    },
  };
}
