import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import { api } from '../../api';
import { errorText } from '../../util/errors';

export type PackSummary = MethodOutput<'rules.summaries'>['items'][number]['packs'][number];

export type Loaded = { packs: PackSummary[] | null; error: string | null };
type Waiter = (r: Loaded) => void;

type Fetch = (ids: string[]) => Promise<Map<string, PackSummary[]>>;

/**
 * The library table asks for each row's summary as the row renders; the rows of one page are
 * gathered and fetched in one `rules.summaries` call. A summary is kept while the proposal is
 * unchanged (same updatedAt) and the packs are too (see forget).
 */
export function createSummaryLoader(fetchSummaries: Fetch) {
  const cache = new Map<string, Loaded>();
  const queued = new Map<string, { key: string; waiters: Waiter[] }>();
  let flushing: ReturnType<typeof setTimeout> | null = null;

  async function flush(): Promise<void> {
    flushing = null;
    const batch = [...queued.entries()];
    queued.clear();
    let loaded: Map<string, PackSummary[]>;
    try {
      loaded = await fetchSummaries(batch.map(([id]) => id));
    } catch (e) {
      const failed: Loaded = { packs: null, error: errorText(e) };
      for (const [, { waiters }] of batch) waiters.forEach((w) => w(failed));
      return;
    }
    for (const [id, { key, waiters }] of batch) {
      const r: Loaded = { packs: loaded.get(id) ?? null, error: null };
      cache.set(key, r);
      waiters.forEach((w) => w(r));
    }
  }

  return {
    cached: (key: string): Loaded | undefined => cache.get(key),
    /** `key` is the id and updatedAt: a proposal saved since is asked again. */
    load(id: string, key: string, waiter: Waiter): void {
      const hit = cache.get(key);
      if (hit) return waiter(hit);
      const q = queued.get(id);
      if (q && q.key === key) q.waiters.push(waiter);
      else queued.set(id, { key, waiters: [waiter] });
      flushing ??= setTimeout(() => void flush(), 0);
    },
    forget(): void {
      cache.clear();
    },
  };
}

const loader = createSummaryLoader(async (ids) => {
  const { items } = await api.call('rules.summaries', { ids });
  return new Map(items.map((i) => [i.id, i.packs]));
});

/** After a pack import or pin every result may differ. */
export function forgetSummaries(): void {
  loader.forget();
}

export function useRulesSummary(id: string, updatedAt: string): Loaded | null {
  const key = `${id}|${updatedAt}`;
  const [state, setState] = useState<{ key: string; value: Loaded } | null>(() => {
    const hit = loader.cached(key);
    return hit ? { key, value: hit } : null;
  });
  useEffect(() => {
    let live = true;
    loader.load(id, key, (value) => live && setState({ key, value }));
    return () => {
      live = false;
    };
  }, [id, key]);
  return state?.key === key ? state.value : null;
}
