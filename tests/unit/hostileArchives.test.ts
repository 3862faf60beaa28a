import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, test } from 'vitest';
import { readBundle } from '../../src/core/bundle/readBundle';
import { combineParts } from '../../src/core/export/archive';
import { readHandbookUpload } from '../../src/core/handbook/readPackage';
import { safeUnzip } from '../../src/core/util/safeUnzip';
import { AppError } from '../../src/shared/errors';
import { makeProposal } from './helpers/proposals';
import { tmpLibrary } from './helpers/tmp';

const refused = async (f: () => unknown): Promise<AppError> => {
  try {
    await f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
};

/** Offsets of every header naming `name` (local 0x04034b50 and central 0x02014b50). */
function headersOf(zip: Uint8Array, name: string): { at: number; central: boolean }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const want = strToU8(name);
  const out: { at: number; central: boolean }[] = [];
  for (let i = 0; i + 46 < zip.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig !== 0x04034b50 && sig !== 0x02014b50) continue;
    const central = sig === 0x02014b50;
    const nameAt = i + (central ? 46 : 30);
    const len = view.getUint16(i + (central ? 28 : 26), true);
    if (len === want.length && want.every((b, k) => zip[nameAt + k] === b)) out.push({ at: i, central });
  }
  return out;
}

/** A zip whose entry `name` declares `claimed` bytes but really inflates to `real` zero bytes. */
function lyingZip(name: string, real: number, claimed: number, extra: Zippable = {}): Uint8Array {
  const zip = zipSync({ ...extra, [name]: [new Uint8Array(real), { level: 9 }] });
  const view = new DataView(zip.buffer);
  for (const h of headersOf(zip, name)) view.setUint32(h.at + (h.central ? 24 : 22), claimed, true);
  return zip;
}

/** Rename an entry in place (same byte length): fflate itself cannot write a "__proto__" entry. */
function renameEntry(zip: Uint8Array, from: string, to: string): Uint8Array {
  for (const h of headersOf(zip, from)) zip.set(strToU8(to), h.at + (h.central ? 46 : 30));
  return zip;
}

/** A zip with two entries named `name` (the second renamed from a same-length name). */
function duplicateZip(name: string, first: Uint8Array, second: Uint8Array, extra: Zippable = {}): Uint8Array {
  const other = name.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'));
  return renameEntry(zipSync({ ...extra, [name]: first, [other]: second }), other, name);
}

const opts = { what: '测试包', code: 'FILE_INVALID' as const, limits: { entries: 10, entryBytes: 10 * 1024 * 1024, totalBytes: 20 * 1024 * 1024 } };

describe('archives: inflation stops at the declared size', () => {
  test('an entry that claims 1,000 bytes but inflates to 16 MB is refused, not unpacked', async () => {
    const zip = lyingZip('a.json', 16 * 1024 * 1024, 1000);
    expect(zip.length).toBeLessThan(100 * 1024);
    const err = await refused(() => safeUnzip(zip, opts));
    expect(err.message).toContain('解压后与声明的大小不符');
  });

  test('bundles, handbook packages and combined exports all refuse the lying entry', async () => {
    const bundle = lyingZip('manifest.json', 8 * 1024 * 1024, 1000);
    expect((await refused(() => readBundle(bundle))).message).toContain('解压后与声明的大小不符');
    const handbook = lyingZip('handbook.json', 8 * 1024 * 1024, 1000);
    expect((await refused(() => readHandbookUpload(handbook))).message).toContain('解压后与声明的大小不符');
    const part = lyingZip('平台/a.docx', 8 * 1024 * 1024, 1000);
    expect((await refused(() => combineParts([{ fileName: 'x.zip', data: part }]))).message).toContain('解压后与声明的大小不符');
  });

  test('an entry shorter than declared, or with a wrong checksum, is damage', async () => {
    const zip = zipSync({ 'a.txt': strToU8('一二三四五六七八九十'.repeat(20)) });
    const view = new DataView(zip.buffer);
    for (const h of headersOf(zip, 'a.txt')) view.setUint32(h.at + (h.central ? 24 : 22), 10_000, true);
    expect((await refused(() => safeUnzip(zip, opts))).message).toMatch(/不符|损坏/);
    const crc = zipSync({ 'a.txt': strToU8('善策') });
    for (const h of headersOf(crc, 'a.txt')) new DataView(crc.buffer).setUint32(h.at + 16 - (h.central ? 0 : 2), 12345, true);
    expect((await refused(() => safeUnzip(crc, opts))).message).toContain('损坏');
  });
});

