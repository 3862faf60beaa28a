import { DEDUPE_PART_WEIGHTS, type DedupePartKey } from '../../shared/api/methods/dedupe';
import { SECTION_IDS, type SectionId } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';

/** One piece of text the duplicate check reads, with how much it counts. */
export interface DedupePart {
  key: DedupePartKey;
  text: string;
  weight: number;
}

/** What the duplicate check sees of a proposal, or of a plain record from a project list. */
export interface DedupeDoc {
  id: string;
  title: string;
  parts: DedupePart[];
}

/**
 * The fields of a proposal the duplicate check reads: a whole proposal, or just these fields read
 * from the library without parsing the rich text (which a library-wide pass cannot afford).
 */
export type DedupeSource = Pick<Proposal, 'id' | 'title' | 'summary'> & {
  beneficiaries: readonly Pick<Proposal['beneficiaries'][number], 'type' | 'region'>[];
  milestones: readonly Pick<Proposal['milestones'][number], 'title' | 'detail'>[];
  sections: Record<SectionId, { text: string }>;
};

/** The plain text of the beneficiary groups: who and where, not how many (counts change between copies). */
export function beneficiariesText(p: DedupeSource): string {
  return p.beneficiaries
    .map((b) => [b.type, b.region].filter((s) => s !== '').join(' '))
    .filter((s) => s !== '')
    .join('\n');
}

export function milestonesText(p: DedupeSource): string {
  return p.milestones
    .map((m) => [m.title, m.detail].filter((s) => s !== '').join(' '))
    .filter((s) => s !== '')
    .join('\n');
}

/** The texts of one part, by key, as the comparison view shows them. */
export function partText(p: DedupeSource, key: DedupePartKey): string {
  switch (key) {
    case 'title':
      return p.title;
    case 'summary':
      return p.summary;
    case 'beneficiaries':
      return beneficiariesText(p);
    case 'milestones':
      return milestonesText(p);
    case 'text':
      return '';
    default:
      return p.sections[key].text;
  }
}

const PROPOSAL_PARTS: readonly DedupePartKey[] = ['title', 'summary', 'beneficiaries', ...SECTION_IDS, 'milestones'];

export function proposalDoc(p: DedupeSource): DedupeDoc {
  const parts: DedupePart[] = [];
  for (const key of PROPOSAL_PARTS) {
    const text = partText(p, key);
    if (text !== '') parts.push({ key, text, weight: DEDUPE_PART_WEIGHTS[key] });
  }
  return { id: p.id, title: p.title, parts };
}

/**
 * A record from a project list made elsewhere: every character counts the same, so its score is the
 * plain 5-gram Jaccard similarity of the normalized title and text.
 */
export function recordDoc(r: { id: string; title: string; text: string }): DedupeDoc {
  const parts: DedupePart[] = [];
  if (r.title !== '') parts.push({ key: 'title', text: r.title, weight: 1 });
  if (r.text !== '') parts.push({ key: 'text', text: r.text, weight: 1 });
  return { id: r.id, title: r.title, parts };
}

export function isRecordDoc(doc: DedupeDoc): boolean {
  return doc.parts.some((p) => p.key === 'text');
}

/**
 * The document with every part counting the same. Used when proposals are compared with plain
 * records, which have no parts to weigh: both then score as plain text.
 */
export function unweighted(doc: DedupeDoc): DedupeDoc {
  return { ...doc, parts: doc.parts.map((p) => ({ ...p, weight: 1 })) };
}
