import { crc32, inflateRawSync } from 'node:zlib';
import { AppError, type ErrorCode } from '../../shared/errors';

/** A name that would land outside the folder it is unpacked into, or that no system would write. */
export function isUnsafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 300) return true;
  if (name.includes('\\') || name.includes('\0') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return true;
  return name.split('/').some((seg) => seg === '..' || seg === '.');
}

export interface UnzipLimits {
  entries: number;
  entryBytes: number;
  totalBytes: number;
}

export interface UnzipOptions {
  /** What the user calls the file, for messages: 交换包, 手册包, 压缩包「x.zip」. */
  what: string;
  code: ErrorCode;
  limits: UnzipLimits;
  /** Entries to unpack (all safe names are checked either way); default all. */
  keep?: (name: string) => boolean;
}

/**
 * Unpacked entries by name. A null-prototype object: names come from the file, so `__proto__` or
 * `constructor` must be an ordinary (absent or present) entry, never Object.prototype's.
 */
export type UnzippedFiles = Record<string, Uint8Array>;

const mb = (n: number) => `${Math.max(1, Math.round(n / 1024 / 1024))} MB`;

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const utf8 = new TextDecoder('utf-8');

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Thrown inside; turned into the caller's AppError with its `what` and `code`. */
class ZipProblem extends Error {}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const stop = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= stop; at--) {
    if (view.getUint32(at, true) === SIG_EOCD) return at;
  }
  throw new ZipProblem('no end record');
}

function readCentralDirectory(bytes: Uint8Array, view: DataView, maxEntries: number, what: string): CentralEntry[] {
  const eocd = findEndOfCentralDirectory(view);
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw new AppError('FILE_INVALID', `${what}使用了不支持的 ZIP64 格式`);
  if (count > maxEntries) throw new ZipProblem(`too many:${count}`);
  const entries: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== SIG_CENTRAL) throw new ZipProblem('bad central entry');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) throw new ZipProblem('name past end');
    entries.push({
      name: utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflate one entry, never producing more than it declared: zlib stops the moment the output passes
 * `size`, so an entry that claims 1,000 bytes and would inflate to 2 GiB costs microseconds, not
 * seconds of CPU. Output shorter than declared, or with the wrong checksum, is damage.
 */
function inflateEntry(bytes: Uint8Array, view: DataView, e: CentralEntry): Uint8Array {
  const at = e.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== SIG_LOCAL) throw new ZipProblem('bad local header');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + e.compressedSize > bytes.length) throw new ZipProblem('data past end');
  const raw = bytes.subarray(start, start + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) {
    out = raw.slice();
  } else if (e.method === 8) {
    try {
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipProblem(`larger:${e.name}`);
      throw new ZipProblem('inflate failed');
    }
  } else {
    throw new ZipProblem('method');
  }
  if (out.length !== e.size) throw new ZipProblem(`larger:${e.name}`);
  if (crc32(out) !== e.crc) throw new ZipProblem('crc');
  return out;
}

/**
 * Unpack a zip that came from outside: refuse unsafe paths (zip-slip), duplicate names, too many
 * entries and entries or totals over the limits before anything is inflated, stop inflating any
 * entry the moment it passes its declared size, and name the problem in Chinese.
 */
export function safeUnzip(bytes: Uint8Array, o: UnzipOptions): UnzippedFiles {
  const bad = (message: string) => new AppError(o.code, message);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const entries = readCentralDirectory(bytes, view, o.limits.entries, o.what);
    const seen = new Set<string>();
    let total = 0;
    for (const e of entries) {
      if (isUnsafeEntryName(e.name)) throw bad(`${o.what}中含有不安全的文件路径「${e.name}」，已拒绝导入`);
      // Two entries with one name: which one a reader sees depends on the reader, so refuse.
      if (seen.has(e.name)) throw bad(`${o.what}中有重名的文件「${e.name}」，可能已被改动，已拒绝导入`);
      seen.add(e.name);
      if (e.flags & 1) throw bad(`${o.what}中的文件「${e.name}」已加密，无法读取`);
      if (e.size > o.limits.entryBytes) throw bad(`${o.what}中的文件「${e.name}」过大（${mb(e.size)}，上限 ${mb(o.limits.entryBytes)}）`);
      total += e.size;
      if (total > o.limits.totalBytes) throw bad(`${o.what}解压后过大（上限 ${mb(o.limits.totalBytes)}）`);
    }
    const files: UnzippedFiles = Object.create(null) as UnzippedFiles;
    for (const e of entries) {
      if (o.keep && !o.keep(e.name)) continue;
      files[e.name] = inflateEntry(bytes, view, e);
    }
    return files;
  } catch (e) {
    if (e instanceof AppError) throw e;
    const m = e instanceof ZipProblem ? e.message : '';
    if (m.startsWith('too many:')) throw bad(`${o.what}中的文件过多（上限 ${o.limits.entries} 个）`);
    if (m.startsWith('larger:')) {
      throw bad(`${o.what}中的文件「${m.slice(7)}」解压后与声明的大小不符（可能是恶意构造的压缩包），已停止解压并拒绝导入`);
    }
    if (m === 'method') throw bad(`${o.what}使用了不支持的压缩方式，请用善策或常见压缩软件重新打包`);
    throw bad(`文件不是有效的${o.what}，无法解压。文件可能不完整或已损坏。`);
  }
}
