import { photoShortfall } from '../../shared/rules/photoCount';
import sharp from 'sharp';
import type { ImageRef, Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { ImageSpec, RulePack } from '../../shared/rules/pack';
import { describeSource } from '../../shared/rules/source';

/** The stored bytes of a picture by its content address, or undefined when it is not there. */
export type ImageLoader = (sha256: string) => Uint8Array | undefined;

/** A picture decoded once, upright, in sRGB without alpha, at the smallest size every spec can use. */
export interface DecodedImage {
  data: Buffer;
  width: number;
  height: number;
  /** The upright size of the original. */
  fullWidth: number;
  fullHeight: number;
}

/** One picture written into a pack. */
export interface PackImage {
  /** Inside the pack, e.g. 「图片/封面图-1.jpg」. */
  path: string;
  data: Buffer;
  spec: ImageSpec;
  ref: ImageRef;
  width: number;
  height: number;
  mime: ImageSpec['formats'][number];
  warnings: string[];
}

export interface PackImages {
  images: PackImage[];
  /** Problems of the set as a whole, e.g. fewer pictures than the platform wants. */
  warnings: string[];
}

const EXT: Record<PackImage['mime'], string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const QUALITIES = [85, 78, 70, 62, 54, 46, 38];
const nameOf = (ref: ImageRef) => ref.fileName || `${ref.sha256.slice(0, 12)}…`;
const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;

/**
 * How far a spec lets the original shrink before cropping: a fixed shape covers the output box
 * (then crops), any shape fits inside it. Never above 1: a small original is not blown up before it
 * has to be.
 */
function neededScale(spec: ImageSpec, w: number, h: number): number {
  const sx = spec.output.width / w;
  const sy = spec.output.height / h;
  return Math.min(1, spec.aspect ? Math.max(sx, sy) : Math.min(sx, sy));
}

/**
 * Decoded pictures, shared by every platform of an export so each photo is decoded once. The
 * decode size is derived from the specs the caller passes; callers that pass the same specs (all
 * the packs there are) get the same decode back. Bounded by bytes, oldest dropped first.
 */
export class DecodedImageCache {
  private readonly entries = new Map<string, Promise<DecodedImage>>();
  private readonly sizes = new Map<string, number>();
  private total = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  /** `idleMs`: drop everything after this long unused, so a long-running app does not hold photos. */
  constructor(
    private readonly maxBytes = 512 * 1024 * 1024,
    private readonly idleMs = 0,
  ) {}

  async get(ref: ImageRef, load: ImageLoader, specs: readonly ImageSpec[]): Promise<DecodedImage> {
    if (this.idleMs > 0) {
      clearTimeout(this.idle);
      this.idle = setTimeout(() => this.clear(), this.idleMs);
      this.idle.unref();
    }
    const key = `${ref.sha256}:${specs.map((s) => `${s.aspect ? 'c' : 'f'}${s.output.width}x${s.output.height}`).sort().join(',')}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh its place in the eviction order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const bytes = load(ref.sha256);
    if (!bytes) {
      throw new AppError('NOT_FOUND', `图片「${nameOf(ref)}」在项目库中不存在，可能已被删除。请在项目中重新上传这张图片后再导出。`);
    }
    const pending = decode(ref, bytes, specs);
    this.entries.set(key, pending);
    pending.then(
      (img) => {
        this.sizes.set(key, img.data.length);
        this.total += img.data.length;
        this.evict();
      },
      () => this.entries.delete(key),
    );
    return pending;
  }

  clear(): void {
    this.entries.clear();
    this.sizes.clear();
    this.total = 0;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.total <= this.maxBytes) return;
      const size = this.sizes.get(key);
      if (size === undefined) continue;
      this.entries.delete(key);
      this.sizes.delete(key);
      this.total -= size;
    }
  }
}

async function decode(ref: ImageRef, bytes: Uint8Array, specs: readonly ImageSpec[]): Promise<DecodedImage> {
  try {
    const meta = await sharp(bytes).metadata();
    const fullWidth = meta.autoOrient.width;
    const fullHeight = meta.autoOrient.height;
    const scale = specs.length === 0 ? 1 : Math.max(...specs.map((s) => neededScale(s, fullWidth, fullHeight)));
    const width = Math.max(1, Math.round(fullWidth * scale));
    const height = Math.max(1, Math.round(fullHeight * scale));
    // One decode per photo; a JPEG shrinks while it is read, which is where most of the time goes.
    const { data, info } = await sharp(bytes, { failOn: 'error', autoOrient: true })
      .resize(width, height, { fit: 'fill' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    return { data, width: info.width, height: info.height, fullWidth, fullHeight };
  } catch (e) {
    if (e instanceof AppError) throw e;
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new AppError('FILE_INVALID', `图片「${nameOf(ref)}」已损坏，无法读取（${reason}）。请在项目中重新上传这张图片后再导出。`);
  }
}

/** The pictures a spec takes: the cover for a cover spec, the others (or all, without a cover spec) for a gallery. */
export function imagesForSpec(p: Proposal, pack: RulePack, spec: ImageSpec): ImageRef[] {
  return candidatesFor(p, pack, spec).slice(0, spec.maxCount);
}

function candidatesFor(p: Proposal, pack: RulePack, spec: ImageSpec): ImageRef[] {
  const cover = p.images.find((i) => i.isCover) ?? p.images[0];
  if (spec.role === 'cover') return cover ? [cover] : [];
  const hasCoverSpec = pack.images.some((s) => s.role === 'cover');
  return p.images.filter((i) => !hasCoverSpec || spec.countsCover || i !== cover);
}

/** Every picture a pack uses, each once. */
export function imagesUsedBy(p: Proposal, packs: readonly RulePack[]): ImageRef[] {
  const used = new Map<string, ImageRef>();
  for (const pack of packs) for (const spec of pack.images) for (const ref of imagesForSpec(p, pack, spec)) used.set(ref.id, ref);
  return p.images.filter((ref) => used.has(ref.id));
}

/** The part of the picture to keep for a shape, centred on the focal point as far as the edges allow. */
export function cropRegion(width: number, height: number, aspect: number, focal: { x: number; y: number }) {
  let cw = width;
  let ch = height;
  if (width / height > aspect) cw = Math.max(1, Math.min(width, Math.round(height * aspect)));
  else ch = Math.max(1, Math.min(height, Math.round(width / aspect)));
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  return {
    left: clamp(Math.round(focal.x * width - cw / 2), width - cw),
    top: clamp(Math.round(focal.y * height - ch / 2), height - ch),
    width: cw,
    height: ch,
  };
}

function outputMime(spec: ImageSpec): PackImage['mime'] {
  return spec.formats.includes('image/jpeg') ? 'image/jpeg' : spec.formats[0]!;
}

async function encode(raw: Buffer, width: number, height: number, mime: PackImage['mime'], maxBytes: number): Promise<Buffer> {
  const input = () => sharp(raw, { raw: { width, height, channels: 3 } });
  if (mime === 'image/png') return input().png({ compressionLevel: 6 }).toBuffer();
  let out: Buffer | undefined;
  for (const quality of QUALITIES) {
    out = mime === 'image/jpeg' ? await input().jpeg({ quality, progressive: true }).toBuffer() : await input().webp({ quality }).toBuffer();
    if (out.length <= maxBytes) break;
  }
  return out!;
}

function describeConsentWarnings(ref: ImageRef): string[] {
  const out: string[] = [];
  if (ref.consent.identifiablePeople && !ref.consent.portraitConsent) out.push('含可识别人物，但未登记肖像授权');
  if (ref.consent.minors && !ref.consent.guardianConsent) out.push('含未成年人，但未登记监护人同意');
  return out;
}

/**
 * Encoded outputs of each decoded picture, by crop, size, format and byte limit. Platforms often
 * share a spec (the federation's defaults are the same everywhere), and cropping and encoding is
 * the costly part of a pack, so one export does each distinct output once. Entries live exactly as
 * long as their decoded picture does in the DecodedImageCache.
 */
const rendered = new WeakMap<DecodedImage, Map<string, Promise<Buffer>>>();

function renderedOnce(decoded: DecodedImage, key: string, make: () => Promise<Buffer>): Promise<Buffer> {
  let outputs = rendered.get(decoded);
  if (!outputs) rendered.set(decoded, (outputs = new Map()));
  let out = outputs.get(key);
  if (!out) {
    out = make();
    outputs.set(key, out);
    out.catch(() => outputs.delete(key));
  }
  return out;
}

async function renderOne(ref: ImageRef, decoded: DecodedImage, spec: ImageSpec, path: string): Promise<PackImage> {
  const warnings: string[] = [];
  const mime = outputMime(spec);
  let region = { left: 0, top: 0, width: decoded.width, height: decoded.height };
  let outW: number;
  let outH: number;
  if (spec.aspect) {
    // The output box is what the platform shows; crop to its exact shape so nothing is stretched.
    outW = spec.output.width;
    outH = spec.output.height;
    region = cropRegion(decoded.width, decoded.height, outW / outH, ref.focalPoint);
  } else {
    const s = Math.min(1, spec.output.width / decoded.fullWidth, spec.output.height / decoded.fullHeight);
    outW = Math.max(1, Math.round(decoded.fullWidth * s));
    outH = Math.max(1, Math.round(decoded.fullHeight * s));
  }
  // What the crop amounts to in the original's pixels decides whether it is sharp enough.
  const toFull = decoded.fullWidth / decoded.width;
  const keptW = Math.round(region.width * toFull);
  const keptH = Math.round(region.height * toFull);
  if (keptW < spec.minWidth || keptH < spec.minHeight) {
    warnings.push(`原图可用部分只有 ${keptW}×${keptH} 像素，低于平台最低 ${spec.minWidth}×${spec.minHeight}，画面可能模糊`);
  } else if (keptW < outW || keptH < outH) {
    warnings.push(`原图可用部分 ${keptW}×${keptH} 像素，已放大到 ${outW}×${outH}`);
  }
  const key = `${region.left},${region.top},${region.width},${region.height}|${outW}x${outH}|${mime}|${spec.maxBytes}`;
  const data = await renderedOnce(decoded, key, async () => {
    const resized = await sharp(decoded.data, { raw: { width: decoded.width, height: decoded.height, channels: 3 } })
      .extract(region)
      .resize(outW, outH, { fit: 'fill' })
      .raw()
      .toBuffer();
    return encode(resized, outW, outH, mime, spec.maxBytes);
  });
  if (data.length > spec.maxBytes) warnings.push(`压缩后仍有 ${kb(data.length)}，超过平台上限 ${kb(spec.maxBytes)}`);
  warnings.push(...describeConsentWarnings(ref));
  return { path, data, spec, ref, width: outW, height: outH, mime, warnings };
}

/**
 * The pictures of one platform's pack, cropped and resized to each of its specs. `decoded` holds
 * every picture the pack uses (see `imagesUsedBy`); the originals are only ever read.
 */
export async function renderPackImages(p: Proposal, pack: RulePack, decoded: ReadonlyMap<string, DecodedImage>): Promise<PackImages> {
  const warnings: string[] = [];
  const jobs: Promise<PackImage>[] = [];
  for (const spec of pack.images) {
    const candidates = candidatesFor(p, pack, spec);
    const refs = candidates.slice(0, spec.maxCount);
    if (refs.length < spec.minCount) warnings.push(photoShortfall(spec, refs.length, pack.images.some((s) => s.role === 'cover')));
    if (candidates.length > refs.length) warnings.push(`「${spec.label}」最多 ${spec.maxCount} 张，另有 ${candidates.length - refs.length} 张未放入`);
    refs.forEach((ref, i) => {
      const img = decoded.get(ref.sha256);
      if (!img) throw new Error(`image ${ref.sha256} was not decoded`);
      jobs.push(renderOne(ref, img, spec, `图片/${spec.label}-${i + 1}.${EXT[outputMime(spec)]}`));
    });
  }
  return { images: await Promise.all(jobs), warnings };
}

export function describeSpec(spec: ImageSpec): string {
  const shape = spec.aspect ? `${spec.aspect.w}:${spec.aspect.h}` : '不限比例';
  const size = spec.aspect ? `输出 ${spec.output.width}×${spec.output.height}` : `输出不超过 ${spec.output.width}×${spec.output.height}`;
  const formats = spec.formats.map((f) => EXT[f].toUpperCase()).join('/');
  return `${shape}，至少 ${spec.minWidth}×${spec.minHeight} 像素，${size}，单张不超过 ${kb(spec.maxBytes)}，格式 ${formats}，${spec.minCount}–${spec.maxCount} 张${spec.countsCover ? '（含封面）' : ''}（依据：${describeSource(spec.source)}）`;
}

export function describeConsent(ref: ImageRef): string {
  const parts: string[] = [];
  if (!ref.consent.identifiablePeople) parts.push('无可识别人物');
  else parts.push(ref.consent.portraitConsent ? '含可识别人物，已取得肖像授权' : '含可识别人物，未登记肖像授权');
  if (ref.consent.minors) parts.push(ref.consent.guardianConsent ? '含未成年人，已取得监护人同意' : '含未成年人，未登记监护人同意');
  return parts.join('；');
}

/** The caption, source and consent of every picture in a pack, as a plain-text list. */
export function imageListText(platformLabel: string, pack: RulePack, result: PackImages): string {
  const lines = [`图片清单 · ${platformLabel}`, '每张图片的说明、来源和肖像授权情况。原图保存在善策项目库中，导出时未做任何改动。', ''];
  for (const w of result.warnings) lines.push(`注意：${w}`);
  for (const spec of pack.images) {
    lines.push('', `【${spec.label}】${describeSpec(spec)}`);
    const mine = result.images.filter((i) => i.spec === spec);
    if (mine.length === 0) lines.push('  （无）');
    mine.forEach((img, i) => {
      const r = img.ref;
      lines.push(`${i + 1}. ${img.path}（${img.width}×${img.height}，${kb(img.data.length)}）`);
      lines.push(`   原图：${r.fileName || '（无文件名）'}（${r.width}×${r.height}）`);
      lines.push(`   说明：${r.caption || '（未填写图片说明）'}`);
      lines.push(`   来源：${r.source || '（未填写来源）'}`);
      lines.push(`   肖像授权：${describeConsent(r)}`);
      for (const w of img.warnings) lines.push(`   注意：${w}`);
    });
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
