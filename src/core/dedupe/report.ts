import type { DedupeReport, KindredPair, KindredWhy, ReportCluster, ReportPair } from '../../shared/api/methods/dedupe';
import type { Proposal } from '../../shared/domain/proposal';
import { sha256Hex } from '../library/images';
import type { Boilerplate } from './boilerplate';
import { clusterPairs } from './cluster';
import { pairKey } from './judgements';
import { sharedItems } from './overlap';
import { partText, proposalDoc, type DedupeDoc } from './parts';
import { matchingPassages, type Passage } from './passages';
import { endsSentenceAt, startsSentenceAt } from './sentences';

/** Clusters up to this size list every pair of members; larger ones only their similar pairs. */
export const ALL_PAIRS_UP_TO = 30;
/** Passages kept per pair in the report (whole sentences first, then the longest); the comparison view shows them all. */
const PASSAGES_PER_PAIR = 5;
const SNIPPET_CHARS = 120;

export interface ReportInput {
  threshold: number;
  /** Pairs whose score reaches the threshold (judged ones included). */
  pairs: readonly { a: string; b: string; score: number }[];
  /** Judged "not the same project", by pairKey, with when. */
  judged: ReadonlyMap<string, string>;
  /** The exact score of two proposals (shown for every pair, similar or not). */
  score(a: string, b: string): number;
  load(id: string): Proposal;
  boilerplate: Boilerplate;
  compared: number;
  tooShort: number;
  /** 同类项目 pairs (see kindred.ts), kept apart from the text clusters. */
  kindred?: readonly { a: string; b: string; score: number; why: KindredWhy }[];
  commonShingles?: number;
}

export function clusterId(ids: readonly string[]): string {
  return sha256Hex(Buffer.from([...ids].sort().join('\n'), 'utf8')).slice(0, 16);
}

function snippet(text: string): string {
  const chars = [...text];
  return chars.length <= SNIPPET_CHARS ? text : `${chars.slice(0, SNIPPET_CHARS).join('')}…`;
}

/**
 * A passage as the report quotes it, from the first proposal's text. Part of a sentence (the rest
 * of it differs between the two) gets … where it is cut, so nobody reads it as a whole sentence
 * copied; see passages.ts for how passages are cut at sentences.
 */
function quote(text: string, p: Passage): { text: string; whole: boolean } {
  const opens = startsSentenceAt(text, p.a.start);
  const closes = endsSentenceAt(text, p.a.end);
  const body = snippet(text.slice(p.a.start, p.a.end));
  return { text: `${opens ? '' : '…'}${body}${closes || body.endsWith('…') ? '' : '…'}`, whole: opens && closes };
}

/** 同质化检查: similar pairs grouped into clusters, with what the members share. */
export function buildReport(input: ReportInput): DedupeReport {
  // Sketches found the pairs; every score the reviewer sees is exact, so the report, the live panel
  // and 对照 show the same number for the same two proposals.
  const exact = input.pairs.map((p) => ({ ...p, score: input.score(p.a, p.b) })).filter((p) => p.score >= input.threshold);
  const edges = exact.filter((p) => !input.judged.has(pairKey(p.a, p.b)));
  const edgeScore = new Map(edges.map((p) => [pairKey(p.a, p.b), p.score]));
  const clusters: ReportCluster[] = clusterPairs(edges).map((ids) => {
    const proposals = new Map(ids.map((id) => [id, input.load(id)]));
    const docs = new Map<string, DedupeDoc>();
    const docOf = (id: string): DedupeDoc => {
      let d = docs.get(id);
      if (!d) docs.set(id, (d = proposalDoc(proposals.get(id)!)));
      return d;
    };
    const pairs: ReportPair[] = [];
    const describe = (a: string, b: string, score: number): void => {
      const judgedDistinct = input.judged.has(pairKey(a, b));
      const similar = edgeScore.has(pairKey(a, b));
      const pa = proposals.get(a)!;
      const pb = proposals.get(b)!;
      if (!similar) {
        pairs.push({ a, b, score, similar, judgedDistinct, sharedChars: 0, passages: [], shared: { beneficiaryGroups: [], regions: [], budgetItems: [] } });
        return;
      }
      const passages = matchingPassages(docOf(a), docOf(b), input.boilerplate);
      const quoted = passages.map((p) => ({ p, ...quote(partText(pa, p.a.part), p) }));
      // Whole sentences copied are the evidence a reviewer can act on; parts of sentences only fill up.
      const shown = quoted.sort((x, y) => Number(y.whole) - Number(x.whole) || y.p.chars - x.p.chars).slice(0, PASSAGES_PER_PAIR);
      pairs.push({
        a,
        b,
        score,
        similar,
        judgedDistinct,
        sharedChars: passages.reduce((n, p) => n + p.chars, 0),
        passages: shown.map((x) => ({ ...x.p, text: x.text })),
        shared: sharedItems([pa, pb]),
      });
    };
    if (ids.length <= ALL_PAIRS_UP_TO) {
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const a = ids[i]!;
          const b = ids[j]!;
          describe(a, b, edgeScore.get(pairKey(a, b)) ?? input.score(a, b));
        }
      }
    } else {
      for (const p of edges) if (proposals.has(p.a)) describe(p.a, p.b, p.score);
    }
    pairs.sort((x, y) => y.score - x.score);
    const members = ids.map((id) => {
      const p = proposals.get(id)!;
      return { id, title: p.title, district: p.district, focusArea: p.focusArea, status: p.status, isBrand: p.brandSources.length > 0, updatedAt: p.updatedAt, remote: false };
    });
    return {
      id: clusterId(ids),
      members,
      maxScore: Math.max(...pairs.filter((p) => p.similar).map((p) => p.score)),
      districts: [...new Set(members.map((m) => m.district).filter((d) => d !== ''))],
      focusAreas: [...new Set(members.flatMap((m) => (m.focusArea ? [m.focusArea] : [])))],
      pairs,
      shared: sharedItems([...proposals.values()]),
    };
  });
  clusters.sort((x, y) => y.maxScore - x.maxScore || y.members.length - x.members.length || (x.id < y.id ? -1 : 1));
  const dismissed = exact
    .filter((p) => input.judged.has(pairKey(p.a, p.b)))
    .map((p) => ({
      a: p.a,
      b: p.b,
      score: p.score,
      aTitle: input.load(p.a).title,
      bTitle: input.load(p.b).title,
      decidedAt: input.judged.get(pairKey(p.a, p.b))!,
    }));
  const textPairs = new Set(edges.map((p) => pairKey(p.a, p.b)));
  const kindred: KindredPair[] = (input.kindred ?? []).map((k) => {
    const a = input.load(k.a);
    const b = input.load(k.b);
    return { ...k, aTitle: a.title, bTitle: b.title, aDistrict: a.district, bDistrict: b.district, alsoText: textPairs.has(pairKey(k.a, k.b)) };
  });
  return {
    threshold: input.threshold,
    generatedAt: new Date().toISOString(),
    compared: input.compared,
    tooShort: input.tooShort,
    clusters,
    kindred,
    commonShingles: input.commonShingles ?? 0,
    dismissed,
  };
}
