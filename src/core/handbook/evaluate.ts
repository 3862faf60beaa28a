import { countChars } from '../../shared/rules/count';
import { sectionLabel, type SectionId } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';
import type { CheckState } from '../../shared/handbook/assessment';
import type { CheckId } from '../../shared/handbook/checks';
import { SAMPLE_MARK } from './samples';
import {
  daysBetween,
  deniesRisk,
  hasCriteria,
  hasSource,
  hasTrackRecord,
  isRiskWithResponse,
  items,
  numbersIn,
  ownChars,
  ownText,
  placeholderCount,
  quantities,
  statesChannel,
  statesEvidence,
  statesFinalReport,
  statesFrequentUpdates,
  statesRareUpdatesOnly,
  vagueWords,
  yuan,
} from './textMeasures';

/** One check's verdict: the share of its points earned, and words for the user. */
export interface Verdict {
  state: CheckState;
  /** 0..1; pass is 1. */
  ratio: number;
  note: string;
  advice: string;
}

const pass = (note: string): Verdict => ({ state: 'pass', ratio: 1, note, advice: '' });
const missing = (note: string, advice: string, ratio = 0): Verdict => ({ state: 'missing', ratio: Math.max(0, Math.min(ratio, 0.99)), note, advice });
const wrong = (note: string, advice: string): Verdict => ({ state: 'wrong', ratio: 0, note, advice });

/** Minimum own characters for a section to count as written (punctuation and spaces not counted). */
const MIN_CHARS: Record<SectionId, number> = { background: 150, goals: 60, plan: 100, capacity: 80, risks: 60, disclosure: 50, aboutUs: 50 };

/** A rich-text section is written: long enough, and no placeholder left behind. */
function sectionWritten(p: Proposal, id: SectionId, advice: string): Verdict {
  const text = p.sections[id].text;
  const left = placeholderCount(text);
  const chars = ownChars(text);
  const min = MIN_CHARS[id];
  if (left > 0) return missing(`「${sectionLabel(id)}」还有 ${left} 处占位符（【请填写：…】或【示例：…】）没有换成项目的实际内容`, `把「${sectionLabel(id)}」中的占位符逐个换成你的项目的真实情况`, Math.min(chars / min, 1) * 0.5);
  if (chars === 0) return missing(`「${sectionLabel(id)}」还没有写`, advice);
  // The editor's length counter shows every character; say both numbers so the two never seem to disagree.
  if (chars < min) {
    const all = countChars(text, 'chars');
    const counted = all === chars ? `只写了 ${chars} 字` : `正文 ${all} 字（与字数计数器一样，含标点、空格和占位符），其中自己写的只有 ${chars} 字`;
    return missing(`「${sectionLabel(id)}」${counted}，偏短（建议自己写的至少 ${min} 字，不计标点和空格）`, advice, chars / min);
  }
  return pass(`「${sectionLabel(id)}」已写 ${chars} 字，没有遗留占位符`);
}

/**
 * Checks that read a section's wording only count once its placeholders are gone: a template's
 * labels (“数据来源：”“应对：”) must not earn points for text the user has not written.
 */
function unfinished(p: Proposal, ids: readonly SectionId[]): Verdict | null {
  const left = ids.filter((id) => placeholderCount(p.sections[id].text) > 0);
  if (left.length === 0) return null;
  const names = left.map((id) => `「${sectionLabel(id)}」`).join('、');
  return missing(`${names}还有占位符没有换成实际内容，暂不评这一项`, `先把${names}中的【请填写：…】【示例：…】换成项目的真实情况`);
}

/** Evaluate `fn` only when the sections are free of placeholders. */
const finished =
  (ids: readonly SectionId[], fn: (p: Proposal) => Verdict) =>
  (p: Proposal): Verdict =>
    unfinished(p, ids) ?? fn(p);

/** A short structured text the user must fill: set, and not a placeholder. */
const filled = (s: string): boolean => ownText(s).length > 0 && placeholderCount(s) === 0;

const list = (xs: readonly string[], n = 3): string => xs.slice(0, n).join('、') + (xs.length > n ? ` 等 ${xs.length} 处` : '');

type Evaluator = (p: Proposal) => Verdict;

