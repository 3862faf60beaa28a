import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Proposal } from '../../shared/domain/proposal';
import { sha256Hex } from '../library/images';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, MANIFEST_NAME, imagePath, proposalPath, type Manifest } from './manifest';

export interface BundleImage {
  sha256: string;
  mime: string;
  data: Uint8Array;
}

export function writeBundle(proposals: readonly Proposal[], images: readonly BundleImage[], generator: string): Uint8Array {
  const files: Zippable = {};
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    generator,
    proposals: [],
    images: [],
  };
  for (const p of proposals) {
    const data = strToU8(JSON.stringify(p, null, 2));
    const path = proposalPath(p.id);
    files[path] = data;
    manifest.proposals.push({ id: p.id, title: p.title, path, sha256: sha256Hex(data), schemaVersion: p.schemaVersion });
  }
  for (const img of images) {
    const path = imagePath(img.sha256);
    // Photos are already compressed; deflating them again only costs time.
    files[path] = [img.data, { level: 0 }];
    manifest.images.push({ sha256: img.sha256, path, mime: img.mime, bytes: img.data.length });
  }
  files[MANIFEST_NAME] = strToU8(JSON.stringify(manifest, null, 2));
  return zipSync(files, { level: 6 });
}
