import { LIMITS } from '../../shared/domain/limits';
import { newId } from '../../shared/domain/factory';
import type { ImageRef } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { sha256Hex, sniffMime } from '../util/imageBytes';

export { sha256Hex, sniffMime };

export type ImageMime = ImageRef['mime'];

export interface ImageMeta {
  sha256: string;
  mime: ImageMime;
  width: number;
  height: number;
  bytes: number;
}

/** Check that the bytes are a picture we can use, and read its size. */
export async function inspectImage(data: Uint8Array, fileName: string): Promise<ImageMeta> {
  const name = fileName || '图片';
  if (data.length === 0) throw new AppError('FILE_INVALID', `图片「${name}」是空文件`);
  if (data.length > LIMITS.imageBytes) {
    throw new AppError('TOO_LARGE', `图片「${name}」过大（${(data.length / 1024 / 1024).toFixed(1)} MB，上限 ${LIMITS.imageBytes / 1024 / 1024} MB）`);
  }
  const mime = sniffMime(data);
  if (!mime) throw new AppError('FILE_INVALID', `「${name}」不是 JPEG、PNG 或 WebP 图片`);
  try {
    // Imported here, not at the top: every library opening loads this module, few add an image.
    const { default: sharp } = await import('sharp');
    const meta = await sharp(data).metadata();
    if (!meta.width || !meta.height) throw new Error('no size');
    return { sha256: sha256Hex(data), mime, width: meta.width, height: meta.height, bytes: data.length };
  } catch {
    throw new AppError('FILE_INVALID', `图片「${name}」已损坏，无法读取`);
  }
}

/**
 * Images live inside the library database, keyed by the SHA-256 of their bytes: one file to back up,
 * imports that land in the same transaction as the proposals that use them, and the same photo
 * used by several proposals stored once.
 */
export class ImageStore {
  constructor(private readonly db: Db) {}

  has(sha256: string): boolean {
    return this.db.prepare('SELECT 1 FROM images WHERE sha256 = ?').get(sha256) !== undefined;
  }

  /** Store the bytes (once) and return them as a new reference ready to attach to a proposal. */
  async add(data: Uint8Array, fileName: string): Promise<ImageRef> {
    const meta = await inspectImage(data, fileName);
    this.put(meta, data);
    return {
      id: newId(),
      sha256: meta.sha256,
      fileName: fileName.slice(0, 255),
      mime: meta.mime,
      width: meta.width,
      height: meta.height,
      bytes: meta.bytes,
      caption: '',
      source: '',
      isCover: false,
      focalPoint: { x: 0.5, y: 0.5 },
      consent: { identifiablePeople: false, portraitConsent: false, minors: false, guardianConsent: false },
    };
  }

  /** Write already-inspected bytes; callers inside a transaction use this. */
  put(meta: ImageMeta, data: Uint8Array): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO images (sha256, mime, width, height, bytes, data, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(meta.sha256, meta.mime, meta.width, meta.height, meta.bytes, Buffer.from(data), new Date().toISOString());
  }

  get(sha256: string): { mime: ImageMime; data: Buffer } {
    const row = this.db.prepare('SELECT mime, data FROM images WHERE sha256 = ?').get(sha256) as
      | { mime: ImageMime; data: Buffer }
      | undefined;
    if (!row) throw new AppError('NOT_FOUND', '图片在项目库中不存在，可能已被删除');
    return row;
  }
}
