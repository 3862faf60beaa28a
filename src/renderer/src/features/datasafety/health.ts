import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import { api } from '../../api';

export type LibraryHealth = MethodOutput<'library.health'>;

/** The library's health and backups as the core reports them; `reload` after a backup or restore. */
export function useLibraryHealth(): { health: LibraryHealth | null; reload: () => void } {
  const [health, setHealth] = useState<LibraryHealth | null>(null);
  const [key, setKey] = useState(0);
  useEffect(() => {
    let live = true;
    api
      .call('library.health', {})
      .then((h) => live && setHealth(h))
      // Health is advisory: if it cannot be read, the screens work as before.
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [key]);
  const reload = useCallback(() => setKey((k) => k + 1), []);
  return { health, reload };
}
