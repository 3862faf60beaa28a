import { SECTION_IDS, type SectionId } from '../../shared/domain/catalog';
import type { DedupeSource } from './parts';

/**
 * The stored JSON's fields that proposalDoc reads, extracted by SQLite (select from the proposals
 * table aliased `p`). Parsing whole proposals, rich-text documents included, would make a
 * library-wide pass several times slower; the stored JSON was checked when it was saved.
 */
export const STORED_SOURCE_COLUMNS = `p.id AS id, json_extract(p.json, '$.title') AS title, json_extract(p.json, '$.summary') AS summary,
  json_extract(p.json, '$.beneficiaries') AS beneficiaries, json_extract(p.json, '$.milestones') AS milestones,
  json_object(${SECTION_IDS.map((s) => `'${s}', json_extract(p.json, '$.sections.${s}.text')`).join(', ')}) AS sections`;

/** Columns are null where a stored proposal lacks the field (none written by this version does). */
export interface SourceRow {
  id: string;
  title: string | null;
  summary: string | null;
  beneficiaries: string | null;
  milestones: string | null;
  sections: string;
}

export function sourceOf(row: SourceRow): DedupeSource {
  const texts = JSON.parse(row.sections) as Record<SectionId, string | null>;
  return {
    id: row.id,
    title: row.title ?? '',
    summary: row.summary ?? '',
    beneficiaries: JSON.parse(row.beneficiaries ?? '[]') as DedupeSource['beneficiaries'],
    milestones: JSON.parse(row.milestones ?? '[]') as DedupeSource['milestones'],
    sections: Object.fromEntries(SECTION_IDS.map((s) => [s, { text: texts[s] ?? '' }])) as DedupeSource['sections'],
  };
}
