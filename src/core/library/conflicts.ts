import type { BundleConflict } from '../../shared/api/methods/bundles';
import type { Proposal } from '../../shared/domain/proposal';

/** Character pairs of a title, without spaces and brackets, for a rough "same name?" test. */
function bigrams(s: string): Set<string> {
  const t = s.replace(/[\s（）()【】「」《》“”"'、，,。.·\-—_]/g, '');
  const out = new Set<string>();
  for (let i = 0; i < t.length - 1; i += 1) out.add(t.slice(i, i + 2));
  if (t.length === 1) out.add(t);
  return out;
}

/** Share of character pairs two titles have in common (Dice coefficient), 0 to 1. */
export function titleLikeness(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 && y.size === 0) return 1;
  let common = 0;
  for (const g of x) if (y.has(g)) common += 1;
  return (2 * common) / (x.size + y.size);
}

// Below this a title was not edited, it was replaced: 「龙溪街道老年食堂助餐计划」 and 「龙溪街道老年食堂助餐计划（二期）」
// share 0.9 of their pairs, two different projects of two districts usually well under 0.4.
const SAME_TITLE = 0.5;
const set = (s: string) => s.trim() !== '';

/**
 * Why an incoming proposal that kept an id already in the library looks like another project,
 * not a newer version of the same one: a bundle from 石柱县 whose proposal was copied from 渝北区's
 * file carries 渝北's id. Empty when the two look like versions of one project.
 */
export function differences(incoming: Proposal, existing: Proposal): string[] {
  const out: string[] = [];
  if (set(incoming.district) && set(existing.district) && incoming.district.trim() !== existing.district.trim()) {
    out.push(`区县不同：库中为「${existing.district}」，导入的为「${incoming.district}」`);
  }
  const a = incoming.roles.initiator.name.trim();
  const b = existing.roles.initiator.name.trim();
  if (a && b && a !== b) out.push(`发起方不同：库中为「${b}」，导入的为「${a}」`);
  if (titleLikeness(incoming.title, existing.title) < SAME_TITLE) out.push('项目名称差别很大');
  return out;
}

/** Both sides of an id collision, as the import dialog shows them. */
export function describeConflict(incoming: Proposal, existing: Proposal): BundleConflict {
  const why = differences(incoming, existing);
  return {
    id: incoming.id,
    incomingTitle: incoming.title,
    incomingDistrict: incoming.district,
    incomingUpdatedAt: incoming.updatedAt,
    existingTitle: existing.title,
    existingDistrict: existing.district,
    existingUpdatedAt: existing.updatedAt,
    incomingIsNewer: Date.parse(incoming.updatedAt) > Date.parse(existing.updatedAt),
    differentProject: why.length > 0,
    differences: why,
  };
}
