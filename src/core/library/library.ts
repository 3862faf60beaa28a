import type { BundleConflict, ConflictResolution, ImportResult } from '../../shared/api/methods/bundles';
import { newId } from '../../shared/domain/factory';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { ImportSource } from '../bundle/readBundle';
import { writeBundle, type BundleImage } from '../bundle/writeBundle';
import { openDatabase, type Db } from '../db/open';
import { DedupeStore } from '../dedupe/store';
import { schemaVersionOf } from '../db/migrations';
import { describeConflict } from './conflicts';
import { ImageStore } from './images';
import { ProposalStore } from './proposals';

export const APP_VERSION = '0.1.0';
export const GENERATOR = `善策 ShanCe ${APP_VERSION}`;

/** One library file: its proposals, their images and history. */
export class Library {
  readonly proposals: ProposalStore;
  readonly images: ImageStore;
  /** Duplicate check: keeps its sketches current through the proposal store's write hooks. */
  readonly dedupe: DedupeStore;

  constructor(
    readonly db: Db,
    readonly path: string,
  ) {
    this.proposals = new ProposalStore(db);
    this.images = new ImageStore(db);
    this.dedupe = new DedupeStore(db, this.proposals);
  }

  static open(path: string): Library {
    return new Library(openDatabase(path), path);
  }

  get schemaVersion(): number {
    return schemaVersionOf(this.db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** A `.shance` bundle of the given proposals (all, when ids is null) with every image they use. */
  exportBundle(ids: readonly string[] | null): { bytes: Uint8Array; count: number } {
    const proposals = ids === null ? [...this.proposals.all()] : ids.map((id) => this.proposals.get(id));
    if (proposals.length === 0) throw new AppError('NOT_FOUND', '项目库中没有可导出的项目');
    const images: BundleImage[] = [];
    const seen = new Set<string>();
    for (const p of proposals) {
      for (const ref of p.images) {
        if (seen.has(ref.sha256)) continue;
        seen.add(ref.sha256);
        const img = this.images.get(ref.sha256);
        images.push({ sha256: ref.sha256, mime: img.mime, data: img.data });
      }
    }
    return { bytes: writeBundle(proposals, images, GENERATOR), count: proposals.length };
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
    const conflicts = this.conflicts(source);
    const unanswered = conflicts.filter((c) => !resolutions[c.id]);
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
    this.db.transaction(() => {
      for (const [, img] of source.images) {
        if (!this.images.has(img.meta.sha256)) result.images += 1;
        this.images.put(img.meta, img.data);
      }
      for (const p of source.proposals) {
        if (!conflictIds.has(p.id)) {
          this.proposals.insert(p);
          result.added.push(p.id);
          continue;
        }
        const choice = resolutions[p.id];
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
