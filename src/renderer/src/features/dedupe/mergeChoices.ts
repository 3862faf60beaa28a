import type { SectionChoice } from '../../../../shared/api/methods/dedupe';
import { SECTION_IDS, type SectionId } from '../../../../shared/domain/catalog';
import type { Proposal } from '../../../../shared/domain/proposal';
import { docToText, textToDoc, type LexicalDoc } from '../../../../shared/domain/richText';

/** The reviewer's own text for a section, and a counter that remounts its editor when it is replaced. */
export interface SectionEdit {
  doc: LexicalDoc;
  text: string;
  epoch: number;
}

/** Per section: the source whose text is taken, or 'edit' for the reviewer's own text. */
export type Picks = Partial<Record<SectionId, string>>;
export type Edits = Partial<Record<SectionId, SectionEdit>>;

export const EDITED = 'edit';

export function docOf(p: Proposal, section: SectionId): LexicalDoc {
  return p.sections[section].doc ?? textToDoc(p.sections[section].text);
}

/** Every source's text of a section one after the other, formatting kept, to be cut down by hand. */
export function combinedDoc(sources: readonly Proposal[], section: SectionId): LexicalDoc {
  const docs = sources.filter((p) => p.sections[section].text.trim() !== '').map((p) => docOf(p, section));
  if (docs.length === 0) return textToDoc('');
  return { root: { ...docs[0]!.root, children: docs.flatMap((d) => d.root.children) } };
}

export function editFrom(doc: LexicalDoc, previous: SectionEdit | undefined): SectionEdit {
  return { doc, text: docToText(doc), epoch: (previous?.epoch ?? 0) + 1 };
}

/** The sections part of merge.preview/commit's input. */
export function sectionChoices(firstId: string, picks: Picks, edits: Edits): Partial<Record<SectionId, SectionChoice>> {
  return Object.fromEntries(
    SECTION_IDS.map((id) => {
      const pick = picks[id] ?? firstId;
      const edit = edits[id];
      return [id, pick === EDITED && edit ? { text: edit.text, doc: edit.doc } : { from: pick }];
    }),
  );
}
