import type { BundleConflict, ConflictResolution, ImportResult } from '../../shared/api/methods/bundles';
import { newId } from '../../shared/domain/factory';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { ImportSource } from '../bundle/readBundle';
import { writeBundle, type BundleImage } from '../bundle/writeBundle';
import { checkpoint } from '../jobs/progress';
import { damagedMessage, integrityCheck, openDatabase, type Db, type LibraryHealth } from '../db/open';
import { DedupeStore } from '../dedupe/store';
import { schemaVersionOf } from '../db/migrations';
import { describeConflict } from './conflicts';
import { ImageStore } from './images';
import { ProposalStore } from './proposals';
import { ReviewStore } from '../review/store';

export const APP_VERSION = '0.1.0';
export const GENERATOR = `善策 ShanCe ${APP_VERSION}`;

/** One library file: its proposals, their images and history. */
export class Library {
  readonly proposals: ProposalStore;
  readonly images: ImageStore;
  /** Duplicate check: keeps its sketches current through the proposal store's write hooks. */
  readonly dedupe: DedupeStore;
  /** Review: submit revisions, the transition log, comments; it refuses edits outside the district's turn. */
  readonly review: ReviewStore;

  constructor(
    readonly db: Db,
    readonly path: string,
    /** What the quick check at open found; a damaged library is open read-only. */
    readonly health: LibraryHealth = { state: 'ok' },
  ) {
    this.proposals = new ProposalStore(db);
    this.images = new ImageStore(db);
    this.dedupe = new DedupeStore(db, this.proposals);
    this.review = new ReviewStore(db, this.proposals);
    this.proposals.guardSaves((current) => this.review.guardSave(current));
  }

  static open(path: string): Library {
    const { db, health } = openDatabase(path);
    return new Library(db, path, health);
  }

  get readOnly(): boolean {
    return this.db.readonly;
  }

  /** The Chinese notice for a damaged library, or null when it is healthy. */
  get healthNotice(): string | null {
    return this.health.state === 'damaged' ? damagedMessage(this.path) : null;
  }