export const EVALUATORS: Record<CheckId, Evaluator> = {
  'need.title': (p) => {
    const title = p.title.replace(SAMPLE_MARK, '');
    if (placeholderCount(title) > 0) return missing('项目名称还是模板的占位符', '写一个具体的名称：地点 + 对象 + 做什么，例如「××镇高龄独居老人暖心送餐计划」');
    const n = ownChars(title);
    if (n < 6) return missing(`项目名称只有 ${n} 个字，看不出在哪里、为谁、做什么`, '名称写明地点、受益对象和做的事，8～20 个字为宜', n / 6);
    return pass(`项目名称「${title}」写明了项目`);
  },
  'need.summary': (p) => {
    if (placeholderCount(p.summary) > 0) return missing('一句话简介还有占位符', '用一句话说清：为谁、解决什么问题、做什么、多少钱');
    const n = ownChars(p.summary);
    if (n < 15) return missing(n === 0 ? '还没有一句话简介' : `一句话简介只有 ${n} 个字`, '用一句话说清：为谁、解决什么问题、做什么、多少钱', n / 15);
    return pass(`一句话简介 ${n} 字`);
  },
  'need.text': (p) => sectionWritten(p, 'background', '写清楚：哪里、什么人、遇到什么困难、现在有什么缺口、为什么需要社会捐助'),
  'need.numbers': finished(['background'], (p) => {
    const q = quantities(p.sections.background.text);
    if (q.length >= 3) return pass(`需求中有 ${q.length} 个具体数字（如 ${list(q)}）`);
    return missing(
      q.length === 0 ? '需求里没有一个带单位的具体数字' : `需求里只有 ${q.length} 个具体数字（${list(q)}）`,
      '用数字说明需求：涉及多少人、困难有多严重（如“全镇 60 岁以上老人 3,120 人，其中独居 412 人”），至少写 3 个',
      q.length / 3,
    );
  }),
  'need.source': finished(['background'], (p) =>
    hasSource(p.sections.background.text)
      ? pass('说明了数据从哪里来（调研、走访或统计）')
      : missing('没有说明需求数据从哪里来', '写明数据来源，例如“2024 年 3 月村委会入户摸底”“据镇民政办统计”，让人相信数字')),
  'need.vague': finished(['background'], (p) => {
    if (ownChars(p.sections.background.text) === 0) return missing('需求与背景还没有写', '写需求时用数字代替“很多”“大量”这样的词');
    const v = vagueWords(p.sections.background.text);
    if (v.length <= 2) return pass(v.length === 0 ? '没有空泛的词' : `空泛的词很少（${v.join('、')}）`);
    return missing(`需求中空泛的词偏多：${v.join('、')}`, `把“${v[0]}”这样的词换成具体数字或事实`);
  }),

  'beneficiaries.listed': (p) => {
    const named = p.beneficiaries.filter((b) => filled(b.type));
    if (named.length > 0) return pass(`列出了 ${named.length} 类受益对象：${list(named.map((b) => b.type))}`);
    if (p.beneficiaries.length > 0) return missing('受益对象的类型还是占位符或空白', '写明受益对象是谁，如“80 岁以上独居老人”，不要只写“困难群众”');
    return missing('还没有列出受益对象', '在“受益人”中添加受益对象的类型、人数和地域');
  },
  'beneficiaries.counts': (p) => {
    if (p.beneficiaries.length === 0) return missing('还没有列出受益对象', '为每类受益对象写明人数');
    const counted = p.beneficiaries.filter((b) => b.count !== null && b.count > 0);
    if (counted.length === p.beneficiaries.length) {
      return pass(`每类受益对象都写了人数，共 ${counted.reduce((s, b) => s + (b.count ?? 0), 0)} 人`);
    }
    return missing(`${p.beneficiaries.length - counted.length} 类受益对象没有写人数`, '为每类受益对象填写人数（按名单或摸底数据，不要估“约几百人”）', counted.length / p.beneficiaries.length);
  },
  'beneficiaries.region': (p) => {
    if (p.beneficiaries.length === 0) return missing('还没有列出受益对象', '为每类受益对象写明所在地域');
    const placed = p.beneficiaries.filter((b) => filled(b.region));
    if (placed.length === p.beneficiaries.length) return pass('每类受益对象都写了所在地域');
    return missing(`${p.beneficiaries.length - placed.length} 类受益对象没有写地域`, '写明受益对象在哪个区县、乡镇或村社', placed.length / p.beneficiaries.length);
  },
  'beneficiaries.criteria': finished(['background', 'goals', 'plan'], (p) =>
    hasCriteria([p.sections.background.text, p.sections.goals.text, p.sections.plan.text].join('\n'))
      ? pass('说明了如何确定受益对象（标准、名单或审核）')
      : missing('没有说明受益对象怎么选出来', '写明筛选标准和程序，例如“以村委会摸底名单为准，经入户核实并公示 5 天”')),

  'goals.text': (p) => sectionWritten(p, 'goals', '写清楚项目结束时要达到什么结果：服务多少人、多少次、带来什么变化'),
  'goals.measurable': finished(['goals'], (p) => {
    const q = quantities(p.sections.goals.text);
    if (q.length >= 2) return pass(`目标中有 ${q.length} 个可以衡量的数字（如 ${list(q)}）`);
    return missing(
      q.length === 0 ? '目标中没有可以衡量的数字' : `目标中只有 1 个可以衡量的数字（${q[0]}）`,
      '把目标写成可以检查的数字，如“为 120 名老人每周送餐 5 次，持续 12 个月”，至少 2 个',
      q.length / 2,
    );
  }),
  'goals.consistent': finished(['goals'], (p) => {
    const counts = p.beneficiaries.map((b) => b.count).filter((c): c is number => c !== null && c > 0);
    if (counts.length === 0) return missing('受益对象还没有人数，无法核对目标', '先在“受益人”中填写人数，再在目标中写明服务多少人');
    const total = counts.reduce((a, b) => a + b, 0);
    const inGoals = new Set(numbersIn(p.sections.goals.text));
    if (inGoals.has(total) || counts.some((c) => inGoals.has(c))) return pass('目标中的人数与受益对象的人数一致');
    return missing(`目标中没有出现受益对象的人数（受益对象共 ${total} 人）`, `在目标中写明服务的人数，并与“受益人”中的 ${total} 人一致`);
  }),

  'plan.text': (p) => sectionWritten(p, 'plan', '分阶段写清楚：先做什么、再做什么，谁来做，怎么做'),
  'plan.period': (p) => {
    const { start, end } = p.projectPeriod;
    if (!start || !end) return missing('项目执行周期还没有填开始或结束日期', '填写项目执行的开始和结束日期', start || end ? 0.5 : 0);
    if (end < start) return wrong(`执行周期的结束日期 ${end} 早于开始日期 ${start}`, '改正执行周期的起止日期');
    return pass(`执行周期 ${start} 至 ${end}（${daysBetween(start, end) + 1} 天）`);
  },
  'plan.milestones': (p) => {
    const named = p.milestones.filter((m) => filled(m.title));
    if (named.length >= 3) return pass(`列出了 ${named.length} 个执行节点`);
    const left = p.milestones.length - named.length;
    return missing(
      left > 0 ? `${left} 个执行节点的标题还是占位符或空白` : `只列出了 ${named.length} 个执行节点`,
      '至少列出 3 个执行节点（准备、实施、反馈/结项），每个写清要完成的事',
      named.length / 3,
    );
  },
  'plan.dated': (p) => {
    if (p.milestones.length === 0) return missing('还没有执行节点', '添加执行节点并为每个节点填写日期');
    const dated = p.milestones.filter((m) => m.date);
    if (dated.length === p.milestones.length) return pass(`${dated.length} 个执行节点都有日期`);
    return missing(`${p.milestones.length - dated.length} 个执行节点没有日期`, '为每个执行节点填写具体日期（捐赠人据此查看进度）', dated.length / p.milestones.length);
  },
  'plan.inPeriod': (p) => {
    const { start, end } = p.projectPeriod;
    const dated = p.milestones.filter((m) => m.date);
    if (!start || !end) return missing('没有执行周期，无法核对节点日期', '先填写项目执行周期');
    if (dated.length === 0) return missing('还没有带日期的执行节点', '为执行节点填写日期');
    const outside = dated.filter((m) => m.date! < start || m.date! > end);
    if (outside.length === 0) return pass('所有节点日期都在执行周期内');
    return wrong(
      `${outside.length} 个节点日期不在执行周期（${start} 至 ${end}）内：${list(outside.map((m) => `${ownText(m.title) || '未命名节点'} ${m.date}`))}`,
      '调整这些节点的日期，或修改执行周期，使两者一致',
    );
  },

  'budget.lines': (p) => {
    const real = p.budget.lines.filter((l) => filled(l.item) && l.amountFen > 0);
    if (real.length >= 2) return pass(`列出了 ${real.length} 条预算明细`);
    return missing(
      p.budget.lines.length > real.length ? '预算明细还是模板的示例（名称是占位符或金额为 0）' : `只有 ${real.length} 条预算明细`,
      '逐条列出钱花在哪里：名称、单价、数量、金额，至少 2 条',
      real.length / 2,
    );
  },
  'budget.math': (p) => {
    const priced = p.budget.lines.filter((l) => l.unitPriceFen > 0 && l.quantity > 0);
    if (priced.length === 0) return missing('预算明细没有单价和数量', '每条预算写单价和数量，金额 = 单价 × 数量');
    const off = priced.filter((l) => Math.abs(Math.round(l.unitPriceFen * l.quantity) - l.amountFen) > 100);
    if (off.length === 0) return pass(`${priced.length} 条明细的金额都等于单价 × 数量`);
    const first = off[0]!;
    return wrong(
      `${off.length} 条明细的金额不等于单价 × 数量，如「${ownText(first.item) || '未命名'}」：${yuan(first.unitPriceFen)} 元 × ${first.quantity} = ${yuan(Math.round(first.unitPriceFen * first.quantity))} 元，填的却是 ${yuan(first.amountFen)} 元`,
      '重新核算这些明细的金额',
    );
  },
  'budget.total': (p) => {
    const sum = p.budget.lines.reduce((s, l) => s + l.amountFen, 0);
    if (p.targetFen === null || p.targetFen === 0) return missing('还没有填写筹款目标', '填写筹款目标，并使其等于预算明细合计');
    if (sum === 0) return missing('预算明细的金额还没有填写', '填写每条明细的金额，合计应等于筹款目标');
    const diff = sum - p.targetFen;
    if (Math.abs(diff) <= 100) return pass(`预算合计 ${yuan(sum)} 元，等于筹款目标`);
    return wrong(
      `预算明细合计 ${yuan(sum)} 元，筹款目标 ${yuan(p.targetFen)} 元，${diff > 0 ? '多出' : '相差'} ${yuan(Math.abs(diff))} 元`,
      '调整预算明细或筹款目标，使两者相等（如有公募管理费，也列为一条明细）',
    );
  },
  'budget.basis': (p) => {
    if (p.budget.lines.length === 0) return missing('还没有预算明细', '每条预算写明单价和数量，或写明测算依据');
    const unexplained = p.budget.lines.filter((l) => !(l.unitPriceFen > 0 && l.quantity > 0) && !filled(l.note));
    const placeholders = p.budget.lines.filter((l) => placeholderCount(l.note) > 0);
    if (unexplained.length === 0 && placeholders.length === 0) return pass('每条预算都有单价和数量或测算依据');
    const bad = [...new Set([...unexplained, ...placeholders])];
    return missing(
      `${bad.length} 条预算没有测算依据（如「${ownText(bad[0]!.item) || '未命名'}」）`,
      '为打包的金额写明测算依据，如“每餐补贴 5 元 × 120 人 × 250 天”，并删去说明中的占位符',
      1 - bad.length / p.budget.lines.length,
    );
  },
  'budget.fallback': (p) => {
    const min = p.budget.minimumExecutableFen;
    if (min !== null && p.targetFen !== null && min > p.targetFen) {
      return wrong(`最低可执行金额 ${yuan(min)} 元高于筹款目标 ${yuan(p.targetFen)} 元`, '最低可执行金额应不高于筹款目标');
    }
    if (filled(p.budget.fallbackPlan) && ownChars(p.budget.fallbackPlan) >= 10) return pass('写明了未筹满目标时怎么执行');
    if (min !== null && min > 0) return missing(`写了最低可执行金额 ${yuan(min)} 元，但没有写未筹满时的执行方案`, '写明筹款不足时缩减什么、保留什么', 0.5);
    return missing('没有写未筹满目标时怎么办', '写明最低可执行金额，以及筹款不足时缩减什么、保留什么（捐赠人最关心钱会不会白捐）');
  },

  'capacity.text': (p) => sectionWritten(p, 'capacity', '写清楚谁来执行、有多少人、做过什么类似项目、怎样管好善款'),
  'capacity.evidence': finished(['capacity', 'aboutUs'], (p) =>
    hasTrackRecord(`${p.sections.capacity.text}\n${p.sections.aboutUs.text}`)
      ? pass('用过往的项目和数字证明了执行能力')
      : missing('没有用过往成绩证明能力', '写出做过的类似项目：哪一年、服务多少人、结果如何，如“2023 年为 3 个村 260 名老人助餐 4.1 万人次”')),
  'capacity.executor': (p) => {
    const names = p.roles.executors.filter((e) => filled(e.name)).map((e) => e.name);
    if (names.length > 0) return pass(`执行方：${list(names)}`);
    if (filled(p.roles.initiator.name)) return pass(`由发起方「${p.roles.initiator.name}」执行`);
    return missing('没有写明执行方', '在“项目角色”中填写执行方的全称');
  },
  'capacity.aboutUs': (p) => sectionWritten(p, 'aboutUs', '介绍机构：成立时间、资质、专职人员、主要项目和荣誉'),

  'risks.text': (p) => sectionWritten(p, 'risks', '列出项目可能遇到的问题，以及遇到时怎么办'),
  'risks.responses': finished(['risks'], (p) => {
    const text = p.sections.risks.text;
    if (deniesRisk(text) && items(text).filter(isRiskWithResponse).length < 2) {
      return missing('写了“没有风险”或“风险很小”，但没有列出具体风险和应对', '任何项目都有风险：列出 2～4 个具体风险（天气、人员、物价、安全……），每个写上应对办法');
    }
    const handled = items(text).filter(isRiskWithResponse);
    if (handled.length >= 2) return pass(`列出了 ${handled.length} 个风险及应对办法`);
    return missing(
      handled.length === 0 ? '没有写出风险和对应的办法' : '只写了 1 个风险及应对',
      '至少列出 2 个具体风险，每个风险写一行：“风险：……；应对：……”',
      handled.length / 2,
    );
  }),

  'disclosure.text': (p) => sectionWritten(p, 'disclosure', '写清楚什么时候、在哪里、公开什么'),
  'disclosure.frequency': finished(['disclosure'], (p) => {
    const text = p.sections.disclosure.text;
    const { start, end } = p.projectPeriod;
    const long = start && end ? daysBetween(start, end) > 183 : false;
    if (statesFrequentUpdates(text)) return pass('写明了定期反馈进度的频次');
    if (statesRareUpdatesOnly(text) && long) {
      return wrong(
        '项目超过 6 个月，但只写了每半年或每年反馈',
        '按《慈善法》，持续 6 个月以上的募捐或项目至少每 3 个月公开一次进展：写明“每月”或“每季度”在平台更新进展',
      );
    }
    return missing('没有写多久反馈一次进度', '写明反馈频次，如“每月在项目进展中更新一次”（持续 6 个月以上的项目至少每 3 个月一次）');
  }),
  'disclosure.content': finished(['disclosure'], (p) => {
    const text = p.sections.disclosure.text;
    const channel = statesChannel(text);
    const evidence = statesEvidence(text);
    if (channel && evidence) return pass('写明了在哪里公开、公开哪些凭证');
    return missing(
      !channel && !evidence ? '没有写在哪里公开、公开什么' : !channel ? '没有写在哪里公开' : '没有写公开哪些凭证',
      '写明渠道（平台“项目进展”、公众号）和内容（照片、支出明细、票据、受益名单脱敏后公开）',
      channel || evidence ? 0.5 : 0,
    );
  }),
  'disclosure.final': finished(['disclosure'], (p) =>
    statesFinalReport(p.sections.disclosure.text)
      ? pass('写明了结项报告')
      : missing('没有写项目结束后的结项报告', '写明项目结束后 3 个月内公开结项报告（资金使用、完成情况、受益反馈）')),

  'images.count': (p) => {
    const n = p.images.length;
    const covers = p.images.filter((i) => i.isCover).length;
    if (n >= 3 && covers === 1) return pass(`有 ${n} 张图片，已选封面`);
    const parts: string[] = [];
    if (n < 3) parts.push(n === 0 ? '还没有图片' : `只有 ${n} 张图片`);
    if (covers === 0 && n > 0) parts.push('没有选封面');
    if (covers > 1) parts.push(`选了 ${covers} 张封面`);
    return missing(parts.join('，'), '准备至少 3 张真实的项目现场图片，并选定 1 张封面', Math.min(n, 3) / 3 - (covers === 1 ? 0 : 0.34));
  },
  'images.captions': (p) => {
    if (p.images.length === 0) return missing('还没有图片', '为每张图片写一句说明（何时、何地、在做什么）');
    const bare = p.images.filter((i) => !filled(i.caption));
    if (bare.length === 0) return pass('每张图片都有说明');
    return missing(`${bare.length} 张图片没有说明`, '为每张图片写一句说明（何时、何地、在做什么）', 1 - bare.length / p.images.length);
  },
  'images.consent': (p) => {
    if (p.images.length === 0) return missing('还没有图片，无法确认肖像授权', '上传图片后，逐张标明是否有可识别的人物，并取得授权');
    const noPortrait = p.images.filter((i) => i.consent.identifiablePeople && !i.consent.portraitConsent);
    const noGuardian = p.images.filter((i) => i.consent.minors && !i.consent.guardianConsent);
    if (noPortrait.length + noGuardian.length === 0) return pass('有人物的图片都已取得授权');
    const parts: string[] = [];
    if (noPortrait.length) parts.push(`${noPortrait.length} 张有可识别人物的图片没有肖像授权`);
    if (noGuardian.length) parts.push(`${noGuardian.length} 张有未成年人的图片没有监护人授权`);
    return wrong(parts.join('；'), '取得书面授权后再使用，或换用不露正脸的图片；未成年人必须有监护人书面同意');
  },

  'platforms.chosen': (p) =>
    p.platforms.length > 0 ? pass(`目标平台：${p.platforms.length} 个`) : missing('还没有选择上线平台', '选择要上线的平台（同一项目可在多个平台同步筹款）'),
  'platforms.roles': (p) => {
    const initiator = filled(p.roles.initiator.name);
    const fundraiser = filled(p.roles.fundraiser.name);
    if (initiator && fundraiser) return pass(`发起方「${p.roles.initiator.name}」，公募支持方「${p.roles.fundraiser.name}」`);
    return missing(
      [!initiator && '没有填写发起方', !fundraiser && '没有填写公募支持方'].filter(Boolean).join('，'),
      '填写发起方和公募支持方（具有公开募捐资格、接收善款的慈善组织）的全称',
      initiator || fundraiser ? 0.5 : 0,
    );
  },
  'platforms.filing': (p) => {
    const { start, end } = p.fundraisingPeriod;
    if (start && end && end < start) return wrong(`筹款周期的结束日期 ${end} 早于开始日期 ${start}`, '改正筹款周期的起止日期');
    const parts: [string, boolean][] = [
      ['募捐地域', filled(p.filing.region)],
      ['活动负责人', filled(p.filing.contactName)],
      ['接受捐赠方式', filled(p.filing.donationMethod)],
      ['剩余财产的处理', filled(p.filing.remainderPlan)],
      ['筹款周期', Boolean(start && end)],
    ];
    const lacking = parts.filter(([, ok]) => !ok).map(([name]) => name);
    if (lacking.length === 0) return pass('募捐方案的主要内容已填写');
    return missing(`募捐方案还缺：${lacking.join('、')}`, '填写募捐方案的内容（备案时要用），剩余财产的处理要写具体', 1 - lacking.length / parts.length);
  },
};
