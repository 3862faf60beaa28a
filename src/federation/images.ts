import { AppError } from '../shared/errors';
import { MAX_IMAGE_BYTES } from '../shared/federation/contract';
import { sha256Hex, sniffMime, type ImageMime } from '../core/util/imageBytes';
import type { Sql } from './db/sql';

type Mime = ImageMime;

/** Images are stored once, by the SHA-256 of their bytes; the server checks the bytes match it. */
export async function putImage(db: Sql, sha256: string, mime: Mime, base64: string): Promise<boolean> {
  const data = Buffer.from(base64, 'base64');
  if (data.length === 0 || data.length > MAX_IMAGE_BYTES) throw new AppError('TOO_LARGE', `图片为空或过大（上限 ${MAX_IMAGE_BYTES / 1024 / 1024} MB）`);
  if (sha256Hex(data) !== sha256) throw new AppError('FILE_INVALID', '图片内容与校验值不符，可能在传输中损坏，请重新同步');
  if (sniffMime(data) !== mime) throw new AppError('FILE_INVALID', '图片不是所声明的 JPEG、PNG 或 WebP 格式');
  const rows = await db.query('INSERT INTO images (sha256, mime, bytes, data) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING RETURNING sha256', [
    sha256,
    mime,
    data.length,
    data,
  ]);
  return rows.length > 0;
}

/**
 * Images this server has seen stored, per database. The server never deletes an image, so once a
 * read found one it stays found, even with other servers on the same PostgreSQL; only what a read
 * returned goes in (never a write, whose transaction may still roll back). Every push asks about
 * its proposal's images, mostly the same ones again: this saves that round trip.
 */
const seenStored = new WeakMap<Sql, Set<string>>();
const SEEN_LIMIT = 200_000;

export async function missingImages(db: Sql, sha256s: readonly string[]): Promise<string[]> {
  let seen = seenStored.get(db);
  if (!seen) seenStored.set(db, (seen = new Set()));
  const wanted = [...new Set(sha256s)].filter((s) => !seen.has(s));
  if (wanted.length === 0) return [];
  const have = new Set((await db.query<{ sha256: string }>('SELECT sha256 FROM images WHERE sha256 = ANY($1::text[])', [wanted])).map((r) => r.sha256));
  if (seen.size + have.size > SEEN_LIMIT) seen.clear();
  for (const s of have) seen.add(s);
  return wanted.filter((s) => !have.has(s));
}

export async function getImage(db: Sql, sha256: string): Promise<{ mime: Mime; data: string }> {
  const row = (await db.query<{ mime: Mime; data: Uint8Array }>('SELECT mime, data FROM images WHERE sha256 = $1', [sha256]))[0];
  if (!row) throw new AppError('NOT_FOUND', '服务器上没有这张图片');
  return { mime: row.mime, data: Buffer.from(row.data).toString('base64') };
}
