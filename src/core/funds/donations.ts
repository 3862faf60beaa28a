import { createHash } from 'node:crypto';
import { platformLabel, type PlatformId } from '../../shared/domain/catalog';
import { nowIso } from '../../shared/domain/factory';
import type { Listing, Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { Library } from '../library/library';
import { fieldLabel, resolveColumns, type ColumnMapping, type DonationFieldId } from './mapping';
import { readTable, type Table } from './table';

/** One donation as it will be stored. */
export interface DonationRow {
  /** The file's row number (1 = the first line). */
  row: number;
  key: string;
  donatedAt: string;
  amountFen: number;
  donor: string;
  proposalId: string;
  projectNumber: string;
}

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

export interface ListingShare {
  proposalId: string;
  title: string;
  projectNumber: string;
  newCount: number;
  newFen: number;
}

/** What an import would do, shown before anything is written. */
export interface DonationPreview {
  platform: PlatformId;
  encoding: Table['encoding'];
  headers: string[];
  mapping: ColumnMapping;
  rowCount: number;
  newCount: number;
  newFen: number;
  /** Records already in the library from an earlier import: not counted again. */
  alreadyImported: number;
  /** Rows repeating an earlier row of the same file. */
  duplicatesInFile: { row: number; sameAs: number }[];
  /** Problems named by row and column; while there is one, nothing is imported. Capped at MAX_PROBLEMS. */
  problems: RowProblem[];
  problemCount: number;
  sample: DonationRow[];
  listings: ListingShare[];
}

export interface DonationImportOptions {
  platform: PlatformId;
  /** The proposal the export belongs to, when the file has no project-number column. */
  proposalId?: string | null;
  /** Column mapping given by the user; otherwise the platform's remembered one, then the usual names. */
  mapping?: ColumnMapping | null;
}

const MAX_PROBLEMS = 200;
const SAMPLE_ROWS = 20;

/** 元 as written in exports (¥1,234.50, 12.5元) to 分, exactly: no floating point on money. */
export function yuanToFen(text: string): number | 'negative' | null {
  const t = text.replace(/[\s,，¥￥]|元$/g, '');
  const m = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (m[1] === '-' && fen > 0) return 'negative';
  return Number.isSafeInteger(fen) && fen <= 1e13 ? fen : null;
}

const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;

/** An export's date or date-time as YYYY-MM-DD[ HH:MM:SS], or null when it is not a real one. */
export function normalizeDateTime(text: string): string | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  const date = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (m[4] === undefined) return date;
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  return `${date} ${String(h).padStart(2, '0')}:${m[5]}:${String(s).padStart(2, '0')}`;
}

type Target = { proposal: Proposal; listing: Listing };

/** Finds the listing each row belongs to: by the row's project number, or the one listing the user named. */
function targetFinder(lib: Library, opts: DonationImportOptions, byNumberColumn: boolean): (projectNumber: string) => Target | string {
  const name = platformLabel(opts.platform);
  const onPlatform: Target[] = [];
  const proposals = opts.proposalId ? [lib.proposals.get(opts.proposalId)] : lib.proposals.all();
  for (const proposal of proposals) for (const listing of proposal.listings) if (listing.platform === opts.platform) onPlatform.push({ proposal, listing });
  if (byNumberColumn) {
    const byNumber = new Map(onPlatform.filter((t) => t.listing.projectNumber !== '').map((t) => [t.listing.projectNumber, t]));
    return (n) => byNumber.get(n) ?? `项目编号「${n}」在项目库中没有对应的${name}上线记录`;
  }
  if (onPlatform.length === 0) {
    throw new AppError('NOT_FOUND', opts.proposalId ? `该项目没有${name}的上线记录，请先在上线跟踪中登记` : `项目库中没有${name}的上线记录，请先在上线跟踪中登记`);
  }
  const live = onPlatform.filter((t) => t.listing.status === 'live');
  const only = onPlatform.length === 1 ? onPlatform[0]! : live.length === 1 && opts.proposalId ? live[0]! : null;
  if (!only) {
    throw new AppError('INVALID_INPUT', opts.proposalId ? `该项目在${name}有 ${onPlatform.length} 条上线记录，请在文件中提供「项目编号」列` : `项目库中有 ${onPlatform.length} 条${name}上线记录，请指定项目（命令行用 --project），或在文件中提供「项目编号」列`);
  }
  return () => only;
}

