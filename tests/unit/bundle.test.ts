import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { readBundle } from '../../src/core/bundle/readBundle';
import { sha256Hex } from '../../src/core/library/images';
import type { Library } from '../../src/core/library/library';
import { AppError } from '../../src/shared/errors';
import { makeProposal } from './helpers/proposals';
import { LIST_ALL } from './helpers/queries';
import { tmpLibrary } from './helpers/tmp';

async function photo(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: seed, g: 120, b: 200 } } }).jpeg().toBuffer();
}

/** A library with two proposals, one of them with a photo. */
async function seeded(lib: Library) {
  const ref = await lib.images.add(await photo(10), '助餐现场.jpg');
  const a = lib.proposals.insert(makeProposal({ title: '独居老人助餐', district: '渝北区', images: [ref], sections: { background: '老人吃饭难' } }));
  const b = lib.proposals.insert(makeProposal({ title: '乡村太阳能路灯', district: '城口县', sections: { background: '村道夜间无照明' } }));
  return { a, b, ref };
}

function counts(lib: Library) {
  const n = (sql: string) => (lib.db.prepare(sql).get() as { n: number }).n;
  return {
    proposals: n('SELECT count(*) AS n FROM proposals'),
    images: n('SELECT count(*) AS n FROM images'),
    revisions: n('SELECT count(*) AS n FROM revisions'),
    fts: n('SELECT count(*) AS n FROM proposal_fts'),
  };
}

/** Rewrite a bundle's files and zip them again. */
function tamper(bundle: Uint8Array, change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bundle);
  change(files);
  return zipSync(files as Zippable);
}

function manifestOf(files: Record<string, Uint8Array>) {
  return JSON.parse(new TextDecoder().decode(files['manifest.json'])) as {
    formatVersion: number;
    proposals: { path: string; sha256: string; id: string }[];
    images: { path: string; sha256: string }[];
  };
}
const setManifest = (files: Record<string, Uint8Array>, m: unknown) => (files['manifest.json'] = strToU8(JSON.stringify(m)));

/** Importing `bytes` into `target` must fail with `pattern` and write nothing. */
async function expectRefused(target: Library, bytes: Uint8Array, pattern: RegExp) {
  const before = counts(target);
  let err: unknown;
  try {
    target.importSource(await readBundle(bytes), {});
  } catch (e) {
    err = e;
  }
  expect(err, 'import should have been refused').toBeInstanceOf(AppError);
  expect((err as AppError).message).toMatch(pattern);
  expect(counts(target)).toEqual(before);
}

