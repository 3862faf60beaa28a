import type { MergeInputParsed, SectionChoice } from '../../shared/api/methods/dedupe';
import { SECTION_IDS, sectionLabel, type SectionId } from '../../shared/domain/catalog';
import { newId, parseProposal } from '../../shared/domain/factory';
import { LIMITS } from '../../shared/domain/limits';
import type { Beneficiary, BudgetLine, ImageRef, Milestone, Org, Proposal, RichText } from '../../shared/domain/proposal';
import { PROPOSAL_SCHEMA_VERSION } from '../../shared/domain/proposal';
import { docToText, textToDoc } from '../../shared/domain/richText';
import { AppError } from '../../shared/errors';
import { normalizedString } from '../dedupe/normalize';
import { brandTitle, leadContact } from './brandDefaults';

/** A brand project spanning districts is coordinated by the city federation unless the reviewer says otherwise. */
export const CITY_FEDERATION = '市慈善总会（本级）';

const clip = (s: string, max: number): string => ([...s].length <= max ? s : [...s].slice(0, max).join(''));
const same = <T>(values: readonly T[], key: (v: T) => string = String): boolean => new Set(values.map(key)).size <= 1;
const orgKey = (o: Org): string => `${o.name.trim()}\n${o.creditCode.trim()}`;
const label = (p: Proposal): string => p.district || `「${p.title}」`;

function sectionFrom(choice: SectionChoice, sources: ReadonlyMap<string, Proposal>, section: SectionId): RichText {
  if ('from' in choice) {
    const src = sources.get(choice.from);
    if (!src) throw new AppError('INVALID_INPUT', `「${sectionLabel(section)}」选择的来源项目 ${choice.from} 不在本次合并的项目中`);
    return src.sections[section];
  }
  if (choice.doc) return { doc: choice.doc, text: docToText(choice.doc) };
  return { doc: textToDoc(choice.text), text: choice.text };
}

/** Same group (type) of beneficiaries across districts: one entry, counts added, regions listed. */
function pooledBeneficiaries(sources: readonly Proposal[]): Beneficiary[] {
  const groups = new Map<string, { type: string; counts: number[]; regions: string[] }>();
  for (const p of sources) {
    for (const b of p.beneficiaries) {
      const key = normalizedString(b.type, { keepDistricts: true });
      const g = groups.get(key) ?? { type: b.type.trim(), counts: [], regions: [] };
      if (b.count !== null) g.counts.push(b.count);
      const region = b.region.trim() || p.district;
      if (region !== '' && !g.regions.includes(region)) g.regions.push(region);
      groups.set(key, g);
    }
  }
  return [...groups.values()].map((g) => ({
    id: newId(),
    type: g.type,
    count: g.counts.length === 0 ? null : g.counts.reduce((a, b) => a + b, 0),
    region: clip(g.regions.join('、'), 200),
  }));
}

/** Every budget line of every source, each remembering the proposal and district it came from. */
function pooledBudgetLines(sources: readonly Proposal[]): BudgetLine[] {
  const ids = new Set<string>();
  const out: BudgetLine[] = [];
  for (const p of sources) {
    for (const line of p.budget.lines) {
      const id = ids.has(line.id) ? newId() : line.id;
      ids.add(id);
      // A line already pooled into an earlier brand project keeps its first origin.
      out.push({ ...line, id, origin: line.origin ?? { proposalId: p.id, district: p.district } });
    }
  }
  return out;
}