describe('archives: duplicate names and names that are object keys', () => {
  test('two entries with one name are refused', async () => {
    const zip = duplicateZip('a.json', strToU8('{"a":1}'), strToU8('{"b":2}'));
    expect((await refused(() => safeUnzip(zip, opts))).message).toContain('重名的文件「a.json」');
  });

  test('an entry named __proto__ (or constructor) is an ordinary file: an unlisted one stops the import', async () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(makeProposal({ title: '正常项目' }));
    const good = lib.exportBundle([p.id]).bytes;
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const files = safeUnzip(good, opts);
      const placeholder = 'X'.repeat(name.length);
      const hostile = renameEntry(zipSync({ ...Object.fromEntries(Object.entries(files)), [placeholder]: strToU8('隐藏的内容') }), placeholder, name);
      const err = await refused(() => readBundle(hostile));
      expect(err.code).toBe('BUNDLE_INVALID');
      expect(err.message).toContain(`清单未列出的文件「${name}」`);
    }
  });

  test('a manifest path of __proto__ or toString is looked up as a file, with a Chinese message', async () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(makeProposal({ title: '正常项目' }));
    const files = safeUnzip(lib.exportBundle([p.id]).bytes, opts);
    for (const path of ['__proto__', 'toString', 'constructor']) {
      const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
      manifest.proposals[0].path = path;
      const hostile = zipSync({ ...Object.fromEntries(Object.entries(files)), 'manifest.json': strToU8(JSON.stringify(manifest)) });
      const err = await refused(() => readBundle(hostile));
      expect(err.message).toContain(`缺少清单中列出的文件「${path}」`);
    }
  });

  test('a proposal id "toString" already in the library still asks before importing', async () => {
    const lib = tmpLibrary();
    const existing = lib.proposals.insert(makeProposal({ id: 'toString', title: '已有的项目' }));
    const other = tmpLibrary();
    other.proposals.insert(makeProposal({ id: 'toString', title: '导入的项目' }));
    const source = await readBundle(other.exportBundle([existing.id]).bytes);
    const err = await refused(() => lib.importSource(source, {}));
    expect(err.code).toBe('CONFLICT');
    expect(lib.proposals.get('toString').title).toBe('已有的项目');
    expect(lib.importSource(source, { toString: 'replace' as const }).replaced).toEqual(['toString']);
  });

  test('a proposal id "__proto__" is refused in Chinese, not an internal error', async () => {
    const other = tmpLibrary();
    const p = other.proposals.insert(makeProposal({ title: '导入的项目' }));
    const files = safeUnzip(other.exportBundle([p.id]).bytes, opts);
    const json = JSON.parse(new TextDecoder().decode(files[`proposals/${p.id}.json`]));
    json.id = '__proto__';
    const body = strToU8(JSON.stringify(json));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    manifest.proposals[0] = { ...manifest.proposals[0], id: '__proto__', path: 'proposals/__proto__.json', sha256: (await import('../../src/core/library/images')).sha256Hex(body) };
    const hostile = zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), 'proposals/__proto__.json': body });
    const err = await refused(() => readBundle(hostile));
    expect(err.code).toBe('BUNDLE_INVALID');
    expect(JSON.stringify(err)).toContain('保留字');
  });

  test('combining downloads: a part named constructor is kept as a file, one named __proto__ is refused in Chinese', async () => {
    const zip = combineParts([{ fileName: 'constructor', data: strToU8('审阅稿') }]);
    expect(Object.keys(safeUnzip(zip, opts))).toEqual(['constructor']);
    const err = await refused(() => combineParts([{ fileName: '__proto__', data: strToU8('审阅稿') }]));
    expect(err.message).toContain('「__proto__」');
  });
});
