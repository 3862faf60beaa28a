import { COUNT_MODE_LABELS, offsetAfter } from '../../../shared/rules/count';
import { fieldSourceLabel, type FieldSource } from '../../../shared/rules/fieldSources';
import { FILING_ITEM_LABELS, type FilingItem } from '../../../shared/rules/ruleKinds';
import { lastsOver, monthsSpanned } from '../dates';
import type { ProposalView } from '../view';
import type { KindCompiler } from './types';

export const required: KindCompiler<'required'> = (rule) => (view, emit) => {
  for (const field of rule.fields) {
    if (!view.filled(field)) emit({ field, detail: `「${fieldSourceLabel(field)}」未填写` });
  }
};

export const length: KindCompiler<'length'> = (rule) => (view, emit) => {
  const text = view.text(rule.field);
  const n = view.count(rule.field, rule.mode);
  const how = COUNT_MODE_LABELS[rule.mode];
  if (rule.max !== undefined && n > rule.max) {
    const start = offsetAfter(text, rule.max, rule.mode) ?? text.length;
    emit({ field: rule.field, range: { start, end: text.length }, detail: `当前 ${n} 字，上限 ${rule.max} 字（${how}）` });
  }
  if (rule.min !== undefined && n < rule.min) {
    emit({ field: rule.field, detail: `当前 ${n} 字，至少 ${rule.min} 字（${how}）` });
  }
};

export const fundraisingPeriod: KindCompiler<'fundraisingPeriod'> = (rule) => (view, emit) => {
  const { start, end } = view.p.fundraisingPeriod;
  const field = 'fundraisingPeriod';
  if (!start || !end) {
    emit({ field, detail: !start && !end ? '未填写起止日期' : !start ? '未填写开始日期' : '未填写结束日期' });
    return;
  }
  if (end < start) emit({ field, detail: `结束日期 ${end} 早于开始日期 ${start}` });
  else if (rule.maxMonths !== undefined && lastsOver(start, end, rule.maxMonths)) {
    emit({ field, detail: `筹款约 ${monthsSpanned(start, end)} 个月，超过 ${rule.maxMonths} 个月` });
  }
};

const BANK = /银行|账户|帐户|账号|帐号|开户/u;

/** Each item of a 募捐方案 and where the proposal keeps it. */
const FILING_CHECKS: Record<FilingItem, { field: FieldSource; ok: (v: ProposalView) => boolean }> = {
  purpose: { field: 'sections.goals', ok: (v) => v.filled('sections.goals') || v.filled('summary') },
  period: { field: 'fundraisingPeriod', ok: (v) => v.filled('fundraisingPeriod') },
  region: { field: 'filing.region', ok: (v) => v.filled('filing.region') },
  contact: { field: 'filing.contactName', ok: (v) => v.filled('filing.contactName') && v.filled('filing.contactAddress') },
  donationMethod: { field: 'filing.donationMethod', ok: (v) => v.filled('filing.donationMethod') },
  bankAccount: { field: 'filing.donationMethod', ok: (v) => BANK.test(v.text('filing.donationMethod')) },
  beneficiaries: { field: 'beneficiaries', ok: (v) => v.filled('beneficiaries') },
  use: { field: 'budget', ok: (v) => v.filled('budget') },
  cost: { field: 'budget.managementFeePercent', ok: (v) => v.p.budget.managementFeePercent !== null },
  remainder: { field: 'filing.remainderPlan', ok: (v) => v.filled('filing.remainderPlan') },
};

export const filingContents: KindCompiler<'filingContents'> = (rule) => (view, emit) => {
  for (const item of rule.items) {
    const check = FILING_CHECKS[item];
    if (check.ok(view)) continue;
    const where = item === 'bankAccount' ? '（请在「接受捐赠方式」中写明）' : '';
    emit({ field: check.field, detail: `缺少「${FILING_ITEM_LABELS[item]}」${where}` });
  }
};

export const manualCheck: KindCompiler<'manualCheck'> = () => (_view, emit) => emit({ field: null });

export const basicFacts: KindCompiler<'basicFacts'> = (rule) => {
  const checks = new Set(rule.checks);
  return (view, emit) => {
    const { p } = view;
    if (checks.has('targetAboveZero') && p.targetFen !== null && p.targetFen <= 0) {
      emit({ field: 'targetFen', detail: '筹款目标为 0 元，应大于 0' });
    }
    const { start, end } = p.projectPeriod;
    if (checks.has('projectPeriodInOrder') && start && end && end < start) {
      emit({ field: 'projectPeriod', detail: `项目执行周期的结束日期 ${end} 早于开始日期 ${start}` });
    }
    if (checks.has('beneficiaryCounts')) {
      p.beneficiaries.forEach((b, i) => {
        const who = `「${b.type || `第 ${i + 1} 类受益人`}」`;
        if (b.count === null) emit({ field: 'beneficiaries', detail: `${who}未填写人数` });
        else if (b.count <= 0) emit({ field: 'beneficiaries', detail: `${who}人数为 ${b.count}，应大于 0` });
      });
    }
  };
};
