import { dedupePartLabel } from '../../shared/api/methods/dedupe';
import type { Proposal } from '../../shared/domain/proposal';
import type { Boilerplate } from './boilerplate';
import { proposalDoc, type DedupeDoc } from './parts';
import { matchingPassages, type Passage } from './passages';
import { exactScore, weightedShingles } from './sketch';

export interface ComparedSide {
  id: string;
  title: string;
  district: string;
  parts: { key: DedupeDoc['parts'][number]['key']; label: string; text: string; weight: number }[];
}

function side(p: Proposal, doc: DedupeDoc): ComparedSide {
  return {
    id: p.id,
    title: p.title,
    district: p.district,
    parts: doc.parts.map((part) => ({ key: part.key, label: dedupePartLabel(part.key), text: part.text, weight: part.weight })),
  };
}

/**
 * Two proposals side by side: the exact score (not the sketch's estimate) and every common passage,
 * with offsets into the part texts returned alongside, for highlighting both at once.
 */
export function compareProposals(a: Proposal, b: Proposal, boilerplate: Boilerplate): { score: number; a: ComparedSide; b: ComparedSide; passages: Passage[] } {
  const da = proposalDoc(a);
  const db = proposalDoc(b);
  return {
    score: exactScore(weightedShingles(da, boilerplate), weightedShingles(db, boilerplate)),
    a: side(a, da),
    b: side(b, db),
    passages: matchingPassages(da, db, boilerplate),
  };
}