/** Each source district runs its part: its executors, or else its initiator, as a co-executor. */
function coExecutors(sources: readonly Proposal[], warnings: string[]): Proposal['roles']['executors'] {
  const out: Proposal['roles']['executors'] = [];
  const seen = new Set<string>();
  for (const p of sources) {
    const own = p.roles.executors.length > 0 ? p.roles.executors : [{ ...p.roles.initiator, district: p.district }];
    for (const e of own) {
      const executor = { name: e.name, creditCode: e.creditCode, district: e.district || p.district };
      const key = `${orgKey(executor)}\n${executor.district}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (executor.name.trim() === '') warnings.push(`${label(p)}的执行方名称未填写，请在品牌项目中补充`);
      out.push(executor);
    }
  }
  return out;
}

function pooledMilestones(sources: readonly Proposal[]): Milestone[] {
  const ids = new Set<string>();
  const out: Milestone[] = [];
  for (const p of sources) {
    for (const m of p.milestones) {
      const id = ids.has(m.id) ? newId() : m.id;
      ids.add(id);
      out.push({ ...m, id, title: clip(p.district ? `${p.district}：${m.title}` : m.title, 200) });
    }
  }
  // Dated steps in date order, undated ones after them in source order.
  return out
    .map((m, i) => ({ m, i }))
    .sort((x, y) => (x.m.date ?? '9999').localeCompare(y.m.date ?? '9999') || x.i - y.i)
    .map(({ m }) => m);
}

function pooledImages(sources: readonly Proposal[]): ImageRef[] {
  const seen = new Set<string>();
  const out: ImageRef[] = [];
  let cover = false;
  for (const p of sources) {
    for (const img of p.images) {
      if (seen.has(img.sha256)) continue;
      seen.add(img.sha256);
      out.push({ ...img, isCover: img.isCover && !cover });
      cover ||= img.isCover;
    }
  }
  return out.slice(0, LIMITS.imagesPerProposal);
}

const sumOrNull = (values: (number | null)[]): number | null => {
  const given = values.filter((v): v is number => v !== null);
  return given.length === 0 ? null : given.reduce((a, b) => a + b, 0);
};

function earliest(dates: (string | null)[]): string | null {
  return dates.filter((d): d is string => d !== null).sort()[0] ?? null;
}

function latest(dates: (string | null)[]): string | null {
  return dates.filter((d): d is string => d !== null).sort().at(-1) ?? null;
}

/**
 * The brand project (品牌项目) merged from `sources`: rich-text sections as the reviewer chose,
 * structured parts combined. Pure: nothing is saved. Warnings say what the reviewer should check.
 */
export function composeBrand(sources: readonly Proposal[], input: MergeInputParsed, brandId: string, now: string): { brand: Proposal; warnings: string[] } {
  const first = sources[0]!;
  const byId = new Map(sources.map((p) => [p.id, p]));
  const warnings: string[] = [];

  const sections = { ...first.sections };
  for (const id of SECTION_IDS) sections[id] = sectionFrom(input.sections[id] ?? { from: first.id }, byId, id);

  const fundraisers = sources.map((p) => p.roles.fundraiser).filter((o) => o.name.trim() !== '');
  const fundraiser = input.fundraiser ?? fundraisers[0] ?? first.roles.fundraiser;
  if (!input.fundraiser && !same(fundraisers, orgKey)) {
    warnings.push(`来源项目的公募支持方不一致，已暂用「${fundraiser.name}」作为共同的公募支持方，请确认`);
  }
  if (fundraiser.name.trim() === '') warnings.push('尚未指定共同的公募支持方（联合筹款的主体），请补充');
  const initiators = sources.map((p) => p.roles.initiator);
  const initiator = input.initiator ?? (same(initiators, orgKey) ? first.roles.initiator : fundraiser);

  const focusAreas = sources.map((p) => p.focusArea);
  if (!input.focusArea && !same(focusAreas)) warnings.push(`来源项目的领域不一致，已采用第一个项目的领域，请确认`);
  const districts = sources.map((p) => p.district);
  const fees = sources.map((p) => p.budget.managementFeePercent);
  if (!same(fees)) warnings.push('来源项目的公募管理费比例不一致，请在品牌项目中重新填写');
  if (sources.some((p) => p.filing.number !== '')) warnings.push('品牌项目需要重新备案募捐方案，原备案编号未沿用');

  const fallback = sources
    .filter((p) => p.budget.fallbackPlan.trim() !== '')
    .map((p) => `${label(p)}：${p.budget.fallbackPlan.trim()}`)
    .join('\n');
  const contact = leadContact(sources, initiator);
  if (!contact && sources.some((p) => p.filing.contactName.trim() !== '')) warnings.push(`请填写牵头单位「${initiator.name || '发起方'}」的活动负责人和办公地址（未沿用区县项目的负责人）`);
  const regions = [...new Set(sources.flatMap((p) => (p.filing.region.trim() ? [p.filing.region.trim()] : [])))];

  const brand: Proposal = {
    schemaVersion: PROPOSAL_SCHEMA_VERSION,
    id: brandId,
    title: clip(input.title.trim() || brandTitle(sources), LIMITS.titleChars),
    summary: input.summary.trim() || first.summary,
    focusArea: input.focusArea ?? first.focusArea,
    district: input.district ?? (same(districts) ? first.district : CITY_FEDERATION),
    roles: { initiator, executors: coExecutors(sources, warnings), fundraiser },
    filing: { ...first.filing, ...(contact ?? { contactName: '', contactAddress: '' }), number: '', region: clip(regions.join('、'), 200) },
    // The brand project's disclosure is planned anew, like its filing.
    disclosurePlan: null,
    targetFen: sumOrNull(sources.map((p) => p.targetFen)),
    fundraisingPeriod: {
      start: earliest(sources.map((p) => p.fundraisingPeriod.start)),
      end: latest(sources.map((p) => p.fundraisingPeriod.end)),
    },
    projectPeriod: {
      start: earliest(sources.map((p) => p.projectPeriod.start)),
      end: latest(sources.map((p) => p.projectPeriod.end)),
    },
    beneficiaries: pooledBeneficiaries(sources),
    sections,
    milestones: pooledMilestones(sources),
    budget: {
      lines: pooledBudgetLines(sources),
      managementFeePercent: same(fees) ? first.budget.managementFeePercent : null,
      minimumExecutableFen: sumOrNull(sources.map((p) => p.budget.minimumExecutableFen)),
      fallbackPlan: clip(fallback, 2000),
    },
    images: pooledImages(sources),
    platforms: [...new Set(sources.flatMap((p) => p.platforms))],
    status: 'draft',
    template: null,
    brandSources: sources.map((p) => ({ id: p.id, title: p.title, district: p.district })),
    mergedInto: null,
    listings: [],
    disclosures: [],
    createdAt: now,
    updatedAt: now,
  };
  // The pooled lists can outgrow a single proposal's limits; say so rather than save a broken file.
  return { brand: parseProposal(brand, '合并后的品牌项目'), warnings };
}
