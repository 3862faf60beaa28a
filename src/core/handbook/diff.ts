import { SECTION_IDS, sectionLabel } from '../../shared/domain/catalog';
import type { ChangeItem, PackageChanges, StepChanges } from '../../shared/handbook/changes';
import type { ChangelogEntry, GuidePage, HandbookPackage, Step, Template } from '../../shared/handbook/schema';
import { STEP_IDS, STEP_LABELS, stepOfSection, type StepId } from '../../shared/handbook/steps';
import { compareVersions } from '../util/versions';

/**
 * What changed in the guidance between two versions, step by step. Guidance is flattened into
 * (part, text) entries; within a part, texts that disappeared are "removed", new ones "added", and
 * a single edited text is "changed" with its before and after.
 */

interface Entry {
  part: string;
  text: string;
}

function pageEntries(page: GuidePage, prefix = ''): Entry[] {
  return [
    ...page.lookFor.map((text) => ({ part: `${prefix}评审和捐赠人看什么`, text })),
    ...page.questions.map((text) => ({ part: `${prefix}要回答的问题`, text })),
    ...page.mistakes.map((text) => ({ part: `${prefix}常见错误`, text })),
    ...page.tips.map((text) => ({ part: `${prefix}要点`, text })),
    ...page.examples.flatMap((ex) => [
      { part: `${prefix}示例「${ex.topic}」· 好的写法`, text: ex.good },
      { part: `${prefix}示例「${ex.topic}」· 弱的写法`, text: ex.weak },
      { part: `${prefix}示例「${ex.topic}」· 为什么`, text: ex.why },
    ]),
  ];
}

function stepEntries(step: Step | undefined): Entry[] {
  if (!step) return [];
  return [
    { part: '步骤名称', text: step.title },
    { part: '这一步做什么', text: step.summary },
    ...pageEntries(step.page),
    ...Object.entries(step.sectionPages).flatMap(([id, page]) => (page ? pageEntries(page, `“${sectionLabel(id)}”栏目 · `) : [])),
  ];
}

function templateEntries(t: Template | undefined): Map<StepId, Entry[]> {
  const out = new Map<StepId, Entry[]>(STEP_IDS.map((id) => [id, []]));
  if (!t) return out;
  const add = (step: StepId, part: string, texts: readonly string[]) => out.get(step)!.push(...texts.map((text) => ({ part, text })));
  add('need', '项目名称模板', [t.title]);
  add('need', '一句话简介模板', [t.summary]);
  for (const id of SECTION_IDS) {
    const step = stepOfSection(id);
    add(step, `“${sectionLabel(id)}”的填写提示`, t.sections[id].prompts);
    add(step, `“${sectionLabel(id)}”的骨架文字`, [t.sections[id].skeleton]);
  }
  add('beneficiaries', '典型受益对象', t.beneficiaryTypes.map((b) => `${b.type}：${b.note}`));
  add('budget', '预算类别', t.budget.categories.map((c) => `${c.name}：${c.note}`));
  add('budget', '预算示例', t.budget.exampleLines.map((l) => `${l.item}（${l.category}）：${l.unitPriceYuan} 元/${l.unit} × ${l.quantity}，${l.note}`));
  add('budget', '预算提示', t.budget.tips);
  add('budget', '未筹满方案提示', [t.budget.fallbackHint]);
  add('plan', '典型节点', t.milestones.map((m) => `${m.when}：${m.title}——${m.detail}`));
  for (const p of t.pitfalls) add(p.step, '常见坑', [p.text]);
  for (const id of STEP_IDS) add(id, '领域指导', t.guidance[id] ?? []);
  add('images', '图片提示', t.imageTips);
  return out;
}

