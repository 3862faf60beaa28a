/**
 * 同类项目: projects of the same kind written independently by different districts. Text overlap
 * (文字雷同) misses them, because they share no sentence; what they share is what they are about.
 *
 * Each proposal gets a profile: the words (Chinese word segmentation, @node-rs/jieba with its own
 * dictionary) of its need, beneficiaries and plan, weighted by TF-IDF over the collection (so words
 * every proposal uses, 项目、开展, count for little); the words of its beneficiary groups and of its
 * budget items; its field of work; where its beneficiaries are. Two profiles score
 *
 *   0.55·cos(TF-IDF) + 0.15·J(beneficiary words) + 0.10·J(budget words) + 0.10·[same field] + 0.10·region
 *
 * with J the Jaccard similarity and region 1 for the same district, 0.5 for the same part of
 * Chongqing (主城都市区、渝东北、渝东南) and 0 otherwise. The parts that agree are returned as the why.
 * Pure: no database, no Electron, so the federation server can use it too.
 */
import { createRequire } from 'node:module';
import type * as JiebaModule from '@node-rs/jieba';
import type { Jieba } from '@node-rs/jieba';
import type * as JiebaDict from '@node-rs/jieba/dict.js';
import { KINDRED_THRESHOLD, type KindredWhy } from '../../shared/api/methods/dedupe';
import type { SECTION_IDS} from '../../shared/domain/catalog';
import { type FocusAreaId } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';

export const KINDRED_WEIGHTS = { text: 0.55, groups: 0.15, budget: 0.1, focus: 0.1, region: 0.1 } as const;

/** What the signal reads of a proposal. */
export type KindredSource = Pick<Proposal, 'id' | 'title' | 'district' | 'focusArea'> & {
  beneficiaries: readonly Pick<Proposal['beneficiaries'][number], 'type' | 'region'>[];
  milestones: readonly Pick<Proposal['milestones'][number], 'title' | 'detail'>[];
  budget: { lines: readonly Pick<Proposal['budget']['lines'][number], 'item'>[] };
  sections: Record<(typeof SECTION_IDS)[number], { text: string }>;
};

let jieba: Jieba | null = null;
/**
 * Loading the library and its dictionary takes a moment: once, on first use, and not when the
 * module is imported (every library opening imports it; `shance list` must start at once).
 */
function segmenter(): Jieba {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof JiebaModule;
    const { dict } = require('@node-rs/jieba/dict.js') as typeof JiebaDict;
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}

/** Words every proposal uses, whatever it is about. */
const STOP = new Set(
  '项目 开展 进行 通过 我们 他们 以及 一个 一些 没有 可以 需要 能够 为了 其中 每个 相关 工作 活动 情况 问题 方面 提高 加强 实施 组织 计划 目标 同时 已经 主要 共计 预计 其他 这些 由于 因此 并且 或者 通过 根据 作为 成为 社会 公益 慈善 本会 机构 单位 志愿 服务'.split(
    ' ',
  ),
);
const CJK = /\p{Script=Han}/u;
const DISTRICT_WORD = /(?:区|县|市|镇|乡|街道|村|社区)$/u;

/** The content words of a text: two characters or more, Chinese, not a place name or a common word. */
export function words(text: string): string[] {
  if (text.trim() === '') return [];
  return segmenter()
    .cut(text, false)
    .filter((w) => w.length >= 2 && CJK.test(w) && !STOP.has(w) && !DISTRICT_WORD.test(w));
}

/** The three parts of Chongqing (一区两群), as a stand-in for neighbouring districts. */
const PARTS: Record<string, string> = Object.fromEntries([
  ...['万州', '开州', '梁平', '城口', '丰都', '垫江', '忠县', '云阳', '奉节', '巫山', '巫溪'].map((d) => [d, '渝东北']),
  ...['黔江', '武隆', '石柱', '秀山', '酉阳', '彭水'].map((d) => [d, '渝东南']),
  ...[
    '渝中', '大渡口', '江北', '沙坪坝', '九龙坡', '南岸', '北碚', '渝北', '巴南', '涪陵', '长寿', '江津', '合川', '永川', '南川',
    '綦江', '大足', '璧山', '铜梁', '潼南', '荣昌', '两江', '高新', '万盛',
  ].map((d) => [d, '主城都市区']),
]);

