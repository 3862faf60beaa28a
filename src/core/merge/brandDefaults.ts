import { DISTRICTS } from '../../shared/domain/catalog';
import type { Org, Proposal } from '../../shared/domain/proposal';

/** Marks a copy gets on its way between libraries: 「（导入副本）」 from a bundle import, 「（副本）」 by hand. */
const COPY_MARKS = /[（(](?:导入副本|副本|复制|copy)[)）]/giu;

/**
 * A district's name at the start of a title, in full (石柱土家族自治县) or short (石柱县, 石柱): the
 * brand project spans districts, so a source's own district does not belong in its name.
 */
function withoutDistrict(title: string, district: string): string {
  const names = new Set<string>();
  for (const d of [district, ...DISTRICTS]) {
    if (!d || d.startsWith('市慈善总会')) continue;
    names.add(d);
    const short = d.replace(/(土家族|苗族|自治县|区|县|新区|经开区)+$/u, '');
    if (short.length >= 2) {
      names.add(short);
      names.add(`${short}${d.endsWith('区') ? '区' : '县'}`);
    }
  }
  const hit = [...names].sort((a, b) => b.length - a.length).find((n) => title.startsWith(n));
  const rest = hit ? title.slice(hit.length).replace(/^[\s：:·\-—]+/u, '') : title;
  return rest.length >= 2 ? rest : title;
}

/** The longest run of characters every title shares. */
function commonRun(titles: readonly string[]): string {
  const [shortest, ...others] = [...titles].sort((a, b) => a.length - b.length);
  if (!shortest) return '';
  for (let len = shortest.length; len > 0; len -= 1) {
    for (let i = 0; i + len <= shortest.length; i += 1) {
      const run = shortest.slice(i, i + len);
      if (others.every((t) => t.includes(run))) return run.trim();
    }
  }
  return '';
}

// A shared run shorter than this (老年, 助餐) is not a name; then the first source's cleaned title serves.
const MIN_SHARED = 4;

/**
 * The proposed name of a brand project: what its sources' titles have in common, without copy
 * marks and without any one district's name. 「渝北区独居老人助餐计划」 and 「石柱县独居老人助餐计划（导入副本）」
 * give 「独居老人助餐计划」, not 「渝北区独居老人助餐计划（导入副本）（品牌项目）」.
 */
export function brandTitle(sources: readonly Proposal[]): string {
  const cleaned = sources.map((p) => withoutDistrict(p.title.replace(COPY_MARKS, '').trim(), p.district));
  const shared = commonRun(cleaned);
  return shared.length >= MIN_SHARED ? shared : (cleaned[0] ?? '');
}

/**
 * The filing's 活动负责人 and office address: the lead organisation's (the brand's initiator), taken
 * from the source it initiated. Null when no source is the lead's (the city federation leading
 * districts' projects): then the reviewer fills them in, rather than inherit a district's contact.
 */
export function leadContact(sources: readonly Proposal[], lead: Org): { contactName: string; contactAddress: string } | null {
  const name = lead.name.trim();
  const own = sources.find((p) => name !== '' && p.roles.initiator.name.trim() === name && p.filing.contactName.trim() !== '');
  return own ? { contactName: own.filing.contactName, contactAddress: own.filing.contactAddress } : null;
}