  get schemaVersion(): number {
    return schemaVersionOf(this.db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** A `.shance` bundle of the given proposals (all, when ids is null) with every image they use. */
  exportBundle(ids: readonly string[] | null): { bytes: Uint8Array; count: number } {
    const proposals = ids === null ? [...this.proposals.all()] : ids.map((id, i) => {
            checkpoint('正在读取项目', i, ids.length);
            return this.proposals.get(id);
          });
    if (proposals.length === 0) throw new AppError('NOT_FOUND', '项目库中没有可导出的项目');
    const images: BundleImage[] = [];
    const seen = new Set<string>();
    for (const [i, p] of proposals.entries()) {
      checkpoint('正在打包图片', i, proposals.length);
      for (const ref of p.images) {
        if (seen.has(ref.sha256)) continue;
        seen.add(ref.sha256);
        const img = this.images.get(ref.sha256);
        images.push({ sha256: ref.sha256, mime: img.mime, data: img.data });
      }
    }
    return { bytes: writeBundle(proposals, images, GENERATOR), count: proposals.length };
  }

  /**
   * Everything still readable, as a bundle: for a damaged library, each proposal and image is read
   * on its own so one bad page loses only what is on it. Pictures that cannot be read are dropped
   * from the proposals that use them, and the losses are named.
   */
  exportReadable(): { bytes: Uint8Array; count: number; lost: string[] } {
    const lost: string[] = [];
    const attempt = <T>(what: string, read: () => T): T | undefined => {
      try {
        return read();
      } catch {
        lost.push(what);
        return undefined;
      }
    };
    const ids = this.readableIds(lost);
    const proposals: Proposal[] = [];
    const images = new Map<string, BundleImage>();
    for (const id of ids) {
      const p = attempt(`项目 ${id}`, () => this.proposals.get(id));
      if (!p) continue;
      const readableRefs = p.images.filter((ref) => {
        if (images.has(ref.sha256)) return true;
        const img = attempt(`图片「${ref.fileName || ref.sha256}」（项目「${p.title}」）`, () => this.images.get(ref.sha256));
        if (img) images.set(ref.sha256, { sha256: ref.sha256, mime: img.mime, data: img.data });
        return img !== undefined;
      });
      proposals.push({ ...p, images: readableRefs });
    }
    if (proposals.length === 0) throw new AppError('DB_DAMAGED', '项目库损坏严重，没有能读取的项目。请从备份恢复。', lost);
    return { bytes: writeBundle(proposals, [...images.values()], GENERATOR), count: proposals.length, lost };
  }

  /**
   * The ids, read from the primary-key index (its pages are apart from the rows, so a damaged row
   * page does not hide the list); if the index is damaged, from the rows up to the first bad page.
   */
  private readableIds(lost: string[]): string[] {
    for (const sql of ['SELECT id FROM proposals INDEXED BY sqlite_autoindex_proposals_1', 'SELECT id FROM proposals NOT INDEXED']) {
      const ids: string[] = [];
      try {
        for (const row of this.db.prepare(sql).iterate() as Iterable<{ id: string }>) ids.push(row.id);
        return ids;
      } catch {
        if (sql.includes('NOT INDEXED')) {
          lost.push('项目列表的一部分（其后的项目可能未导出）');
          return ids;
        }
      }
    }
    return [];
  }

  /** The full integrity check (slow on a large library; on demand from 设置). Empty means sound. */
  integrityProblems(): string[] {
    return integrityCheck(this.db, 'integrity_check', 50);
  }

  /** Which incoming ids are already in the library: both sides, which is newer, and whether they look like one project. */
  conflicts(source: ImportSource): BundleConflict[] {
    const out: BundleConflict[] = [];
    for (const p of source.proposals) {
      const existing = this.proposals.find(p.id);
      if (!existing) continue;
      out.push(describeConflict(p, existing.proposal));
    }
    return out;
  }

  /**
   * Write checked proposals and images in one transaction: all of them, or (on any error) none.
   * An id already present is never overwritten unless the user said so for that id.
   */
  importSource(source: ImportSource, resolutions: Readonly<Record<string, ConflictResolution>>): ImportResult {
    // Ids come from the file: look them up as own keys only (an id "toString" must not find
    // Object.prototype.toString and skip the question).
    const answer = (id: string): ConflictResolution | undefined => (Object.hasOwn(resolutions, id) ? resolutions[id] : undefined);
    const conflicts = this.conflicts(source);
    const unanswered = conflicts.filter((c) => !answer(c.id));
    if (unanswered.length > 0) {
      throw new AppError(
        'CONFLICT',
        `有 ${unanswered.length} 个项目已在项目库中，请选择保留两份、替换或跳过后再导入`,
        unanswered.map((c) => `「${c.incomingTitle}」（${c.id}）`),
      );
    }
    for (const p of source.proposals) {
      for (const ref of p.images) {
        if (!source.images.has(ref.sha256) && !this.images.has(ref.sha256)) {
          throw new AppError('FILE_INVALID', `项目「${p.title}」引用的图片「${ref.fileName || ref.sha256}」缺失，未导入任何内容`);
        }
      }
    }
    const result: ImportResult = { added: [], replaced: [], copied: [], skipped: [], images: 0 };
    const conflictIds = new Set(conflicts.map((c) => c.id));
    const steps = source.images.size + source.proposals.length;
    let step = 0;
    // A cancel at a checkpoint throws inside the transaction: nothing of the import is kept.
    this.db.transaction(() => {
      for (const [, img] of source.images) {
        checkpoint('正在导入', step++, steps);
        if (!this.images.has(img.meta.sha256)) result.images += 1;
        this.images.put(img.meta, img.data);
      }
      for (const p of source.proposals) {
        checkpoint('正在导入', step++, steps);
        if (!conflictIds.has(p.id)) {
          this.proposals.insert(p);
          result.added.push(p.id);
          continue;
        }
        const choice = answer(p.id);
        if (choice === 'skip') {
          result.skipped.push(p.id);
        } else if (choice === 'replace') {
          // The replaced text stays in the revision history.
          this.proposals.replace(p);
          result.replaced.push(p.id);
        } else {
          const copy: Proposal = { ...p, id: newId(), title: `${p.title}（导入副本）`.slice(0, 200) };
          this.proposals.insert(copy);
          result.copied.push({ from: p.id, to: copy.id });
        }
      }
    })();
    return result;
  }
}
