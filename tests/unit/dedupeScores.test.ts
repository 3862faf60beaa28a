import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { defaultTemplatesDir } from '../../src/core/paths';
import type { Envelope } from '../../src/shared/api/contract';
import { cjkText } from './helpers/dedupeText';
import { makeProposal } from './helpers/proposals';
import { tmpLibrary } from './helpers/tmp';

/** Real-looking sections, and copies that keep a varying share of them. */
const sections = (seed: number) => ({ background: cjkText(seed, 900), plan: cjkText(seed + 1, 700), goals: cjkText(seed + 2, 300) });
const edited = (seed: number, keep: number, extra: number) => {
  const s = sections(seed);
  const cut = (t: string) => t.slice(0, Math.round(t.length * keep)) + cjkText(extra, Math.round(t.length * (1 - keep)));
  return { background: cut(s.background), plan: cut(s.plan), goals: s.goals };
};

describe('one score for one pair, wherever it is shown', () => {
  it('the live panel, the report and 对照 give the same score', async () => {
    const lib = tmpLibrary();
    lib.proposals.insert(makeProposal({ id: 'orig', title: '原项目', sections: sections(1) }));
    for (const [i, keep] of [0.9, 0.7, 0.55].entries()) {
      lib.proposals.insert(makeProposal({ id: `copy${i}`, title: `改写 ${i}`, sections: edited(1, keep, 100 + i) }));
    }
    const dispatch = createDispatch(createHandlers({ lib, templatesDir: defaultTemplatesDir() }), () => {});
    const call = async <T>(m: string, p: unknown) => {
      const env = (await dispatch(m, p)) as Envelope<T>;
      if (!env.ok) throw new Error(env.error.message);
      return env.value;
    };

    const compare = async (a: string, b: string) => (await call<{ score: number }>('dedupe.compare', { a: { id: a }, b: { id: b } })).score;
    const report = await call<{ clusters: { pairs: { a: string; b: string; score: number; similar: boolean }[] }[] }>('dedupe.report', { threshold: 0.25 });
    const pairs = report.clusters.flatMap((c) => c.pairs.filter((p) => p.similar));
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    for (const p of pairs) expect(p.score, `${p.a}–${p.b}`).toBe(await compare(p.a, p.b));

    const live = await call<{ items: { id: string; score: number }[] }>('dedupe.similar', { proposal: lib.proposals.get('orig') });
    expect(live.items.length).toBe(3);
    for (const item of live.items) expect(item.score, item.id).toBe(await compare('orig', item.id));
  });
});
