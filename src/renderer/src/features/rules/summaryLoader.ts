import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import { api } from '../../api';
import { errorText } from '../../util/errors';

export type PackSummary = MethodOutput<'rules.summaries'>['items'][number]['packs'][number];

type Loaded = { packs: PackSummary[] | null; error: string | null };
type Waiter = (r: Loaded) => void;

/**
 * The library table asks for each row's summary as the row renders; the rows of one page are
 * gathered and fetched in one `rules.summaries` call. A summary is kept while the proposal is
 * unchanged (same updatedAt) and the packs are too (see forgetSummaries).
 */
const cache = new Map<string, Loaded>();
const queued = new Map<string, { key: string; waiters: Waiter[] }>();
let flushing: ReturnType<typeof setTimeout> | null = null;

async function flush(): Promise<void> {
  flushing = null;
  const batch = [...queued.entries()];
  queued.clear();
  let loaded: Map<string, PackSummary[]>;
  try {
    const { items } = await api.call('rules.summaries', { ids: batch.map(([id]) => id) });
    loaded = new Map(items.map((i) => [i.id, i.packs]));
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

function load(id: string, key: string, waiter: Waiter): void {
  const hit = cache.get(key);
  if (hit) return waiter(hit);
  const q = queued.get(id);
  if (q && q.key === key) q.waiters.push(waiter);
  else queued.set(id, { key, waiters: [waiter] });
  flushing ??= setTimeout(() => void flush(), 0);
}

/** After a pack import or pin every result may differ. */
export function forgetSummaries(): void {
  cache.clear();
}

export function useRulesSummary(id: string, updatedAt: string): Loaded | null {
  const key = `${id}|${updatedAt}`;
  const [state, setState] = useState<{ key: string; value: Loaded } | null>(() => {
    const hit = cache.get(key);
    return hit ? { key, value: hit } : null;
  });
  useEffect(() => {
    let live = true;
    load(id, key, (value) => live && setState({ key, value }));
    return () => {
      live = false;
    };
  }, [id, key]);
  return state?.key === key ? state.value : null;
}
