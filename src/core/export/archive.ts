import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { AppError } from '../../shared/errors';
import { isUnsafeEntryName, safeUnzip } from '../util/safeUnzip';
import { checkpoint } from '../jobs/progress';

/** One file of an export, by its path relative to the export's folder. */
export interface ExportFile {
  path: string;
  data: Uint8Array;
}

/** A name Windows, macOS and Linux all accept: no separators or reserved characters, not too long. */
export function safeFileName(name: string, fallback = '未命名项目'): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const chars = [...cleaned];
  return chars.length === 0 ? fallback : chars.slice(0, 60).join('');
}

// Pictures and Office files are compressed already: storing them is as small and much faster.
const STORED = /\.(jpe?g|png|webp|docx|xlsx|zip)$/i;

/** A zip of the files, each under `folder/` when given. Names are UTF-8 (fflate marks them so). */
export function zipFiles(files: readonly ExportFile[], folder?: string): Uint8Array {
  // Paths may come from outside (combined downloads): a "__proto__" must be a file, not a prototype.
  const entries: Zippable = Object.create(null) as Zippable;
  for (const f of files) {
    const name = folder ? `${folder}/${f.path}` : f.path;
    entries[name] = [f.data, { level: STORED.test(f.path) ? 0 : 6 }];
  }
  return zipSync(entries);
}

/** What one pack handed back for combining may hold: it came from export.pack, but passed through a client. */
const COMBINE_LIMITS = { entries: 2_000, entryBytes: 60 * 1024 * 1024, totalBytes: 400 * 1024 * 1024 };

/**
 * Several downloads of one export as a single zip: the entries of each `.zip` part, any other part
 * (the review copy) as a file at the top.
 */

export function combineParts(parts: readonly { fileName: string; data: Uint8Array }[]): Uint8Array {
  const files: ExportFile[] = [];
  const seen = new Set<string>();
  const add = (path: string, data: Uint8Array) => {
    if (isUnsafeEntryName(path)) throw new AppError('FILE_INVALID', `文件路径「${path}」不安全，已拒绝打包`);
    // The zip writer keeps names as object keys; this one would silently vanish from the download.
    if (path.split('/').includes('__proto__')) throw new AppError('FILE_INVALID', `文件名「${path}」无法打包，请改名后再试`);
    if (seen.has(path)) throw new AppError('CONFLICT', `要打包的文件中有重名文件「${path}」`);
    seen.add(path);
    files.push({ path, data });
  };
  for (const [i, part] of parts.entries()) {
    checkpoint('正在打包', i, parts.length + 1);
    if (!/\.zip$/i.test(part.fileName)) {
      add(part.fileName, part.data);
      continue;
    }
    const entries = safeUnzip(part.data, { what: `压缩包「${part.fileName}」`, code: 'FILE_INVALID', limits: COMBINE_LIMITS });
    for (const [path, data] of Object.entries(entries)) if (!path.endsWith('/')) add(path, data);
  }
  checkpoint('正在压缩', parts.length, parts.length + 1);
  return zipFiles(files);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** `name`, or 「name（2）」, 「name（3）」… so an earlier export is never overwritten. */
export async function freeName(dir: string, name: string, ext = ''): Promise<string> {
  for (let i = 1; i < 1000; i++) {
    const candidate = join(dir, `${name}${i === 1 ? '' : `（${i}）`}${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
  throw new AppError('CONFLICT', `「${dir}」中已有太多同名的导出，请换一个文件夹`);
}

async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new AppError('FILE_INVALID', `无法在「${dir}」创建文件夹：${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Write the files into a new folder `dir/name`, or as `dir/name.zip`. Everything is written under a
 * temporary name first and renamed at the end, so an interrupted export leaves no half pack behind
 * under the real name. Returns the path written.
 */
export async function writeExport(dir: string, name: string, files: readonly ExportFile[], asZip: boolean): Promise<string> {
  await ensureDir(dir);
  const target = await freeName(dir, name, asZip ? '.zip' : '');
  const tmp = `${target}.part-${process.pid}-${Date.now()}`;
  try {
    if (asZip) {
      await writeFile(tmp, zipFiles(files, name));
    } else {
      for (const f of files) {
        const path = join(tmp, f.path);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, f.data);
      }
    }
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw new AppError('FILE_INVALID', `写入「${target}」失败：${e instanceof Error ? e.message : String(e)}`);
  }
  return target;
}

/** One file into `dir` under a name no earlier export has, written whole or not at all. */
export async function writeSingleFile(dir: string, fileName: string, data: Uint8Array): Promise<string> {
  await ensureDir(dir);
  const dot = fileName.lastIndexOf('.');
  const target = await freeName(dir, dot > 0 ? fileName.slice(0, dot) : fileName, dot > 0 ? fileName.slice(dot) : '');
  const tmp = `${target}.part-${process.pid}-${Date.now()}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new AppError('FILE_INVALID', `写入「${target}」失败：${e instanceof Error ? e.message : String(e)}`);
  }
  return target;
}