/** The district a place name is in (城口县葛城街道 → 城口), or null. */
export function districtOf(place: string): string | null {
  for (const d of Object.keys(PARTS)) if (place.includes(d)) return d;
  return null;
}

/** Where the beneficiaries are; the filing district when they say nothing. */
function districtsOf(p: KindredSource): Set<string> {
  const out = new Set<string>();
  for (const b of p.beneficiaries) {
    const d = districtOf(b.region);
    if (d) out.add(d);
  }
  if (out.size === 0) {
    const d = districtOf(p.district);
    if (d) out.add(d);
  }
  return out;
}

interface Profile {
  id: string;
  title: string;
  district: string;
  focusArea: FocusAreaId | null;
  /** Term counts of need, beneficiaries and plan. */
  terms: Map<string, number>;
  groups: Set<string>;
  budget: Set<string>;
  districts: Set<string>;
}

export function profileOf(p: KindredSource): Profile {
  const s = p.sections;
  const text = [
    s.background.text,
    s.goals.text,
    s.plan.text,
    p.beneficiaries.map((b) => b.type).join('，'),
    p.milestones.map((m) => `${m.title}，${m.detail}`).join('。'),
  ].join('\n');
  const terms = new Map<string, number>();
  for (const w of words(text)) terms.set(w, (terms.get(w) ?? 0) + 1);
  return {
    id: p.id,
    title: p.title,
    district: p.district,
    focusArea: p.focusArea,
    terms,
    groups: new Set(p.beneficiaries.flatMap((b) => words(b.type))),
    budget: new Set(p.budget.lines.flatMap((l) => words(l.item))),
    districts: districtsOf(p),
  };
}

const jaccard = (a: ReadonlySet<string>, b: ReadonlySet<string>): { score: number; shared: string[] } => {
  const shared = [...a].filter((x) => b.has(x));
  const union = a.size + b.size - shared.length;
  return { score: union === 0 ? 0 : shared.length / union, shared };
};

export interface KindredHit {
  id: string;
  score: number;
  why: KindredWhy;
}

/** Terms shown as the why: at most this many. */
const WHY_TERMS = 8;
/** Candidates come from proposals sharing one of each profile's strongest terms. */
const INDEX_TERMS = 24;

/**
 * The profiles of a collection (the library, or a CLI's inputs), with the IDF of its terms. A
 * profile is kept per proposal and recomputed only when that proposal changes.
 */
export class KindredIndex {
  private readonly profiles = new Map<string, Profile>();
  private idfCache: Map<string, number> | null = null;
  private vectors = new Map<string, { weights: Map<string, number>; norm: number }>();
  private postings: Map<string, string[]> | null = null;

  get size(): number {
    return this.profiles.size;
  }

  set(p: KindredSource): void {
    this.profiles.set(p.id, profileOf(p));
    this.invalidate();
  }

  remove(id: string): void {
    if (this.profiles.delete(id)) this.invalidate();
  }

  has(id: string): boolean {
    return this.profiles.has(id);
  }

  private invalidate(): void {
    this.idfCache = null;
    this.vectors.clear();
    this.postings = null;
  }

