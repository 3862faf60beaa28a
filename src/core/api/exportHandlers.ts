import type { ExportPlatform } from '../../shared/api/methods/export';
import { PLATFORM_IDS, platformLabel, type PlatformId } from '../../shared/domain/catalog';
import { combineParts, safeFileName, zipFiles } from '../export/archive';
import { checklistCounts, hasErrors } from '../export/checklist';
import { allSpecs, buildReview, decoderFor, libraryImages } from '../export/exportProject';
import { DecodedImageCache } from '../export/images';
import { requirePack, type ExportRules } from '../export/rulePacks';
import { buildSubmissionPack, overrideFor, refusalMessage, type PackResult, type WrittenPack } from '../export/submissionPack';
import { removeListing, setListing } from '../listings/listings';
import type { Handlers } from './dispatch';
import type { CoreContext } from './context';

type ExportMethod =
  | 'export.platforms'
  | 'export.pack'
  | 'export.review'
  | 'export.combine'
  | 'listing.set'
  | 'listing.remove';

const summary = (r: WrittenPack) => ({
  status: 'written' as const,
  platform: r.platform,
  label: r.label,
  files: r.files.map((f) => f.path),
  findings: r.findings,
  overridden: r.overridden,
  warnings: r.warnings,
});

/**
 * Submission packs, the internal review copy and the listing tracker.
 *
 * `rules` gives the platforms' active packs and their checklists (see exportRules).
 */
export function exportHandlers(ctx: CoreContext, rules: ExportRules): Pick<Handlers, ExportMethod> {
  const { lib } = ctx;
  const { check } = rules;
  const load = libraryImages(lib);
  // Shared by the per-platform calls of one export, so each photo is decoded once for all of them.
  const images = new DecodedImageCache(512 * 1024 * 1024, 2 * 60_000);

  async function packFor(id: string, platform: PlatformId, overrideReason: string | null): Promise<PackResult> {
    // Exports come from the approved, frozen revision when there is one (see ReviewStore.forExport).
    const p = lib.review.forExport(id).proposal;
    const packs = rules.platformPacks();
    const pack = requirePack(packs, platform, platformLabel(platform));
    const findings = await check(p, pack);
    const decode = decoderFor(p, allSpecs(packs.values()), load, images);
    return buildSubmissionPack({ proposal: p, pack, findings, overrideReason, decode });
  }

  async function review(id: string, chosen: PlatformId[] | null, overrides: Partial<Record<PlatformId, string>> = {}) {
    const { proposal: p, frozen } = lib.review.forExport(id);
    const packs = rules.platformPacks();
    const platforms = chosen ?? (p.platforms.length ? p.platforms : [...packs.keys()]);
    const items = [];
    for (const platform of platforms) {
      const pack = packs.get(platform) ?? null;
      const findings = pack ? await check(p, pack) : [];
      items.push({ platform, pack, findings, overrideReason: hasErrors(findings) ? overrideFor(overrides[platform] ?? null) : null });
    }
    return buildReview(p, items, new Date(), frozen);
  }

  return {
    'export.platforms': async ({ id }) => {
      const p = lib.review.forExport(id).proposal;
      const packs = rules.platformPacks();
      const items: ExportPlatform[] = [];
      for (const platform of PLATFORM_IDS) {
        const pack = packs.get(platform);
        const findings = pack ? await check(p, pack) : [];
        items.push({
          platform,
          label: platformLabel(platform),
          targeted: p.platforms.includes(platform),
          hasPack: pack !== undefined,
          packName: pack?.name ?? null,
          packVersion: pack?.version ?? null,
          effectiveDate: pack?.effectiveDate ?? null,
          findings,
          counts: checklistCounts(findings),
          blocked: hasErrors(findings),
        });
      }
      return { items };
    },
    'export.pack': async ({ id, platform, overrideReason }) => {
      const r = await packFor(id, platform, overrideReason);
      if (r.status === 'refused') return { ...r, message: refusalMessage(r) };
      return { ...summary(r), fileName: `${r.folder}.zip`, dataBase64: Buffer.from(zipFiles(r.files, r.folder)).toString('base64') };
    },
    'export.review': async ({ id, platforms, overrides }) => {
      const file = await review(id, platforms, overrides);
      return { fileName: file.path, dataBase64: Buffer.from(file.data).toString('base64') };
    },
    'export.combine': ({ name, parts }) => {
      const data = combineParts(parts.map((part) => ({ fileName: part.fileName, data: Buffer.from(part.dataBase64, 'base64') })));
      return { fileName: `${safeFileName(name)}.zip`, dataBase64: Buffer.from(data).toString('base64') };
    },
    'listing.set': ({ id, index, listing }) => setListing(lib, id, index, listing),
    'listing.remove': ({ id, index, platform }) => removeListing(lib, id, index, platform),
  };
}
