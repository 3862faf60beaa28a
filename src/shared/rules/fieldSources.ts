import { z } from 'zod';
import { focusAreaLabel, SECTION_IDS, sectionLabel } from '../domain/catalog';
import { filingSchema, type Proposal } from '../domain/proposal';
import { CADENCE_LABELS } from './cadence';

type FilingKey = keyof z.infer<typeof filingSchema>;
/**
 * The filed fundraising plan's contents (募捐方案备案), one source each, straight from the proposal's
 * filing schema: a field added there is a source, pasted as it is, and the 平台信息 step covers it.
 */
export const FILING_SOURCES = (Object.keys(filingSchema.shape) as FilingKey[]).map((key) => `filing.${key}` as const);
type FilingSource = (typeof FILING_SOURCES)[number];
const isFilingSource = (source: string): source is FilingSource => (FILING_SOURCES as readonly string[]).includes(source);

/**
 * The parts of a proposal a platform field can be filled from. A rule pack maps each of the
 * platform's form fields to one or more of these; `fieldText` renders them as the text to paste.
 */
export const FIELD_SOURCES = [
  'title',
  'summary',
  'focusArea',
  'district',
  'initiator.name',
  'initiator.creditCode',
  'executors',
  'fundraiser.name',
  'fundraiser.creditCode',
  ...FILING_SOURCES,
  'targetFen',
  'fundraisingPeriod',
  'projectPeriod',
  'beneficiaries',
  ...SECTION_IDS.map((id) => `sections.${id}` as const),
  'milestones',
  'disclosurePlan',
  'budget',
  // Each line's 测算依据, one line of text per budget line: templates fill it with a placeholder.
  'budget.notes',
  'budget.managementFeePercent',
  'budget.minimumExecutableFen',
  'budget.fallbackPlan',
  'images',
] as const;
export type FieldSource = (typeof FIELD_SOURCES)[number];
export const fieldSourceSchema = z.enum(FIELD_SOURCES);

const LABELS: Record<string, string> = {
  title: '项目名称',
  summary: '一句话简介',
  focusArea: '项目领域',
  district: '区县',
  'initiator.name': '发起方',
  'initiator.creditCode': '发起方统一社会信用代码',
  executors: '执行方',
  'fundraiser.name': '公募支持方',
  'fundraiser.creditCode': '公募支持方统一社会信用代码',
  'filing.number': '募捐方案备案编号',
  'filing.region': '募捐地域',
  'filing.contactName': '活动负责人',
  'filing.contactAddress': '负责人办公地址',
  'filing.donationMethod': '接受捐赠方式',
  'filing.remainderPlan': '剩余财产的处理',
  targetFen: '筹款目标',
  fundraisingPeriod: '筹款周期',
  projectPeriod: '项目执行周期',
  beneficiaries: '受益人',
  milestones: '执行计划节点',
  disclosurePlan: '披露频率',
  budget: '项目预算',
  'budget.notes': '预算测算依据',
  'budget.managementFeePercent': '公募管理费比例',
  'budget.minimumExecutableFen': '最低可执行金额',
  'budget.fallbackPlan': '未筹满时的执行方案',
  images: '图片',
};

export function fieldSourceLabel(source: FieldSource): string {
  if (source.startsWith('sections.')) return sectionLabel(source.slice('sections.'.length));
  return LABELS[source] ?? source;
}

/** How dates and money are written for a platform's form. */
export interface FieldFormat {
  /** e.g. 'YYYY-MM-DD' (default) or 'YYYY.MM.DD' for 新浪微公益. */
  date?: 'YYYY-MM-DD' | 'YYYY.MM.DD' | 'YYYY年M月D日';
  /** Money as yuan with two decimals (default) or whole yuan. */
  money?: 'yuan2' | 'yuan0';
}

export function formatDate(iso: string | null, fmt: FieldFormat['date'] = 'YYYY-MM-DD'): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  if (fmt === 'YYYY.MM.DD') return `${y}.${m}.${d}`;
  if (fmt === 'YYYY年M月D日') return `${y}年${Number(m)}月${Number(d)}日`;
  return iso;
}

export function formatYuan(fen: number | null, fmt: FieldFormat['money'] = 'yuan2'): string {
  if (fen === null) return '';
  return fmt === 'yuan0' ? String(Math.round(fen / 100)) : (fen / 100).toFixed(2);
}

const period = (p: { start: string | null; end: string | null }, f: FieldFormat) =>
  p.start || p.end ? `${formatDate(p.start, f.date)}-${formatDate(p.end, f.date)}` : '';

/** The plain text of one part of a proposal, as it would be pasted into a platform's form. */
export function fieldText(p: Proposal, source: FieldSource, f: FieldFormat = {}): string {
  if (isFilingSource(source)) return p.filing[source.slice('filing.'.length) as FilingKey];
  switch (source) {
    case 'title':
      return p.title;
    case 'summary':
      return p.summary;
    case 'focusArea':
      return p.focusArea ? focusAreaLabel(p.focusArea) : '';
    case 'district':
      return p.district;
    case 'initiator.name':
      return p.roles.initiator.name;
    case 'initiator.creditCode':
      return p.roles.initiator.creditCode;
    case 'executors':
      return p.roles.executors.map((e) => e.name).filter(Boolean).join('、');
    case 'fundraiser.name':
      return p.roles.fundraiser.name;
    case 'fundraiser.creditCode':
      return p.roles.fundraiser.creditCode;
    case 'targetFen':
      return formatYuan(p.targetFen, f.money);
    case 'fundraisingPeriod':
      return period(p.fundraisingPeriod, f);
    case 'projectPeriod':
      return period(p.projectPeriod, f);
    case 'beneficiaries':
      return p.beneficiaries
        .map((b) => [b.region, b.type, b.count !== null ? `${b.count}人` : ''].filter(Boolean).join(' '))
        .join('；');
    case 'milestones':
      return p.milestones.map((m) => `${formatDate(m.date, f.date)} ${m.title}${m.detail ? `：${m.detail}` : ''}`.trim()).join('\n');
    case 'disclosurePlan': {
      const plan = p.disclosurePlan;
      if (!plan?.cadence) return '';
      return plan.cadence === 'other' ? plan.note : CADENCE_LABELS[plan.cadence];
    }
    case 'budget':
      return p.budget.lines
        .map((l) => `${l.item}：${formatYuan(l.unitPriceFen, f.money)}元 × ${l.quantity} = ${formatYuan(l.amountFen, f.money)}元`)
        .join('\n');
    case 'budget.notes':
      return p.budget.lines.map((l) => l.note).join('\n');
    case 'budget.managementFeePercent':
      return p.budget.managementFeePercent === null ? '' : `${p.budget.managementFeePercent}%`;
    case 'budget.minimumExecutableFen':
      return formatYuan(p.budget.minimumExecutableFen, f.money);
    case 'budget.fallbackPlan':
      return p.budget.fallbackPlan;
    case 'images':
      return p.images.map((i) => i.caption || i.fileName).join('\n');
    default: {
      const id = source.slice('sections.'.length) as (typeof SECTION_IDS)[number];
      return p.sections[id].text;
    }
  }
}