  private idf(): Map<string, number> {
    if (this.idfCache) return this.idfCache;
    const df = new Map<string, number>();
    for (const p of this.profiles.values()) for (const t of p.terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const n = this.profiles.size;
    // Smoothed: a term in every proposal still weighs a little, one in a single proposal the most.
    this.idfCache = new Map([...df].map(([t, d]) => [t, Math.log((1 + n) / (1 + d)) + 1]));
    return this.idfCache;
  }

  private vector(p: Profile): { weights: Map<string, number>; norm: number } {
    const cached = this.vectors.get(p.id);
    if (cached && this.profiles.get(p.id) === p) return cached;
    const idf = this.idf();
    const weights = new Map<string, number>();
    let sq = 0;
    for (const [t, tf] of p.terms) {
      // A term unknown to the collection (a draft's own word) is as rare as can be.
      const w = (1 + Math.log(tf)) * (idf.get(t) ?? Math.log(1 + this.profiles.size) + 1);
      weights.set(t, w);
      sq += w * w;
    }
    const v = { weights, norm: Math.sqrt(sq) };
    if (this.profiles.get(p.id) === p) this.vectors.set(p.id, v);
    return v;
  }

  /** The score of two profiles and what they agree on. */
  private compare(a: Profile, b: Profile): { score: number; why: KindredWhy } {
    const va = this.vector(a);
    const vb = this.vector(b);
    let dot = 0;
    const both: [string, number][] = [];
    const [small, large] = va.weights.size <= vb.weights.size ? [va.weights, vb.weights] : [vb.weights, va.weights];
    for (const [t, w] of small) {
      const o = large.get(t);
      if (o === undefined) continue;
      dot += w * o;
      both.push([t, Math.min(w, o)]);
    }
    const text = va.norm === 0 || vb.norm === 0 ? 0 : dot / (va.norm * vb.norm);
    const groups = jaccard(a.groups, b.groups);
    const budget = jaccard(a.budget, b.budget);
    const focus = a.focusArea !== null && a.focusArea === b.focusArea ? 1 : 0;
    const sameDistrict = [...a.districts].find((d) => b.districts.has(d));
    const partsA = new Set([...a.districts].map((d) => PARTS[d]!));
    const samePart = [...b.districts].map((d) => PARTS[d]!).find((x) => partsA.has(x));
    const region = sameDistrict ? 1 : samePart ? 0.5 : 0;
    const W = KINDRED_WEIGHTS;
    const score = W.text * text + W.groups * groups.score + W.budget * budget.score + W.focus * focus + W.region * region;
    return {
      score,
      why: {
        terms: both
          .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
          .slice(0, WHY_TERMS)
          .map(([t]) => t),
        beneficiaryGroups: groups.shared,
        budgetItems: budget.shared,
        region: sameDistrict ? `同一区县：${sameDistrict}` : samePart ? `同属${samePart}` : null,
        focusArea: focus ? a.focusArea : null,
      },
    };
  }

  /** Proposals sharing one of the strongest terms of a profile: the only ones worth scoring. */
  private candidates(p: Profile, skip: (id: string) => boolean): Set<string> {
    if (!this.postings) {
      const postings = new Map<string, string[]>();
      for (const q of this.profiles.values()) {
        for (const t of this.strongest(q)) postings.set(t, [...(postings.get(t) ?? []), q.id]);
      }
      this.postings = postings;
    }
    const out = new Set<string>();
    for (const t of this.vector(p).weights.keys()) for (const id of this.postings.get(t) ?? []) if (id !== p.id && !skip(id)) out.add(id);
    return out;
  }

  private strongest(p: Profile): string[] {
    return [...this.vector(p).weights]
      .sort((x, y) => y[1] - x[1])
      .slice(0, INDEX_TERMS)
      .map(([t]) => t);
  }

  /** The proposals of the same kind as `p` (in the collection or a draft), best first. */
  similarTo(p: KindredSource, opts: { limit: number; minScore?: number; skip?: (id: string) => boolean }): KindredHit[] {
    const profile = this.profiles.get(p.id) ?? profileOf(p);
    const min = opts.minScore ?? KINDRED_THRESHOLD;
    const hits: KindredHit[] = [];
    for (const id of this.candidates(profile, opts.skip ?? (() => false))) {
      const { score, why } = this.compare(profile, this.profiles.get(id)!);
      if (score >= min) hits.push({ id, score, why });
    }
    return hits.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1)).slice(0, opts.limit);
  }

  /** Every pair of the same kind in the collection, best first. */
  pairs(minScore: number = KINDRED_THRESHOLD): { a: string; b: string; score: number; why: KindredWhy }[] {
    const out: { a: string; b: string; score: number; why: KindredWhy }[] = [];
    for (const p of this.profiles.values()) {
      for (const id of this.candidates(p, (other) => other <= p.id)) {
        const { score, why } = this.compare(p, this.profiles.get(id)!);
        if (score >= minScore) out.push({ a: p.id, b: id, score, why });
      }
    }
    return out.sort((x, y) => y.score - x.score || (x.a < y.a ? -1 : 1) || (x.b < y.b ? -1 : 1));
  }

  title(id: string): { title: string; district: string } {
    const p = this.profiles.get(id);
    return { title: p?.title ?? '', district: p?.district ?? '' };
  }
}
