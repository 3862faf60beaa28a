import { SECTION_IDS } from '../../shared/domain/catalog';
import { docToText, textToDoc } from '../../shared/domain/richText';
import type { Proposal } from '../../shared/domain/proposal';
import { countChars } from '../../shared/rules/count';

/**
 * Make the stored form consistent: each section's plain text is derived from its rich text, never
 * trusted from the client; a section given only as text (a file written by hand) gets a document.
 */
export function normalizeForSave(p: Proposal): Proposal {
  const sections = { ...p.sections };
  for (const id of SECTION_IDS) {
    const s = sections[id];
    if (s.doc) sections[id] = { doc: s.doc, text: docToText(s.doc) };
    else if (s.text !== '') sections[id] = { doc: textToDoc(s.text), text: s.text.replace(/\r\n?/g, '\n') };
  }
  return { ...p, sections };
}

/**
 * Everything search should find a proposal by, besides its title: the one definition of the search
 * text. Migration 3 keeps a frozen SQL copy for libraries older than search (see 003-search.ts).
 */
export function searchBody(p: Proposal): string {
  return [p.summary, ...SECTION_IDS.map((id) => p.sections[id].text)].join('\n');
}

/** The library list's 字数: counted as the editor's counters count (grapheme-aware, see countChars). */
export function totalChars(p: Proposal): number {
  let n = countChars(p.title, 'chars') + countChars(p.summary, 'chars');
  for (const id of SECTION_IDS) n += countChars(p.sections[id].text, 'chars');
  return n;
}
