import type { ImageSpec } from './pack';

/**
 * Exactly what a short gallery needs: how many, whether the cover counts, how many more to add.
 * 「项目图片」需要至少 3 张（封面另计，不算在内），当前 2 张，还需添加 1 张非封面图片。
 */
export function photoShortfall(spec: ImageSpec, have: number, separateCover: boolean): string {
  const coverNote = spec.role === 'cover' ? '' : !separateCover ? '' : spec.countsCover ? '（含封面）' : '（封面另计，不算在内）';
  const more = spec.minCount - have;
  const what = spec.role === 'cover' ? '请在图片中设一张为封面' : `还需添加 ${more} 张${separateCover && !spec.countsCover ? '非封面' : ''}图片`;
  return `「${spec.label}」需要至少 ${spec.minCount} 张${coverNote}，当前 ${have} 张，${what}`;
}
