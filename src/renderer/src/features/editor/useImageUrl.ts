import { useEffect, useState } from 'react';
import { api } from '../../api';
import { base64ToBlob } from '../../util/files';

const cache = new Map<string, Promise<string>>();

/** A blob URL for a library image, fetched once per session. */
export function useImageUrl(sha256: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let p = cache.get(sha256);
    if (!p) {
      p = api.call('image.get', { sha256 }).then((img) => URL.createObjectURL(base64ToBlob(img.dataBase64, img.mime)));
      p.catch(() => cache.delete(sha256));
      cache.set(sha256, p);
    }
    p.then((u) => live && setUrl(u)).catch(() => live && setUrl(null));
    return () => {
      live = false;
    };
  }, [sha256]);
  return url;
}
