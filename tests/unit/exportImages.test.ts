import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { allSpecs, decoderFor, libraryImages } from '../../src/core/export/exportProject';
import { cropRegion, DecodedImageCache, imagesForSpec, renderPackImages, type ImageLoader } from '../../src/core/export/images';
import { sha256Hex } from '../../src/core/library/images';
import { isAppError } from '../../src/shared/errors';
import { addPhoto, fixturePacks, photo, sampleProposal } from './helpers/exportFixtures';
import { tmpLibrary } from './helpers/tmp';
import { packOf, ruleOf } from './helpers/rules';
import { checkProposal } from '../../src/core/rules/engine';

const packs = fixturePacks();
const specs = allSpecs(packs.values());

/** A picture whose left third is pure red and the rest pure blue. */
async function splitPicture(width: number, height: number): Promise<Buffer> {
  const red = await sharp({ create: { width: Math.round(width / 3), height, channels: 3, background: { r: 255, g: 0, b: 0 } } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 255 } } })
    .composite([{ input: red, left: 0, top: 0 }])
    .jpeg({ quality: 95 })
    .toBuffer();
}

async function meanColour(data: Buffer): Promise<{ r: number; b: number }> {
  const { channels } = await sharp(data).stats();
  return { r: channels[0]!.mean, b: channels[2]!.mean };
}

