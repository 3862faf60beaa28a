import type { Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { ServerProposal } from '../../shared/federation/contract';
import { inspectImage, type ImageMeta } from '../library/images';
import type { Library } from '../library/library';
import type { FederationHttp } from './http';

/** images.missing takes at most this many hashes per call (the contract's bound). */
const MISSING_BATCH = 5000;

/** Send the images these proposals use that the server lacks: each picture once, whatever uses it. */
export async function uploadMissingImages(http: FederationHttp, lib: Library, proposals: readonly Proposal[]): Promise<number> {
  const wanted = [...new Set(proposals.flatMap((p) => p.images.map((i) => i.sha256)))].filter((sha) => lib.images.has(sha));
  let sent = 0;
  for (let i = 0; i < wanted.length; i += MISSING_BATCH) {
    const { missing } = await http.call('images.missing', { sha256: wanted.slice(i, i + MISSING_BATCH) });
    for (const sha256 of missing) {
      const img = lib.images.get(sha256);
      await http.call('images.put', { sha256, mime: img.mime, data: img.data.toString('base64') });
      sent += 1;
    }
  }
  return sent;
}

/**
 * Fetch the images the district's own proposals of a pull page use and the desk lacks, checked like
 * any picture from outside, before the page's transaction (which stores them with the proposals).
 */
export async function fetchMissingImages(
  http: FederationHttp,
  lib: Library,
  own: readonly ServerProposal[],
): Promise<Map<string, { meta: ImageMeta; data: Buffer }>> {
  const out = new Map<string, { meta: ImageMeta; data: Buffer }>();
  for (const sp of own) {
    for (const ref of sp.proposal.images) {
      if (out.has(ref.sha256) || lib.images.has(ref.sha256)) continue;
      const got = await http.call('images.get', { sha256: ref.sha256 });
      const data = Buffer.from(got.data, 'base64');
      const meta = await inspectImage(data, ref.fileName);
      if (meta.sha256 !== ref.sha256) {
        throw new AppError('SERVER_ERROR', `总会服务器发来的图片「${ref.fileName || ref.sha256}」与校验值不符，本次同步未写入任何内容`);
      }
      out.set(ref.sha256, { meta, data });
    }
  }
  return out;
}
