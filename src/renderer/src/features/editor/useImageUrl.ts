import { useContext, useEffect, useState } from 'react';
import { base64ToBlob } from '../../util/files';
import { EditorContext } from './EditorContext';
import { LIBRARY_SOURCE } from './ProposalSource';

const cache = new Map<string, Promise<string>>();

/** A blob URL for a picture, read once per session from the open proposal's source (outside the editor: the library). */
export function useImageUrl(sha256: string): string | null {
  const source = useContext(EditorContext)?.source ?? LIBRARY_SOURCE;
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // The workshop keeps its pictures in its own library, so each source has its own entries.
    const key = `${source.kind}:${sha256}`;
    let p = cache.get(key);
    if (!p) {
      p = source.image(sha256).then((img) => URL.createObjectURL(base64ToBlob(img.dataBase64, img.mime)));
      p.catch(() => cache.delete(key));
      cache.set(key, p);
    }
    p.then((u) => live && setUrl(u)).catch(() => live && setUrl(null));
    return () => {
      live = false;
    };
  }, [sha256, source]);
  return url;
}