function diffEntries(before: readonly Entry[], after: readonly Entry[], scope: ChangeItem['scope']): ChangeItem[] {
  const parts = [...new Set([...before, ...after].map((e) => e.part))];
  const items: ChangeItem[] = [];
  for (const part of parts) {
    const old = before.filter((e) => e.part === part).map((e) => e.text);
    const now = after.filter((e) => e.part === part).map((e) => e.text);
    const removed = old.filter((t) => !now.includes(t));
    const added = now.filter((t) => !old.includes(t));
    // One text out and one in is an edit of that text, which is how trainers revise.
    if (removed.length === 1 && added.length === 1) {
      items.push({ scope, part, kind: 'changed', before: removed[0]!, after: added[0]! });
      continue;
    }
    for (const t of removed) items.push({ scope, part, kind: 'removed', before: t, after: null });
    for (const t of added) items.push({ scope, part, kind: 'added', before: null, after: t });
  }
  return items;
}

/** Changes to the general guidance and (optionally) to one template, grouped by step. */
export function guidanceDiff(
  from: HandbookPackage,
  to: HandbookPackage,
  templateId: string | null,
): StepChanges[] {
  const oldT = templateEntries(templateId ? from.templates.find((t) => t.id === templateId) : undefined);
  const newT = templateEntries(templateId ? to.templates.find((t) => t.id === templateId) : undefined);
  return STEP_IDS.map((id) => ({
    step: id,
    title: to.steps.find((s) => s.id === id)?.title ?? STEP_LABELS[id],
    items: [
      ...diffEntries(stepEntries(from.steps.find((s) => s.id === id)), stepEntries(to.steps.find((s) => s.id === id)), 'handbook'),
      ...diffEntries(oldT.get(id)!, newT.get(id)!, 'template'),
    ],
  })).filter((s) => s.items.length > 0);
}

/** The change-log entries after `from` up to and including `to`, newest first. */
export function changelogBetween(log: readonly ChangelogEntry[], from: string | null, to: string): ChangelogEntry[] {
  return log
    .filter((e) => (from === null || compareVersions(e.version, from) > 0) && compareVersions(e.version, to) <= 0)
    .sort((a, b) => compareVersions(b.version, a.version));
}

function byId<T extends { id: string; name: string }>(before: readonly T[], after: readonly T[]) {
  const pick = (x: T) => ({ id: x.id, name: x.name });
  return {
    added: after.filter((a) => !before.some((b) => b.id === a.id)).map(pick),
    removed: before.filter((b) => !after.some((a) => a.id === b.id)).map(pick),
    changed: after
      .filter((a) => {
        const b = before.find((x) => x.id === a.id);
        return b !== undefined && JSON.stringify(b) !== JSON.stringify(a);
      })
      .map(pick),
  };
}

/**
 * What changed inside one template, in the order of the steps: 「常见坑」 added, 「预算示例」 changed…
 * A change the entries do not cover (its name, focus area or description) is listed as such.
 */
export function templateChanges(before: Template, after: Template): ChangeItem[] {
  const oldT = templateEntries(before);
  const newT = templateEntries(after);
  const items = STEP_IDS.flatMap((id) => diffEntries(oldT.get(id)!, newT.get(id)!, 'template'));
  for (const [part, key] of [['模板名称', 'name'], ['适用说明', 'description']] as const) {
    if (before[key] !== after[key]) items.push({ scope: 'template', part, kind: 'changed', before: before[key], after: after[key] });
  }
  if (items.length === 0 && JSON.stringify(before) !== JSON.stringify(after)) items.push({ scope: 'template', part: '其他设置', kind: 'changed', before: null, after: null });
  return items;
}

/** Everything a new package changes, for the trainer. */
export function packageDiff(from: HandbookPackage | null, to: HandbookPackage): PackageChanges {
  if (!from) {
    return {
      steps: [],
      templates: { added: to.templates.map((t) => ({ id: t.id, name: t.name })), removed: [], changed: [] },
      templateChanges: [],
      samples: { added: to.samples.map((s) => ({ id: s.id, name: s.name })), removed: [], changed: [] },
    };
  }
  const templates = byId(from.templates, to.templates);
  return {
    steps: guidanceDiff(from, to, null),
    templates,
    templateChanges: templates.changed.map(({ id, name }) => ({ id, name, items: templateChanges(from.templates.find((t) => t.id === id)!, to.templates.find((t) => t.id === id)!) })),
    samples: byId(from.samples, to.samples),
  };
}
