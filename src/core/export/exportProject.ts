import { availableParallelism } from 'node:os';
import { platformLabel, type PlatformId } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';
import type { Finding } from '../../shared/rules/finding';
import type { ImageSpec, RulePack } from '../../shared/rules/pack';
import type { Library } from '../library/library';
import { safeFileName, type ExportFile } from './archive';
import type { CheckFn } from './checklist';
import { DecodedImageCache, imagesUsedBy, type DecodedImage, type ImageLoader } from './images';
import { reviewDocx, type ReviewDocxInput, type ReviewPlatform } from './reviewDocx';
import { requirePack } from './rulePacks';
import { hasErrors } from './checklist';
import { buildSubmissionPack, overrideFor, refusal, type DecodeFor, type PackResult } from './submissionPack';

/** Pictures from the library database; they are only read. */
export function libraryImages(lib: Library): ImageLoader {
  return (sha256) => (lib.images.has(sha256) ? lib.images.get(sha256).data : undefined);
}

/** Every image spec of every pack: decoding for all of them lets one decode serve every platform. */
export function allSpecs(packs: Iterable<RulePack>): ImageSpec[] {
  return [...packs].flatMap((p) => p.images);
}

/**
 * Decode (once, through the cache) the pictures the given packs use, as many at a time as there are
 * cores: more only adds full-size decode buffers (36 MB for a 12-megapixel photo) to the peak.
 */
export function decoderFor(p: Proposal, specs: readonly ImageSpec[], load: ImageLoader, cache: DecodedImageCache): DecodeFor {
  return async (packs) => {
    const refs = imagesUsedBy(p, packs);
    const decoded = new Map<string, DecodedImage>();
    let next = 0;
    const worker = async () => {
      while (next < refs.length) {
        const ref = refs[next++]!;
        decoded.set(ref.sha256, await cache.get(ref, load, specs));
      }
    };
    await Promise.all(Array.from({ length: Math.min(availableParallelism(), refs.length) }, worker));
    return decoded;
  };
}

export function reviewFileName(p: Proposal): string {
  return `内部审核稿-${safeFileName(p.title)}.docx`;
}

/** The internal review copy as a file, for the platforms given (with their checklists). */
export async function buildReview(p: Proposal, platforms: readonly ReviewPlatform[], exportedAt = new Date(), frozen: ReviewDocxInput['frozen'] = null): Promise<ExportFile> {
  return { path: reviewFileName(p), data: await reviewDocx({ proposal: p, platforms, exportedAt, frozen }) };
}

export interface ProjectExportOptions {
  proposal: Proposal;
  platforms: readonly PlatformId[];
  packs: ReadonlyMap<PlatformId, RulePack>;
  check: CheckFn;
  overrideReason: string | null;
  /** Also write the internal review copy. */
  internal: boolean;
  /** The approved revision `proposal` is, when it is one (printed on the review copy). */
  frozen?: ReviewDocxInput['frozen'];
  load: ImageLoader;
  cache?: DecodedImageCache;
  exportedAt?: Date;
  /** Called as each platform is done, with the time it took (for progress and the benchmark). */
  onPack?: (result: PackResult, ms: number) => void;
}

export interface ProjectExport {
  packs: PackResult[];
  review: ExportFile | null;
}

/**
 * One project to several platforms at once (the CLI and the benchmark; the UI goes one platform per
 * call). The checklist of every platform runs first and every picture is decoded before anything
 * is built, so a broken picture stops the export before any pack exists.
 */
export async function exportProject(o: ProjectExportOptions): Promise<ProjectExport> {
  const p = o.proposal;
  const exportedAt = o.exportedAt ?? new Date();
  const checked: { pack: RulePack; findings: Finding[] }[] = [];
  for (const platform of o.platforms) {
    const pack = requirePack(o.packs, platform, platformLabel(platform));
    checked.push({ pack, findings: await o.check(p, pack) });
  }
  const decode = decoderFor(p, allSpecs(o.packs.values()), o.load, o.cache ?? new DecodedImageCache());
  const writable = checked.filter((c) => !refusal(c.pack.id as PlatformId, c.findings, o.overrideReason)).map((c) => c.pack);
  await decode(writable);

  const packs: PackResult[] = [];
  for (const { pack, findings } of checked) {
    const started = performance.now();
    const result = await buildSubmissionPack({ proposal: p, pack, findings, overrideReason: o.overrideReason, decode, exportedAt });
    packs.push(result);
    o.onPack?.(result, performance.now() - started);
  }
  const review = o.internal
    ? await buildReview(
        p,
        checked.map((c) => ({
          platform: c.pack.id as PlatformId,
          pack: c.pack,
          findings: c.findings,
          overrideReason: hasErrors(c.findings) ? overrideFor(o.overrideReason) : null,
        })),
        exportedAt,
        o.frozen,
      )
    : null;
  return { packs, review };
}
