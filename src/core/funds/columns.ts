import type { PlatformId } from '../../shared/domain/catalog';
import type { Library } from '../library/library';
import { rememberedMapping } from './donations';
import { DONATION_FIELDS, matchColumns, type ColumnMapping, type DonationFieldId } from './mapping';
import { readTable, type Table } from './table';

/** Rows of the file shown under its header, so the user can tell the columns apart. */
export const COLUMN_SAMPLE_ROWS = 5;

/** What the import screen needs to map a file's columns by hand. */
export interface DonationColumns {
  encoding: Table['encoding'];
  headers: string[];
  /** The first rows as they are in the file, cell by cell. */
  sample: string[][];
  rowCount: number;
  fields: { id: DonationFieldId; label: string; required: boolean }[];
  /** The columns recognised (by the remembered mapping of the platform, or the usual names). */
  mapping: ColumnMapping;
  /** Why the columns cannot be used as they are; empty when the file can be previewed at once. */
  problems: string[];
}

/** Read an export's header and first rows, and match its columns as the import would. Nothing is written. */
export async function donationColumns(lib: Library, bytes: Uint8Array, platform: PlatformId): Promise<DonationColumns> {
  const table = await readTable(bytes);
  const { mapping, problems } = matchColumns(table.headers, null, rememberedMapping(lib, platform));
  return {
    encoding: table.encoding,
    headers: table.headers,
    sample: table.rows.slice(0, COLUMN_SAMPLE_ROWS).map((r) => table.headers.map((_, i) => r[i] ?? '')),
    rowCount: table.rows.length,
    fields: DONATION_FIELDS.map((f) => ({ id: f.id, label: f.label, required: f.required })),
    mapping,
    problems,
  };
}
