import type { Boilerplate } from './boilerplate';
import { CONFIRM_MARGIN, ExactScorer, confirmPairs } from './confirm';
import type { Hit, LshIndex } from './lsh';
import type { DedupeDoc } from './parts';
import { sketchDoc } from './sketch';

/**
 * The live check: the indexed documents most similar to a draft, best first, or null when the draft
 * has too little text of its own. Candidates come from the sketch; the scores returned are exact,
 * computed from the texts (`load` reads an indexed document); `skip` leaves out ids.
 */
export function similarTo(
  index: LshIndex,
  draft: DedupeDoc,
  opts: { minScore: number; limit: number; boilerplate: Boilerplate; load: (id: string) => DedupeDoc; skip: (id: string) => boolean },
): Hit[] | null {
  const sketch = sketchDoc(draft, opts.boilerplate);
  if (!sketch) return null;
  const candidates = index.query(sketch, opts.minScore - CONFIRM_MARGIN, Infinity, (id) => id === draft.id || opts.skip(id));
  const scorer = new ExactScorer((id) => (id === draft.id ? draft : opts.load(id)), opts.boilerplate);
  // The sketch picks the few best; what is shown carries its exact score, as 对照 and the report do.
  return confirmPairs(
    candidates.map((h) => ({ a: draft.id, b: h.id, score: h.score })),
    opts.minScore,
    (a, b) => scorer.score(a, b),
  )
    .slice(0, opts.limit)
    .map((p) => ({ id: p.b, score: scorer.score(p.a, p.b) }))
    .filter((h) => h.score >= opts.minScore)
    .sort((x, y) => y.score - x.score);
}
