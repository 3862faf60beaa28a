import type { ImageRef } from '../../../shared/domain/proposal';
import type { ImageSpec } from '../../../shared/rules/pack';
import { photoShortfall } from '../../../shared/rules/photoCount';
import type { Emit, KindCompiler } from './types';

const FORMAT_LABELS: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * The pictures a spec applies to, with their index in the proposal: the cover, or every other
 * picture (the cover too where the platform counts it in the gallery, `countsCover`).
 */
function imagesFor(spec: ImageSpec, images: readonly ImageRef[]): { img: ImageRef; i: number }[] {
  return images.map((img, i) => ({ img, i })).filter(({ img }) => (spec.role === 'cover' ? img.isCover : spec.countsCover || !img.isCover));
}

export const imageSpec: KindCompiler<'imageSpec'> = (rule, pack) => {
  const specs = rule.specs ? pack.images.filter((s) => rule.specs!.includes(s.id)) : pack.images;
  const checks = new Set(rule.checks);
  const hasCoverSpec = pack.images.some((s) => s.role === 'cover');
  return (view, emit) => {
    for (const spec of specs) checkSpec(spec, imagesFor(spec, view.p.images), checks, rule.aspectTolerance, emit, hasCoverSpec);
  };
};

function checkSpec(spec: ImageSpec, list: { img: ImageRef; i: number }[], checks: Set<string>, tolerance: number, emit: Emit, hasCoverSpec: boolean): void {
  if (checks.has('count')) {
    if (list.length < spec.minCount) {
      // Say exactly what is missing: 1 cover + 2 photos is 2 gallery pictures, not 3.
      emit({ field: 'images', detail: photoShortfall(spec, list.length, hasCoverSpec) });
    } else if (list.length > spec.maxCount) {
      emit({ field: 'images', detail: `「${spec.label}」最多 ${spec.maxCount} 张，当前 ${list.length} 张` });
    }
  }
  for (const { img, i } of list) {
    const field = `images.${i}`;
    const name = `「${img.fileName || img.caption || `第 ${i + 1} 张`}」`;
    if (checks.has('minSize') && (img.width < spec.minWidth || img.height < spec.minHeight)) {
      emit({ field, detail: `${name}为 ${img.width}×${img.height} 像素，「${spec.label}」至少 ${spec.minWidth}×${spec.minHeight}` });
    }
    if (checks.has('aspect') && spec.aspect) {
      const want = spec.aspect.w / spec.aspect.h;
      if (Math.abs(img.width / img.height - want) / want > tolerance) {
        emit({ field, detail: `${name}宽高比与「${spec.label}」要求的 ${spec.aspect.w}:${spec.aspect.h} 不符，导出时将按焦点裁剪` });
      }
    }
    if (checks.has('bytes') && img.bytes > spec.maxBytes) {
      emit({ field, detail: `${name}文件 ${mb(img.bytes)}，「${spec.label}」上限 ${mb(spec.maxBytes)}` });
    }
    if (checks.has('format') && !spec.formats.includes(img.mime)) {
      emit({ field, detail: `${name}为 ${FORMAT_LABELS[img.mime]} 格式，「${spec.label}」只接受 ${spec.formats.map((f) => FORMAT_LABELS[f]).join('、')}` });
    }
  }
}

const imageName = (img: ImageRef, i: number) => `「${img.fileName || img.caption || `第 ${i + 1} 张`}」`;

export const consent: KindCompiler<'consent'> = (rule) => (view, emit) => {
  view.p.images.forEach((img, i) => {
    const c = img.consent;
    const name = imageName(img, i);
    if (rule.requireRecord && !c.recorded && !c.identifiablePeople && !c.minors) {
      return emit({ field: `images.${i}`, detail: `${name}尚未填写画面中是否有可辨认的人（未填写不等于没有人物）` });
    }
    if ((c.identifiablePeople || c.minors) && !c.portraitConsent) {
      emit({ field: `images.${i}`, detail: `${name}中有可识别的人物，未取得肖像授权` });
    }
    if (rule.guardianForMinors && c.minors && !c.guardianConsent) {
      emit({ field: `images.${i}`, detail: `${name}中有未成年人，未取得监护人同意` });
    }
  });
};

export const imageSource: KindCompiler<'imageSource'> = () => (view, emit) => {
  view.p.images.forEach((img, i) => {
    if (img.source.trim() === '') emit({ field: `images.${i}`, detail: `${imageName(img, i)}未填写来源（拍摄者或机构）` });
  });
};