describe('.shance bundles', () => {
  test('a whole library travels to an empty one with its images and search', async () => {
    const src = tmpLibrary();
    const { a, b, ref } = await seeded(src);
    const { bytes, count } = src.exportBundle(null);
    expect(count).toBe(2);

    const dst = tmpLibrary();
    const result = dst.importSource(await readBundle(bytes), {});
    expect(result.added.sort()).toEqual([a.id, b.id].sort());
    expect(result.images).toBe(1);
    expect(dst.proposals.get(a.id)).toEqual(a);
    expect(dst.images.get(ref.sha256).data.equals(src.images.get(ref.sha256).data)).toBe(true);
    expect(dst.proposals.list({ ...LIST_ALL, query: '村道夜间' }).items.map((i) => i.id)).toEqual([b.id]);
  });

  test('an id already in the library is never overwritten without an answer', async () => {
    const src = tmpLibrary();
    const { a } = await seeded(src);
    const bytes = src.exportBundle([a.id]).bytes;
    const dst = tmpLibrary();
    dst.importSource(await readBundle(bytes), {});
    const edited = { ...dst.proposals.get(a.id), title: '本地改过的标题', updatedAt: new Date(Date.now() + 1000).toISOString() };
    dst.proposals.save(edited);

    await expectRefused(dst, bytes, /已在项目库中/);
    expect(dst.proposals.get(a.id).title).toBe('本地改过的标题');

    const kept = dst.importSource(await readBundle(bytes), { [a.id]: 'keepBoth' });
    expect(kept.copied).toHaveLength(1);
    expect(dst.proposals.get(a.id).title).toBe('本地改过的标题');
    expect(dst.proposals.get(kept.copied[0]!.to).title).toBe('独居老人助餐（导入副本）');

    const replaced = dst.importSource(await readBundle(bytes), { [a.id]: 'replace' });
    expect(replaced.replaced).toEqual([a.id]);
    expect(dst.proposals.get(a.id).title).toBe('独居老人助餐');
    // The replaced text is still in the history.
    const titles = dst.proposals.revisions(a.id).map((r) => r.title);
    expect(titles).toContain('本地改过的标题');

    const skipped = dst.importSource(await readBundle(bytes), { [a.id]: 'skip' });
    expect(skipped.skipped).toEqual([a.id]);
  });

  describe('refuses a bad bundle with a clear message and writes nothing', () => {
    test('not a zip at all', async () => {
      const dst = tmpLibrary();
      await expectRefused(dst, strToU8('这不是压缩包'), /不是有效的善策交换包/);
    });

    test('zip-slip paths', async () => {
      const src = tmpLibrary();
      await seeded(src);
      const dst = tmpLibrary();
      for (const evil of ['../../etc/passwd', '/abs/path.json', 'proposals/../../x.json', 'C:/windows/x', 'proposals\\..\\x']) {
        const bytes = tamper(src.exportBundle(null).bytes, (f) => (f[evil] = strToU8('{}')));
        await expectRefused(dst, bytes, /不安全的文件路径/);
      }
    });

    test('an oversized entry', async () => {
      const src = tmpLibrary();
      await seeded(src);
      const bytes = tamper(src.exportBundle(null).bytes, (f) => (f['images/huge'] = new Uint8Array(41 * 1024 * 1024)));
      await expectRefused(tmpLibrary(), bytes, /过大/);
    });

    test('a changed proposal file (bad checksum)', async () => {
      const src = tmpLibrary();
      const { a } = await seeded(src);
      const bytes = tamper(src.exportBundle(null).bytes, (f) => {
        const path = `proposals/${a.id}.json`;
        f[path] = strToU8(new TextDecoder().decode(f[path]).replace('独居老人助餐', '被人改过的标题'));
      });
      await expectRefused(tmpLibrary(), bytes, /校验失败/);
    });

    test('a changed image (bad checksum)', async () => {
      const src = tmpLibrary();
      const { ref } = await seeded(src);
      const bytes = tamper(src.exportBundle(null).bytes, (f) => (f[`images/${ref.sha256}`] = new Uint8Array([1, 2, 3])));
      await expectRefused(tmpLibrary(), bytes, /校验失败/);
    });

    test('a bundle format from a newer ShanCe', async () => {
      const src = tmpLibrary();
      await seeded(src);
      const bytes = tamper(src.exportBundle(null).bytes, (f) => setManifest(f, { ...manifestOf(f), formatVersion: 2 }));
      await expectRefused(tmpLibrary(), bytes, /更新版本的善策生成（格式版本 2/);
    });

    test('a proposal schema version from a newer ShanCe', async () => {
      const src = tmpLibrary();
      const { a } = await seeded(src);
      const bytes = tamper(src.exportBundle(null).bytes, (f) => {
        const path = `proposals/${a.id}.json`;
        const p = JSON.parse(new TextDecoder().decode(f[path]));
        f[path] = strToU8(JSON.stringify({ ...p, schemaVersion: 9 }));
        const m = manifestOf(f);
        m.proposals.find((e) => e.path === path)!.sha256 = sha256Hex(f[path]!);
        setManifest(f, m);
      });
      await expectRefused(tmpLibrary(), bytes, /格式版本 9/);
    });

    test('malformed JSON in a proposal and in the manifest', async () => {
      const src = tmpLibrary();
      const { a } = await seeded(src);
      const broken = tamper(src.exportBundle(null).bytes, (f) => {
        const path = `proposals/${a.id}.json`;
        f[path] = strToU8('{"schemaVersion": 1, "id": ');
        const m = manifestOf(f);
        m.proposals.find((e) => e.path === path)!.sha256 = sha256Hex(f[path]!);
        setManifest(f, m);
      });
      await expectRefused(tmpLibrary(), broken, /不是有效的 JSON/);
      const badManifest = tamper(src.exportBundle(null).bytes, (f) => (f['manifest.json'] = strToU8('{ 清单')));
      await expectRefused(tmpLibrary(), badManifest, /manifest\.json」不是有效的 JSON/);
    });

    test('a proposal that breaks the model names the field in Chinese', async () => {
      const src = tmpLibrary();
      const { a } = await seeded(src);
      const bytes = tamper(src.exportBundle(null).bytes, (f) => {
        const path = `proposals/${a.id}.json`;
        const p = JSON.parse(new TextDecoder().decode(f[path]));
        f[path] = strToU8(JSON.stringify({ ...p, targetFen: -5, title: '标'.repeat(500) }));
        const m = manifestOf(f);
        m.proposals.find((e) => e.path === path)!.sha256 = sha256Hex(f[path]!);
        setManifest(f, m);
      });
      const dst = tmpLibrary();
      let err: AppError | undefined;
      try {
        await readBundle(bytes);
      } catch (e) {
        err = e as AppError;
      }
      expect(err?.details.join('\n')).toMatch(/「筹款目标」：金额不能为负/);
      expect(err?.details.join('\n')).toMatch(/「项目名称」：不能超过 200 个字符/);
      expect(counts(dst).proposals).toBe(0);
    });

    test('a missing manifest, a missing listed file, an unlisted extra file', async () => {
      const src = tmpLibrary();
      const { a } = await seeded(src);
      const good = src.exportBundle(null).bytes;
      await expectRefused(tmpLibrary(), tamper(good, (f) => delete f['manifest.json']), /缺少清单文件/);
      await expectRefused(tmpLibrary(), tamper(good, (f) => delete f[`proposals/${a.id}.json`]), /缺少清单中列出的文件/);
      await expectRefused(tmpLibrary(), tamper(good, (f) => (f['readme.txt'] = strToU8('hi'))), /清单未列出的文件/);
    });

    test('an image the proposal needs is neither in the bundle nor in the library', async () => {
      const src = tmpLibrary();
      const { ref } = await seeded(src);
      const bytes = tamper(src.exportBundle(null).bytes, (f) => {
        delete f[`images/${ref.sha256}`];
        const m = manifestOf(f);
        m.images = [];
        setManifest(f, m);
      });
      await expectRefused(tmpLibrary(), bytes, /图片「助餐现场\.jpg」缺失/);
    });

    test('a failure half-way through the writes rolls everything back', async () => {
      const src = tmpLibrary();
      const { a, b } = await seeded(src);
      const bytes = src.exportBundle(null).bytes;
      const dst = tmpLibrary();
      const source = await readBundle(bytes);
      // The second proposal's insert fails inside the transaction, after the first one and the image went in.
      dst.db.exec(`CREATE TRIGGER fail_second BEFORE INSERT ON proposals WHEN NEW.id = '${b.id}' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
      expect(() => dst.importSource(source, {})).toThrow('disk trouble');
      expect(counts(dst)).toEqual({ proposals: 0, images: 0, revisions: 0, fts: 0 });
      expect(dst.proposals.find(a.id)).toBeUndefined();
    });
  });
});

