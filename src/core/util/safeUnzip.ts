import { unzipSync, type UnzipFileInfo } from 'fflate';
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

const mb = (n: number) => `${Math.max(1, Math.round(n / 1024 / 1024))} MB`;

/**
 * Unpack a zip that came from outside: refuse unsafe paths (zip-slip), too many entries and entries
 * or totals over the limits before anything is inflated, and name the problem in Chinese. The sizes
 * checked are the declared ones; fflate inflates each entry into a buffer of exactly that size, so
 * a lying header cannot make it write more.
 */
export function safeUnzip(bytes: Uint8Array, o: UnzipOptions): Record<string, Uint8Array> {
  const bad = (message: string) => new AppError(o.code, message);
  let count = 0;
  let total = 0;
  const check = (f: UnzipFileInfo): boolean => {
    if (isUnsafeEntryName(f.name)) throw bad(`${o.what}中含有不安全的文件路径「${f.name}」，已拒绝导入`);
    count += 1;
    total += f.originalSize;
    if (count > o.limits.entries) throw bad(`${o.what}中的文件过多（上限 ${o.limits.entries} 个）`);
    if (f.originalSize > o.limits.entryBytes) {
      throw bad(`${o.what}中的文件「${f.name}」过大（${mb(f.originalSize)}，上限 ${mb(o.limits.entryBytes)}）`);
    }
    if (total > o.limits.totalBytes) throw bad(`${o.what}解压后过大（上限 ${mb(o.limits.totalBytes)}）`);
    return o.keep ? o.keep(f.name) : true;
  };
  try {
    return unzipSync(bytes, { filter: check });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw bad(`文件不是有效的${o.what}，无法解压。文件可能不完整或已损坏。`);
  }
}
