import type { PlatformId } from '../../shared/domain/catalog';
import { CHARITY_CHINA, type Disclosure, type Proposal, type PublicationTarget } from '../../shared/domain/proposal';
import type { ProgressUpdateForm, RulePack, UpdatePart } from '../../shared/rules/pack';
import { documentYuan } from '../export/money';
import { targetLabel } from './records';

/** A platform with no progress-update form in its pack gets every part, in this order, without limits. */
export const DEFAULT_UPDATE_FORM: ProgressUpdateForm = {
  parts: [
    { part: 'period', label: '本期时间' },
    { part: 'activities', label: '项目进展' },
    { part: 'funds', label: '筹款情况' },
    { part: 'spending', label: '资金使用' },
    { part: 'beneficiaries', label: '受益情况' },
    { part: 'photos', label: '图片' },
    { part: 'problems', label: '问题与计划' },
    { part: 'leftover', label: '剩余资金处理' },
    { part: 'outcomes', label: '项目成效' },
  ],
  source: { kind: 'federation', title: '总会默认的进展更新格式', verified: false },
};

const chars = (s: string) => Array.from(s).length;

function partText(part: UpdatePart, p: Proposal, d: Disclosure): string {
  switch (part) {
    case 'period':
      return d.period.start || d.period.end ? `${d.period.start ?? '（未填）'} 至 ${d.period.end ?? '（未填）'}` : '';
    case 'funds': {
      const raised = p.listings.reduce((s, l) => s + (l.raisedFen ?? 0), 0);
      const parts = [d.receivedFen !== null ? `本期收到善款 ${documentYuan(d.receivedFen)} 元` : '', raised > 0 ? `各平台累计筹款 ${documentYuan(raised)} 元` : ''];
      return parts.filter(Boolean).join('；');
    }
    case 'spending': {
      if (d.spending.length === 0) return '';
      const lines = new Map(p.budget.lines.map((l) => [l.id, l]));
      const total = d.spending.reduce((s, x) => s + x.spentFen, 0);
      const items = d.spending.map((s) => `${lines.get(s.budgetLineId)?.item || s.budgetLineId} ${documentYuan(s.spentFen)} 元${s.note ? `（${s.note}）` : ''}`);
      return `本期支出 ${documentYuan(total)} 元：${items.join('；')}`;
    }
    case 'beneficiaries':
      return d.beneficiariesReached !== null ? `本期受益 ${d.beneficiariesReached} 人（次）` : '';
    case 'activities':
      return d.activities.trim();
    case 'photos': {
      const images = new Map(p.images.map((i) => [i.id, i]));
      const captions = d.imageIds.map((id) => images.get(id)?.caption || images.get(id)?.fileName || id);
      return captions.length ? `附图 ${captions.length} 张：${captions.join('；')}` : '';
    }
    case 'problems':
      return d.problems.trim();
    case 'leftover':
      return d.leftoverFen !== null ? `剩余资金 ${documentYuan(d.leftoverFen)} 元${d.leftoverPlan.trim() ? `，处理方式：${d.leftoverPlan.trim()}` : ''}` : d.leftoverPlan.trim();
    case 'outcomes':
      return d.outcomes.trim();
  }
}

export interface UpdateText {
  target: PublicationTarget;
  label: string;
  text: string;
  /** Limits the text breaks (the form's, from its pack); empty when it fits. */
  problems: string[];
  published: { date: string; url: string } | null;
}

/** One target's update from the record, in the target's field order, checked against its limits. */
export function updateText(p: Proposal, d: Disclosure, target: PublicationTarget, form: ProgressUpdateForm): UpdateText {
  const problems: string[] = [];
  const label = targetLabel(target);
  const blocks: string[] = [];
  if (d.kind === 'correction') blocks.push('【更正公告】本条更正此前发布的项目进展，以本条为准。');
  for (const f of form.parts) {
    const body = partText(f.part, p, d);
    if (!body) continue;
    if (f.maxChars !== undefined && chars(body) > f.maxChars) problems.push(`${label}「${f.label}」${chars(body)} 字，超过 ${f.maxChars} 字`);
    blocks.push(`【${f.label}】${body}`);
  }
  const text = blocks.join('\n');
  if (form.maxChars !== undefined && chars(text) > form.maxChars) problems.push(`${label}进展全文 ${chars(text)} 字，超过 ${form.maxChars} 字`);
  if (blocks.length === 0) problems.push(`${label}：披露记录还是空的`);
  const mark = d.publications.find((m) => m.target === target);
  return { target, label, text, problems, published: mark ? { date: mark.date, url: mark.url } : null };
}

/**
 * Every update the record produces: one per platform the project is listed on, and the 慈善中国 entry
 * (the legal pack's form). Written once, shaped per platform.
 */
export function updateTexts(p: Proposal, d: Disclosure, packs: readonly RulePack[]): UpdateText[] {
  const forms = new Map(packs.map((x) => [x.id, x.progressUpdate]));
  const platforms = [...new Set(p.listings.filter((l) => l.liveDate !== null || l.status === 'live' || l.status === 'ended').map((l) => l.platform))] as PlatformId[];
  const out = platforms.map((t) => updateText(p, d, t, forms.get(t) ?? DEFAULT_UPDATE_FORM));
  out.push(updateText(p, d, CHARITY_CHINA, forms.get('legal') ?? DEFAULT_UPDATE_FORM));
  return out;
}