export function rememberedMapping(lib: Library, platform: PlatformId): ColumnMapping | null {
  const row = lib.db.prepare('SELECT json FROM donation_mappings WHERE platform = ?').get(platform) as { json: string } | undefined;
  return row ? (JSON.parse(row.json) as ColumnMapping) : null;
}

interface Planned {
  preview: DonationPreview;
  rows: DonationRow[];
}

/** Every row checked and matched, nothing written. */
function plan(lib: Library, table: Table, opts: DonationImportOptions): Planned {
  const { indexes, mapping } = resolveColumns(table.headers, opts.mapping ?? null, rememberedMapping(lib, opts.platform));
  const find = targetFinder(lib, opts, indexes.projectNumber !== undefined);
  const seen = lib.db.prepare('SELECT 1 FROM donations WHERE platform = ? AND record_key = ?').pluck();
  const inFile = new Map<string, number>();
  const problems: RowProblem[] = [];
  let problemCount = 0;
  const problem = (row: number, field: DonationFieldId, message: string) => {
    problemCount += 1;
    if (problems.length < MAX_PROBLEMS) problems.push({ row, column: table.headers[indexes[field] ?? -1] ?? fieldLabel(field), message });
  };
  const cell = (r: string[], f: DonationFieldId) => (indexes[f] === undefined ? '' : (r[indexes[f]!] ?? '').trim());
  const rows: DonationRow[] = [];
  const duplicatesInFile: DonationPreview['duplicatesInFile'] = [];
  let alreadyImported = 0;
  const shares = new Map<string, ListingShare>();

  table.rows.forEach((r, i) => {
    const row = table.rowNumbers[i]!;
    const before = problemCount;
    const recordId = cell(r, 'recordId');
    if (indexes.recordId !== undefined && recordId === '') problem(row, 'recordId', '捐赠记录编号为空');
    const amountText = cell(r, 'amount');
    const amount = yuanToFen(amountText);
    if (amount === 'negative') problem(row, 'amount', `金额「${amountText}」为负数（退款请在平台后台核对后删去该行）`);
    else if (amount === null) problem(row, 'amount', amountText === '' ? '金额为空' : `金额「${amountText}」不是有效的数字`);
    const dateText = cell(r, 'donatedAt');
    const donatedAt = normalizeDateTime(dateText);
    if (donatedAt === null) problem(row, 'donatedAt', dateText === '' ? '捐赠时间为空' : `「${dateText}」不是有效的日期`);
    const projectNumber = cell(r, 'projectNumber');
    const target = find(projectNumber);
    if (typeof target === 'string') problem(row, 'projectNumber', target);
    else if (donatedAt !== null) {
      const { start, end } = target.proposal.fundraisingPeriod;
      const day = donatedAt.slice(0, 10);
      if ((start && day < start) || (end && day > end)) problem(row, 'donatedAt', `捐赠日期 ${day} 不在募捐期（${start ?? '未填'} 至 ${end ?? '未填'}）内`);
    }
    if (problemCount > before || typeof target === 'string' || donatedAt === null || typeof amount !== 'number') return;

    // Without a record id the whole row is the record: an identical row is the same donation.
    const key = recordId ? `id:${recordId}` : `row:${createHash('sha256').update(r.map((c) => c.trim()).join('\u0001')).digest('hex').slice(0, 40)}`;
    const first = inFile.get(key);
    if (first !== undefined) {
      duplicatesInFile.push({ row, sameAs: first });
      return;
    }
    inFile.set(key, row);
    if (seen.get(opts.platform, key) !== undefined) {
      alreadyImported += 1;
      return;
    }
    const d: DonationRow = { row, key, donatedAt, amountFen: amount, donor: cell(r, 'donor'), proposalId: target.proposal.id, projectNumber: target.listing.projectNumber };
    rows.push(d);
    const shareKey = `${d.proposalId}\u0001${d.projectNumber}`;
    const share = shares.get(shareKey) ?? { proposalId: d.proposalId, title: target.proposal.title, projectNumber: d.projectNumber, newCount: 0, newFen: 0 };
    share.newCount += 1;
    share.newFen += d.amountFen;
    shares.set(shareKey, share);
  });

  const preview: DonationPreview = {
    platform: opts.platform,
    encoding: table.encoding,
    headers: table.headers,
    mapping,
    rowCount: table.rows.length,
    newCount: rows.length,
    newFen: rows.reduce((s, d) => s + d.amountFen, 0),
    alreadyImported,
    duplicatesInFile,
    problems,
    problemCount,
    sample: rows.slice(0, SAMPLE_ROWS),
    listings: [...shares.values()],
  };
  return { preview, rows };
}

