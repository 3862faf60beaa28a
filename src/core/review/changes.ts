import { platformLabel } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';
import { budgetTotalFen, documentYuan } from '../export/money';

/** One change between two revisions, said in words: 受益人数 320 → 340. */
export interface FieldChange {
  /** Where it is: a field path such as budget.lines or milestones. */
  field: string;
  text: string;
}

const yuan = (fen: number | null) => (fen === null ? '未填' : `${documentYuan(fen)} 元`);
const shown = (v: string | null | undefined) => (v ? `「${v}」` : '（空）');
const period = (p: { start: string | null; end: string | null }) => `${p.start ?? '未填'} 至 ${p.end ?? '未填'}`;
const beneficiaryTotal = (p: Proposal) => p.beneficiaries.reduce((n, b) => n + (b.count ?? 0), 0);

function scalar(out: FieldChange[], field: string, label: string, before: string, after: string): void {
  if (before !== after) out.push({ field, text: `${label} ${before} → ${after}` });
}

/** Items of a list matched by id, so a reordered list is not reported as every item changed. */
function byId<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  return {
    added: after.filter((x) => !old.has(x.id)),
    removed: before.filter((x) => !now.has(x.id)),
    kept: after.filter((x) => old.has(x.id)).map((x) => [old.get(x.id)!, x] as const),
  };
}

function budget(out: FieldChange[], a: Proposal, b: Proposal): void {
  const { added, removed, kept } = byId(a.budget.lines, b.budget.lines);
  for (const [was, now] of kept) {
    const name = now.item || was.item || '未命名';
    if (was.item !== now.item) out.push({ field: 'budget.lines', text: `预算「${was.item}」改名为「${now.item}」` });
    const delta = now.amountFen - was.amountFen;
    if (delta !== 0) out.push({ field: 'budget.lines', text: `预算「${name}」${delta > 0 ? '增加' : '减少'} ${documentYuan(Math.abs(delta))} 元（${documentYuan(was.amountFen)} → ${documentYuan(now.amountFen)}）` });
  }
  for (const l of added) out.push({ field: 'budget.lines', text: `预算新增「${l.item || '未命名'}」${documentYuan(l.amountFen)} 元` });
  for (const l of removed) out.push({ field: 'budget.lines', text: `预算删除「${l.item || '未命名'}」（原 ${documentYuan(l.amountFen)} 元）` });
  scalar(out, 'budget.total', '预算合计', yuan(budgetTotalFen(a)), yuan(budgetTotalFen(b)));
  scalar(out, 'budget.managementFeePercent', '公募管理费比例', `${a.budget.managementFeePercent ?? '未填'}%`, `${b.budget.managementFeePercent ?? '未填'}%`);
  scalar(out, 'budget.minimumExecutableFen', '最低可执行金额', yuan(a.budget.minimumExecutableFen), yuan(b.budget.minimumExecutableFen));
}

/** Plan milestones are compared by position: 第 3 条 is what the district and the reviewer both see. */
function milestones(out: FieldChange[], a: Proposal, b: Proposal): void {
  const n = Math.max(a.milestones.length, b.milestones.length);
  for (let i = 0; i < n; i++) {
    const was = a.milestones[i];
    const now = b.milestones[i];
    const at = `执行计划节点 第 ${i + 1} 条`;
    if (!was && now) out.push({ field: 'milestones', text: `${at}（新增）：${now.date ?? '未填日期'}「${now.title}」` });
    else if (was && !now) out.push({ field: 'milestones', text: `${at}（删除）：原为 ${was.date ?? '未填日期'}「${was.title}」` });
    else if (was && now) {
      if (was.date !== now.date) out.push({ field: 'milestones', text: `${at} 日期改为 ${now.date ?? '未填'}（原 ${was.date ?? '未填'}）` });
      if (was.title !== now.title) out.push({ field: 'milestones', text: `${at} 名称改为「${now.title}」（原「${was.title}」）` });
      if (was.detail !== now.detail) out.push({ field: 'milestones', text: `${at} 说明已修改` });
    }
  }
}

function beneficiaries(out: FieldChange[], a: Proposal, b: Proposal): void {
  scalar(out, 'beneficiaries', '受益人数', String(beneficiaryTotal(a)), String(beneficiaryTotal(b)));
  const { added, removed, kept } = byId(a.beneficiaries, b.beneficiaries);
  for (const [was, now] of kept) {
    if (was.type !== now.type) out.push({ field: 'beneficiaries', text: `受益对象「${was.type}」改为「${now.type}」` });
    if (was.count !== now.count && a.beneficiaries.length > 1) {
      out.push({ field: 'beneficiaries', text: `受益对象「${now.type}」人数 ${was.count ?? '未填'} → ${now.count ?? '未填'}` });
    }
    if (was.region !== now.region) out.push({ field: 'beneficiaries', text: `受益对象「${now.type}」地区改为${shown(now.region)}` });
  }
  for (const x of added) out.push({ field: 'beneficiaries', text: `新增受益对象「${x.type}」${x.count ?? '未填'} 人` });
  for (const x of removed) out.push({ field: 'beneficiaries', text: `删除受益对象「${x.type}」（原 ${x.count ?? '未填'} 人）` });
}

/** The changes in the structured fields between two revisions, in the order of the form. */
export function structuredChanges(a: Proposal, b: Proposal): FieldChange[] {
  const out: FieldChange[] = [];
  scalar(out, 'title', '项目名称', shown(a.title), shown(b.title));
  if (a.summary !== b.summary) out.push({ field: 'summary', text: '项目简介已修改' });
  scalar(out, 'district', '所属区县', shown(a.district), shown(b.district));
  scalar(out, 'targetFen', '筹款目标', yuan(a.targetFen), yuan(b.targetFen));
  scalar(out, 'fundraisingPeriod', '筹款期', period(a.fundraisingPeriod), period(b.fundraisingPeriod));
  scalar(out, 'projectPeriod', '执行期', period(a.projectPeriod), period(b.projectPeriod));
  scalar(out, 'roles.initiator', '发起方', shown(a.roles.initiator.name), shown(b.roles.initiator.name));
  scalar(out, 'roles.fundraiser', '公募支持方', shown(a.roles.fundraiser.name), shown(b.roles.fundraiser.name));
  scalar(out, 'filing.number', '募捐方案备案编号', shown(a.filing.number), shown(b.filing.number));
  beneficiaries(out, a, b);
  budget(out, a, b);
  milestones(out, a, b);
  const platformsAdded = b.platforms.filter((x) => !a.platforms.includes(x));
  const platformsRemoved = a.platforms.filter((x) => !b.platforms.includes(x));
  if (platformsAdded.length) out.push({ field: 'platforms', text: `新增目标平台：${platformsAdded.map(platformLabel).join('、')}` });
  if (platformsRemoved.length) out.push({ field: 'platforms', text: `移除目标平台：${platformsRemoved.map(platformLabel).join('、')}` });
  const imgs = byId(a.images, b.images);
  if (imgs.added.length) out.push({ field: 'images', text: `新增图片 ${imgs.added.length} 张` });
  if (imgs.removed.length) out.push({ field: 'images', text: `删除图片 ${imgs.removed.length} 张` });
  return out;
}
