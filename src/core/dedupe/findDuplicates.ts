import type { Boilerplate } from './boilerplate';
import { clusterPairs } from './cluster';
import { CONFIRM_MARGIN, ExactScorer, confirmPairs } from './confirm';
import { LshIndex } from './lsh';
import type { DedupeDoc } from './parts';
import { sketchDoc } from './sketch';
import { withCommonShingles } from './commonShingles';

export interface DuplicateResult {
  pairs: { a: string; b: string; score: number }[];
  clusters: string[][];
  /** Documents with too little text of their own to compare. */
  tooShort: string[];
  /** 5-grams shared by so many documents that they were left out as common wording. */
  commonShingles: number;
}

/** Similar pairs and clusters among documents that are not in a library (the CLI's check and the benchmark). */
export function findDuplicates(input: Iterable<DedupeDoc>, handbook: Boilerplate, threshold: number): DuplicateResult {
  const docs = [...input];
  const { boilerplate, common } = withCommonShingles(docs, docs.length, handbook);
  const index = new LshIndex();
  const tooShort: string[] = [];
  const byId = new Map<string, DedupeDoc>();
  for (const doc of docs) {
    const sketch = sketchDoc(doc, boilerplate);
    if (sketch) index.set(doc.id, sketch);
    else tooShort.push(doc.id);
    byId.set(doc.id, doc);
  }
  const scorer = new ExactScorer((id) => byId.get(id)!, boilerplate);
  const pairs = confirmPairs(index.pairs(threshold - CONFIRM_MARGIN), threshold, (a, b) => scorer.score(a, b));
  return { pairs, clusters: clusterPairs(pairs), tooShort, commonShingles: common };
}