/** Read the export and show what importing it would do. Nothing is written. */
export async function previewDonations(lib: Library, bytes: Uint8Array, opts: DonationImportOptions): Promise<DonationPreview> {
  return plan(lib, await readTable(bytes), opts).preview;
}

/** The listing's totals from its stored donation records. */
function recomputeListing(lib: Library, proposalId: string, platform: PlatformId): void {
  const sums = lib.db.prepare('SELECT count(*) AS n, ifnull(sum(amount_fen), 0) AS fen FROM donations WHERE proposal_id = ? AND platform = ? AND project_number = ?');
  const p = lib.proposals.get(proposalId);
  const listings = p.listings.map((l) => {
    if (l.platform !== platform) return l;
    const { n, fen } = sums.get(proposalId, platform, l.projectNumber) as { n: number; fen: number };
    return n === 0 ? l : { ...l, raisedFen: fen, donationCount: n };
  });
  lib.proposals.replace({ ...p, listings });
}

export interface DonationImportResult extends DonationPreview {
  imported: number;
  /** Each listing's totals after the import. */
  totals: { proposalId: string; projectNumber: string; raisedFen: number | null; donationCount: number | null }[];
}

/**
 * Import the export the user confirmed: checked again inside one transaction (another import may
 * have come in since the preview), refused whole while any row has a problem, the listing totals
 * recomputed from the stored records, and the column mapping remembered for the platform.
 */
export async function importDonations(lib: Library, bytes: Uint8Array, opts: DonationImportOptions): Promise<DonationImportResult> {
  const table = await readTable(bytes);
  return lib.db
    .transaction((): DonationImportResult => {
      const { preview, rows } = plan(lib, table, opts);
      if (preview.problemCount > 0) {
        throw new AppError(
          'INVALID_INPUT',
          `捐赠明细有 ${preview.problemCount} 处问题，未导入任何记录`,
          preview.problems.map((x) => `第 ${x.row} 行「${x.column}」列：${x.message}`),
        );
      }
      const now = nowIso();
      const insert = lib.db.prepare(
        'INSERT INTO donations (platform, record_key, proposal_id, project_number, donated_at, amount_fen, donor, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const d of rows) insert.run(opts.platform, d.key, d.proposalId, d.projectNumber, d.donatedAt, d.amountFen, d.donor, now);
      const touched = [...new Set(rows.map((d) => d.proposalId))];
      for (const id of touched) recomputeListing(lib, id, opts.platform);
      lib.db
        .prepare('INSERT INTO donation_mappings (platform, json, updated_at) VALUES (?, ?, ?) ON CONFLICT (platform) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at')
        .run(opts.platform, JSON.stringify(preview.mapping), now);
      const totals = touched.flatMap((id) =>
        lib.proposals
          .get(id)
          .listings.filter((l) => l.platform === opts.platform)
          .map((l) => ({ proposalId: id, projectNumber: l.projectNumber, raisedFen: l.raisedFen, donationCount: l.donationCount })),
      );
      return { ...preview, imported: rows.length, totals };
    })
    .immediate();
}
