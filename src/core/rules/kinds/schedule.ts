import { CADENCE_LABELS, CADENCE_MONTHS, guessCadence, statedFrequency, type Cadence } from '../../../shared/rules/cadence';
import { lastsOver, monthsSpanned } from '../dates';
import type { ProposalView } from '../view';
import type { KindCompiler } from './types';

export const milestones: KindCompiler<'milestones'> = (rule) => (view, emit) => {
  const list = view.p.milestones;
  if (list.length < rule.minCount) {
    emit({ field: 'milestones', detail: `至少需要 ${rule.minCount} 个带日期的执行节点，当前 ${list.length} 个` });
  }
  const { start, end } = view.p.projectPeriod;
  if (rule.withinProjectPeriod && list.some((m) => m.date) && (!start || !end)) {
    emit({ field: 'projectPeriod', detail: '未填写项目执行周期，无法核对节点日期' });
  }
  list.forEach((m, i) => {
    const name = m.title || `第 ${i + 1} 个节点`;
    if (!m.date) return emit({ field: `milestones.${i}`, detail: `「${name}」没有日期` });
    if (!rule.withinProjectPeriod || !start || !end) return;
    if (m.date < start || m.date > end) {
      emit({ field: `milestones.${i}`, detail: `「${name}」的日期 ${m.date} 不在项目执行周期 ${start} 至 ${end} 之内` });
    }
  });
};

const describeMonths = (n: number) => (n < 1 ? `${Math.round(n * 4)} 周` : `${n} 个月`);

/** The cadence the writer recorded, or (never recorded) the guess from the disclosure plan's own words. */
function cadenceOf(view: ProposalView): { cadence: Cadence | null; note: string; guessed: boolean } {
  const plan = view.p.disclosurePlan;
  if (plan) return plan;
  const cadence = guessCadence(view.text('sections.disclosure'));
  return { cadence, note: '', guessed: cadence !== null };
}

/**
 * The law's rule (over 6 months: at least every 3 months) checked against the structured cadence
 * exactly. A guessed cadence is pointed at the words it was read from and must be confirmed.
 */
export const disclosure: KindCompiler<'disclosure'> = (rule) => (view, emit) => {
  const periods = [
    { what: '项目执行', ...view.p.projectPeriod },
    { what: '筹款', ...view.p.fundraisingPeriod },
  ].filter((x): x is { what: string; start: string; end: string } => !!x.start && !!x.end && lastsOver(x.start, x.end, rule.overMonths));
  const long = periods[0];
  if (!long) return;
  const span = `${long.what}周期约 ${monthsSpanned(long.start, long.end)} 个月，超过 ${rule.overMonths} 个月`;
  const need = `至少每 ${rule.everyMonths} 个月一次`;
  const field = 'disclosurePlan';
  const { cadence, note, guessed } = cadenceOf(view);
  if (cadence === null) return emit({ field, detail: `${span}，但未选择多久披露一次进展（${need}）` });
  const words = guessed ? statedFrequency(view.text('sections.disclosure')) : null;
  const at = words ? { field: 'sections.disclosure', range: { start: words.start, end: words.end } } : { field };
  const label = cadence === 'other' ? `「${note || '其他'}」` : `「${CADENCE_LABELS[cadence]}」`;
  const months = CADENCE_MONTHS[cadence];
  if (months === null) {
    return emit({ field, severity: 'warning', detail: `${span}，披露频率写为${label}，无法核对，请选择「每月」「每季度」等（${need}）` });
  }
  if (months > rule.everyMonths) {
    const how = months === Infinity ? '只在结项时披露' : `每 ${describeMonths(months)}披露一次`;
    const from = guessed ? '（系统根据「信息披露与反馈计划」推测，请确认）' : '';
    return emit({ ...at, detail: `${span}，${how}${from}，应${need}` });
  }
  if (guessed) {
    emit({ ...at, severity: 'warning', detail: `披露频率${label}是系统根据「信息披露与反馈计划」的文字推测的，请在「披露频率」中确认` });
  }
};