async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('pictures in the packs', () => {
  it('cuts every picture to each spec: exact output size and shape, allowed format, within the byte limit', async () => {
    const lib = tmpLibrary();
    const images = [
      await addPhoto(lib, '横幅.jpg', await photo(2400, 1800, 1), { isCover: true }),
      await addPhoto(lib, '竖幅.jpg', await photo(1500, 2000, 2)),
      await addPhoto(lib, '方图.jpg', await photo(1200, 1200, 3)),
    ];
    const p = sampleProposal(images);
    const decode = decoderFor(p, specs, libraryImages(lib), new DecodedImageCache());
    let checked = 0;
    for (const pack of packs.values()) {
      const result = await renderPackImages(p, pack, await decode([pack]));
      for (const spec of pack.images) {
        const mine = result.images.filter((i) => i.spec === spec);
        expect(mine.length, `${pack.id}/${spec.id}`).toBe(imagesForSpec(p, pack, spec).length);
        for (const img of mine) {
          const meta = await sharp(img.data).metadata();
          expect(spec.formats).toContain(`image/${meta.format}`);
          expect(img.data.length).toBeLessThanOrEqual(spec.maxBytes);
          if (spec.aspect) {
            expect([meta.width, meta.height]).toEqual([spec.output.width, spec.output.height]);
            expect(Math.abs(meta.width / meta.height - spec.aspect.w / spec.aspect.h)).toBeLessThan(0.01);
          } else {
            // Any shape: the original's shape, fitted inside the output box, never enlarged.
            const s = Math.min(1, spec.output.width / img.ref.width, spec.output.height / img.ref.height);
            expect([meta.width, meta.height]).toEqual([Math.round(img.ref.width * s), Math.round(img.ref.height * s)]);
            expect(Math.abs(meta.width / meta.height - img.ref.width / img.ref.height)).toBeLessThan(0.01);
          }
          checked += 1;
        }
      }
    }
    // 4 covers, tencent 2 gallery, alipay 2 feedback, douyin 2 details.
    expect(checked).toBe(10);
  });

  it('keeps the focal point in the crop', async () => {
    const lib = tmpLibrary();
    const data = await splitPicture(1800, 600);
    const left = await addPhoto(lib, '左.jpg', data, { isCover: true, focalPoint: { x: 0.05, y: 0.5 } });
    const right = { ...left, id: 'right', focalPoint: { x: 0.95, y: 0.5 } };
    const alipay = packs.get('alipay')!; // 1:1 cover
    const render = async (ref: typeof left) => {
      const p = sampleProposal([ref]);
      const out = await renderPackImages(p, alipay, await decoderFor(p, specs, libraryImages(lib), new DecodedImageCache())([alipay]));
      return meanColour(out.images[0]!.data);
    };
    const l = await render(left);
    const r = await render(right);
    // A square out of 3:1 is the left third (all red) or the right third (all blue).
    expect(l.r).toBeGreaterThan(200);
    expect(l.b).toBeLessThan(60);
    expect(r.b).toBeGreaterThan(200);
    expect(r.r).toBeLessThan(60);
  });

  it('crops around the focal point and stops at the edges', () => {
    expect(cropRegion(1000, 500, 1, { x: 0.5, y: 0.5 })).toEqual({ left: 250, top: 0, width: 500, height: 500 });
    expect(cropRegion(1000, 500, 1, { x: 0, y: 0.5 })).toEqual({ left: 0, top: 0, width: 500, height: 500 });
    expect(cropRegion(1000, 500, 1, { x: 1, y: 0.5 })).toEqual({ left: 500, top: 0, width: 500, height: 500 });
    expect(cropRegion(300, 900, 3 / 4, { x: 0.5, y: 0.9 })).toEqual({ left: 0, top: 500, width: 300, height: 400 });
  });

  it('turns a photo upright by its EXIF orientation before cropping', async () => {
    const lib = tmpLibrary();
    // Stored 1600×1200 but tagged "rotate 90°": it is a 1200×1600 portrait.
    const tagged = await sharp(await photo(1600, 1200, 4)).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const ref = await addPhoto(lib, '手机竖拍.jpg', tagged, { isCover: true });
    const p = sampleProposal([ref]);
    const decoded = await decoderFor(p, specs, libraryImages(lib), new DecodedImageCache())([packs.get('weibo')!]);
    const d = decoded.get(ref.sha256)!;
    expect([d.fullWidth, d.fullHeight]).toEqual([1200, 1600]);
    // A 3:4 cover from a 3:4 portrait loses nothing: no warning about a small crop.
    const out = await renderPackImages(p, packs.get('weibo')!, decoded);
    expect(out.images[0]!.warnings).toEqual([]);
  });

  it('warns when a picture is too small for the platform, and about missing portrait consent', async () => {
    const lib = tmpLibrary();
    const ref = await addPhoto(lib, '小图.jpg', await photo(400, 300, 5), {
      isCover: true,
      consent: { identifiablePeople: true, portraitConsent: false, minors: true, guardianConsent: false },
    });
    const p = sampleProposal([ref]);
    const tencent = packs.get('tencent')!;
    const out = await renderPackImages(p, tencent, await decoderFor(p, specs, libraryImages(lib), new DecodedImageCache())([tencent]));
    const cover = out.images[0]!;
    expect([cover.width, cover.height]).toEqual([1200, 675]);
    expect(cover.warnings.join('\n')).toMatch(/低于平台最低 900×500/);
    expect(cover.warnings.join('\n')).toMatch(/未登记肖像授权/);
    expect(cover.warnings.join('\n')).toMatch(/未登记监护人同意/);
    expect(out.warnings.join('\n')).toContain('「项目图片」需要至少 1 张（封面另计，不算在内），当前 0 张，还需添加 1 张非封面图片');
  });

  it('decodes each photo once for all platforms', async () => {
    const lib = tmpLibrary();
    const images = [await addPhoto(lib, 'a.jpg', await photo(2000, 1500, 1), { isCover: true }), await addPhoto(lib, 'b.jpg', await photo(2000, 1500, 2))];
    const p = sampleProposal(images);
    const loads: string[] = [];
    const counting: ImageLoader = (sha) => (loads.push(sha), libraryImages(lib)(sha));
    const cache = new DecodedImageCache();
    for (const pack of packs.values()) await renderPackImages(p, pack, await decoderFor(p, specs, counting, cache)([pack]));
    expect(loads.sort()).toEqual(images.map((i) => i.sha256).sort());
  });

  it('names a corrupt picture in a clear Chinese error', async () => {
    const lib = tmpLibrary();
    const good = await photo(1600, 1200, 6);
    const ref = await addPhoto(lib, '活动现场.jpg', good, { isCover: true });
    // The bytes in the library are cut short after they were added (a damaged disk, a bad copy).
    const broken = good.subarray(0, Math.round(good.length / 3));
    const brokenRef = { ...ref, id: 'broken', sha256: sha256Hex(broken), fileName: '损坏的照片.jpg' };
    lib.images.put({ sha256: brokenRef.sha256, mime: 'image/jpeg', width: 1600, height: 1200, bytes: broken.length }, broken);
    const p = sampleProposal([ref, brokenRef]);
    const e = await caught(() => decoderFor(p, specs, libraryImages(lib), new DecodedImageCache())([packs.get('tencent')!]));
    expect(isAppError(e) && e.code).toBe('FILE_INVALID');
    expect((e as Error).message).toMatch(/^图片「损坏的照片\.jpg」已损坏，无法读取/);

    const garbage = Buffer.from('这不是图片');
    const garbageRef = { ...ref, id: 'garbage', sha256: sha256Hex(garbage), fileName: '乱码.jpg' };
    lib.images.put({ sha256: garbageRef.sha256, mime: 'image/jpeg', width: 1, height: 1, bytes: garbage.length }, garbage);
    const e2 = await caught(() => decoderFor(sampleProposal([garbageRef]), specs, libraryImages(lib), new DecodedImageCache())([packs.get('alipay')!]));
    expect((e2 as Error).message).toMatch(/图片「乱码\.jpg」已损坏/);
  });

  it('names a missing picture in a clear Chinese error', async () => {
    const lib = tmpLibrary();
    const ref = await addPhoto(lib, '合影.jpg', await photo(800, 600, 7), { isCover: true });
    const missing = { ...ref, sha256: 'f'.repeat(64), fileName: '已删除的合影.jpg' };
    const e = await caught(() => decoderFor(sampleProposal([missing]), specs, libraryImages(lib), new DecodedImageCache())([packs.get('weibo')!]));
    expect(isAppError(e) && e.code).toBe('NOT_FOUND');
    expect((e as Error).message).toMatch(/^图片「已删除的合影\.jpg」在项目库中不存在/);
  });

  describe('the photo set: 1 cover + 2 photos against a gallery of at least 3', () => {
    const gallery = (countsCover?: boolean) => ({ ...packs.get('tencent')!.images.find((i) => i.role === 'gallery')!, minCount: 3, ...(countsCover ? { countsCover } : {}) });
    const packWith = (countsCover?: boolean) => packOf([ruleOf('imageSpec', { checks: ['count'] })], { images: [packs.get('tencent')!.images[0], gallery(countsCover)] });
    const threePhotos = async () => {
      const lib = tmpLibrary();
      const refs = [await addPhoto(lib, '封面.jpg', await photo(1600, 1200, 1), { isCover: true }), await addPhoto(lib, '甲.jpg', await photo(1600, 1200, 2)), await addPhoto(lib, '乙.jpg', await photo(1600, 1200, 3))];
      return { lib, p: sampleProposal(refs) };
    };

    it('says exactly what is missing where the cover does not count', async () => {
      const { lib, p } = await threePhotos();
      const [result] = checkProposal(p, [packWith()]);
      expect(result!.findings.map((f) => f.message)).toEqual([expect.stringContaining('「项目图片」需要至少 3 张（封面另计，不算在内），当前 2 张，还需添加 1 张非封面图片')]);
      const pack = packWith();
      const out = await renderPackImages(p, pack, await decoderFor(p, pack.images, libraryImages(lib), new DecodedImageCache())([pack]));
      expect(out.warnings).toContain('「项目图片」需要至少 3 张（封面另计，不算在内），当前 2 张，还需添加 1 张非封面图片');
    });

    it('counts the cover, and exports it with the gallery, where the pack says the platform does', async () => {
      const { lib, p } = await threePhotos();
      const pack = packWith(true);
      const [result] = checkProposal(p, [pack]);
      expect(result!.findings).toEqual([]);
      const out = await renderPackImages(p, pack, await decoderFor(p, pack.images, libraryImages(lib), new DecodedImageCache())([pack]));
      expect(out.warnings).toEqual([]);
      expect(out.images.filter((i) => i.spec.role === 'gallery').map((i) => i.ref.fileName)).toEqual(['封面.jpg', '甲.jpg', '乙.jpg']);
    });
  });
});
