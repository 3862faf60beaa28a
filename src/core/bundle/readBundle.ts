import { strFromU8 } from 'fflate';
import { BUNDLE_LIMITS } from '../../shared/domain/limits';
import { describeIssues } from '../../shared/domain/fieldLabels';
import { parseProposal } from '../../shared/domain/factory';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import { inspectImage, sha256Hex, type ImageMeta } from '../library/images';
import { checkpoint } from '../jobs/progress';
import { safeUnzip } from '../util/safeUnzip';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, MANIFEST_NAME, manifestSchema, type Manifest } from './manifest';

export interface ImportImage {
  meta: ImageMeta;
  data: Uint8Array;
}

/** Proposals and their images, read and checked, ready to be written in one transaction. */
export interface ImportSource {
  proposals: Proposal[];
  images: Map<string, ImportImage>;
}

const bad = (message: string, details: string[] = []) => new AppError('BUNDLE_INVALID', message, details);
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

function unzipChecked(bytes: Uint8Array): Record<string, Uint8Array> {
  if (bytes.length > BUNDLE_LIMITS.fileBytes) throw bad(`交换包过大（上限 ${mb(BUNDLE_LIMITS.fileBytes)}）`);
  return safeUnzip(bytes, {
    what: '善策交换包（.shance）',
    code: 'BUNDLE_INVALID',
    limits: { entries: BUNDLE_LIMITS.entries, entryBytes: BUNDLE_LIMITS.entryBytes, totalBytes: BUNDLE_LIMITS.totalBytes },
  });
}

function parseJson(data: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(strFromU8(data));
  } catch {
    throw bad(`交换包中的「${name}」不是有效的 JSON，文件可能已损坏`);
  }
}

function readManifest(files: Record<string, Uint8Array>): Manifest {
  const data = files[MANIFEST_NAME];
  if (!data) throw bad('交换包缺少清单文件 manifest.json，不是善策导出的文件');
  const raw = parseJson(data, MANIFEST_NAME);
  const r = raw as { format?: unknown; formatVersion?: unknown };
  if (r?.format !== BUNDLE_FORMAT) throw bad('清单文件不是善策交换包格式');
  if (typeof r.formatVersion === 'number' && r.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw bad(`该交换包由更新版本的善策生成（格式版本 ${r.formatVersion}，本程序支持到 ${BUNDLE_FORMAT_VERSION}），请升级后再导入`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw bad('交换包清单内容不完整或格式错误', describeIssues(parsed.error, 'manifest.json '));
  return parsed.data;
}

function verified(files: Record<string, Uint8Array>, path: string, expected: string): Uint8Array {
  const data = files[path];
  if (!data) throw bad(`交换包缺少清单中列出的文件「${path}」`);
  if (sha256Hex(data) !== expected) throw bad(`文件「${path}」校验失败，交换包可能已损坏或被改动，未导入任何内容`);
  return data;
}

/** Unpack a `.shance` file and check everything in it; nothing is written anywhere. */
export async function readBundle(bytes: Uint8Array): Promise<ImportSource> {
  const files = unzipChecked(bytes);
  const manifest = readManifest(files);

  const listed = new Set<string>([MANIFEST_NAME]);
  const proposals: Proposal[] = [];
  const seen = new Set<string>();
  const steps = manifest.proposals.length + manifest.images.length;
  for (const [i, entry] of manifest.proposals.entries()) {
    checkpoint('正在检查交换包', i, steps);
    listed.add(entry.path);
    if (seen.has(entry.id)) throw bad(`交换包中项目编号「${entry.id}」重复出现`);
    seen.add(entry.id);
    const data = verified(files, entry.path, entry.sha256);
    if (data.length > BUNDLE_LIMITS.proposalJsonBytes) throw bad(`项目文件「${entry.path}」过大`);
    const p = parseProposal(parseJson(data, entry.path), entry.path);
    if (p.id !== entry.id) throw bad(`项目文件「${entry.path}」的编号与清单不一致`);
    proposals.push(p);
  }

  const images = new Map<string, ImportImage>();
  for (const [i, entry] of manifest.images.entries()) {
    checkpoint('正在检查交换包', manifest.proposals.length + i, steps);
    listed.add(entry.path);
    const data = verified(files, entry.path, entry.sha256);
    images.set(entry.sha256, { meta: await inspectImage(data, entry.path), data });
  }

  const extra = Object.keys(files).filter((name) => !listed.has(name) && !name.endsWith('/'));
  if (extra.length > 0) throw bad(`交换包中有清单未列出的文件「${extra[0]}」，可能已被改动，未导入任何内容`);
  return { proposals, images };
}
