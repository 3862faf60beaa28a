import { SECTIONS, type SectionId } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';
import { structuredChanges, type FieldChange } from './changes';
import { diffText, type DiffPart } from './textDiff';

export interface SectionDiff {
  section: SectionId;
  label: string;
  changed: boolean;
  coarse: boolean;
  parts: DiffPart[];
}

export interface RevisionComparison {
  sections: SectionDiff[];
  changes: FieldChange[];
}

/** Two revisions side by side: every section's text diff, and the structured fields in words. */
export function compareProposals(a: Proposal, b: Proposal): RevisionComparison {
  const sections = SECTIONS.map(({ id, label }) => {
    const before = a.sections[id].text;
    const after = b.sections[id].text;
    if (before === after) return { section: id, label, changed: false, coarse: false, parts: before ? [{ op: 'equal' as const, text: before }] : [] };
    const d = diffText(before, after);
    return { section: id, label, changed: true, coarse: d.coarse, parts: d.parts };
  });
  return { sections, changes: structuredChanges(a, b) };
}
