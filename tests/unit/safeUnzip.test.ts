import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { combineParts } from '../../src/core/export/archive';
import { isUnsafeEntryName, safeUnzip } from '../../src/core/util/safeUnzip';
import { AppError } from '../../src/shared/errors';

const LIMITS = { entries: 3, entryBytes: 1024, totalBytes: 2048 };
const refused = (f: () => unknown): AppError => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('one guarded unzip for everything that comes from outside', () => {
  test('refuses unsafe paths, too many entries, and sizes over the limits, naming the file kind', () => {
    const opts = { what: '测试包', code: 'FILE_INVALID' as const, limits: LIMITS };
    for (const name of ['../x', '/abs', 'a/../../b', 'C:/x', 'a\\b', './x']) {
      expect(isUnsafeEntryName(name), name).toBe(true);
      expect(refused(() => safeUnzip(zipSync({ [name]: strToU8('x') }), opts)).message).toContain('测试包中含有不安全的文件路径');
    }
    expect(refused(() => safeUnzip(zipSync({ a: strToU8('1'), b: strToU8('2'), c: strToU8('3'), d: strToU8('4') }), opts)).message).toContain('文件过多');
    expect(refused(() => safeUnzip(zipSync({ big: new Uint8Array(2000) }), opts)).message).toContain('「big」过大');
    expect(refused(() => safeUnzip(zipSync({ a: new Uint8Array(1000), b: new Uint8Array(1000), c: new Uint8Array(1000) }), opts)).message).toContain('解压后过大');
    expect(refused(() => safeUnzip(strToU8('不是压缩包'), opts)).message).toContain('不是有效的测试包');
    expect(safeUnzip(zipSync({ 'ok/a.json': strToU8('{}'), 'ok/b.txt': strToU8('x') }), { ...opts, keep: (n) => n.endsWith('.json') })).toHaveProperty(['ok/a.json']);
  });

  test('combining export downloads refuses a bomb and a zip-slip name sent back by a client', () => {
    const bomb = zipSync({ 'huge.bin': [new Uint8Array(80 * 1024 * 1024), { level: 9 }] });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(refused(() => combineParts([{ fileName: 'a.zip', data: bomb }])).message).toMatch(/压缩包「a\.zip」中的文件「huge\.bin」过大/);
    const slip = zipSync({ '../../etc/cron.d/x': strToU8('x') });
    expect(refused(() => combineParts([{ fileName: 'b.zip', data: slip }])).message).toContain('不安全的文件路径');
  });
});
