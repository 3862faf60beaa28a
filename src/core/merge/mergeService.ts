import type { MergeInputParsed, MergeStatus } from '../../shared/api/methods/dedupe';
import { newId, nowIso, parseProposal } from '../../shared/domain/factory';
import type { Proposal } from '../../shared/domain/proposal';
import { SECTION_IDS } from '../../shared/domain/catalog';
import { AppError } from '../../shared/errors';
import { sha256Hex } from '../library/images';
import type { Library } from '../library/library';
import { composeBrand } from './compose';

/**
 * What a proposal says, without when it was saved or how the editor serialized its rich text: a
 * save that changes nothing (an autosave, a re-serialized document) is not an edit.
 */
export function contentFingerprint(p: Proposal): string {
  const { createdAt: _c, updatedAt: _u, sections, ...rest } = p;
  const texts = Object.fromEntries(SECTION_IDS.map((id) => [id, sections[id].text]));
  return sha256Hex(Buffer.from(JSON.stringify({ ...rest, sections: texts }), 'utf8'));
}

interface MergeRecord {
  brandId: string;
  mergedAt: string;
  brandFingerprint: string;
  /** Each source exactly as it was before the merge, and the fingerprint of its merged state. */
  sources: { before: Proposal; mergedFingerprint: string }[];
}

/** Merging similar proposals into a brand project (品牌项目), and undoing that. */
export class MergeService {
  constructor(private readonly lib: Library) {}

  private sources(ids: readonly string[]): Proposal[] {
    return ids.map((id) => {
      const found = this.lib.proposals.find(id);
      if (!found) throw new AppError('NOT_FOUND', `项目 ${id} 不存在，无法合并`);
      const p = found.proposal;
      if (found.deletedAt) throw new AppError('CONFLICT', `项目「${p.title}」在回收站中，请先恢复再合并`);
      if (p.status === 'merged' || p.mergedInto) throw new AppError('CONFLICT', `项目「${p.title}」已合并到其他品牌项目，不能再次合并`);
      return p;
    });
  }

  /** The brand project a merge would create; nothing is saved. */
  preview(input: MergeInputParsed): { brand: Proposal; warnings: string[] } {
    return composeBrand(this.sources(input.sourceIds), input, newId(), nowIso());
  }

  /** Create the brand project and mark every source 已合并, linking to it: all in one transaction. */
  commit(input: MergeInputParsed): { brand: Proposal; sources: string[]; warnings: string[] } {
    return this.lib.db.transaction(() => {
      const sources = this.sources(input.sourceIds);
      const now = nowIso();
      const { brand, warnings } = composeBrand(sources, input, newId(), now);
      const stored = this.lib.proposals.insert(brand);
      const record: MergeRecord = { brandId: stored.id, mergedAt: now, brandFingerprint: contentFingerprint(stored), sources: [] };
      for (const before of sources) {
        const merged = this.lib.proposals.replace({ ...before, status: 'merged', mergedInto: stored.id, updatedAt: now });
        record.sources.push({ before, mergedFingerprint: contentFingerprint(merged) });
      }
      this.lib.db
        .prepare('INSERT INTO merges (brand_id, merged_at, brand_fingerprint, sources_json) VALUES (?, ?, ?, ?)')
        .run(record.brandId, record.mergedAt, record.brandFingerprint, JSON.stringify(record.sources));
      return { brand: stored, sources: sources.map((p) => p.id), warnings };
    })();
  }

  private record(brandId: string): MergeRecord {
    const row = this.lib.db.prepare('SELECT merged_at, brand_fingerprint, sources_json FROM merges WHERE brand_id = ?').get(brandId) as
      | { merged_at: string; brand_fingerprint: string; sources_json: string }
      | undefined;
    if (!row) throw new AppError('NOT_FOUND', '没有这个品牌项目的合并记录：它不是合并生成的，或合并已撤销');
    const raw = JSON.parse(row.sources_json) as { before: unknown; mergedFingerprint: string }[];
    return {
      brandId,
      mergedAt: row.merged_at,
      brandFingerprint: row.brand_fingerprint,
      sources: raw.map((s) => ({ before: parseProposal(s.before), mergedFingerprint: s.mergedFingerprint })),
    };
  }

  /** Why the merge can no longer be undone, or null. */
  private blocker(record: MergeRecord): string | null {
    const brand = this.lib.proposals.find(record.brandId);
    if (!brand) return '品牌项目已不存在，无法撤销合并';
    if (brand.deletedAt) return '品牌项目在回收站中，请先恢复再撤销合并';
    if (contentFingerprint(brand.proposal) !== record.brandFingerprint) {
      return '品牌项目在合并后已被修改，不能再撤销合并。合并前的来源项目内容仍保存在各项目的历史版本中。';
    }
    for (const s of record.sources) {
      const now = this.lib.proposals.find(s.before.id);
      if (!now || now.deletedAt) return `来源项目「${s.before.title}」已被删除，请先从回收站恢复再撤销合并`;
      if (contentFingerprint(now.proposal) !== s.mergedFingerprint) return `来源项目「${s.before.title}」在合并后已被修改，不能撤销合并`;
    }
    return null;
  }

  status(brandId: string): MergeStatus {
    const record = this.record(brandId);
    const reason = this.blocker(record);
    return {
      brandId,
      mergedAt: record.mergedAt,
      sources: record.sources.map(({ before }) => ({ id: before.id, title: before.title, district: before.district })),
      canUndo: reason === null,
      reason,
    };
  }

  /**
   * Put every source back exactly as it was before the merge and move the brand project to the
   * trash (from where it can still be recovered). Refused once the brand project has been edited.
   */
  undo(brandId: string): { brandId: string; restored: string[] } {
    return this.lib.db.transaction(() => {
      const record = this.record(brandId);
      const reason = this.blocker(record);
      if (reason) throw new AppError('CONFLICT', reason);
      for (const { before } of record.sources) this.lib.proposals.replace(before);
      this.lib.proposals.softDelete(brandId);
      this.lib.db.prepare('DELETE FROM merges WHERE brand_id = ?').run(brandId);
      return { brandId, restored: record.sources.map((s) => s.before.id) };
    })();
  }
}
