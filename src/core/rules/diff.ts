import type { ImpactReport, PackDiff, ProposalImpact } from '../../shared/api/methods/rules';
import type { Proposal } from '../../shared/domain/proposal';
import { COUNT_MODE_LABELS } from '../../shared/rules/count';
import type { Finding } from '../../shared/rules/finding';
import type { ImageSpec, LengthLimit, PlatformField, RulePack } from '../../shared/rules/pack';
import { SEVERITY_LABELS, type Severity } from '../../shared/rules/ruleBase';
import type { Rule } from '../../shared/rules/ruleKinds';
import { AppError } from '../../shared/errors';
import { checkProposal } from './engine';

const show = (v: unknown): string => (v === undefined || v === null ? '（无）' : typeof v === 'string' ? v : JSON.stringify(v));
const limitText = (l: LengthLimit | null) => (l ? `${l.limit} 字（${COUNT_MODE_LABELS[l.mode]}${l.source.verified ? '' : '，待核实'}）` : '无');

function listChange(key: string, before: unknown, after: unknown): string {
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].every((x) => typeof x === 'string')) {
    const added = (after as string[]).filter((x) => !(before as string[]).includes(x));
    const removed = (before as string[]).filter((x) => !(after as string[]).includes(x));
    const parts = [added.length ? `新增 ${added.map((x) => `「${x}」`).join('、')}` : '', removed.length ? `删除 ${removed.map((x) => `「${x}」`).join('、')}` : ''];
    const text = parts.filter(Boolean).join('；');
    return `${key}：${text || '顺序调整'}`;
  }
  return `${key}：${show(before)} → ${show(after)}`;
}

const RULE_KEY_LABELS: Record<string, string> = { severity: '级别', message: '说明', fix: '修改建议', source: '来源', kind: '类型' };

function ruleChanges(a: Rule, b: Rule): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const key of keys) {
    const va = (a as Record<string, unknown>)[key];
    const vb = (b as Record<string, unknown>)[key];
    if (JSON.stringify(va) === JSON.stringify(vb)) continue;
    if (key === 'severity') out.push(`级别：${SEVERITY_LABELS[va as Severity]} → ${SEVERITY_LABELS[vb as Severity]}`);
    else if (key === 'source') out.push('来源已修改');
    else if (key === 'message' || key === 'fix') out.push(`${RULE_KEY_LABELS[key]}：「${show(va)}」→「${show(vb)}」`);
    else out.push(listChange(RULE_KEY_LABELS[key] ?? key, va, vb));
  }
  return out;
}

function fieldChanges(a: PlatformField, b: PlatformField): string[] {
  const out: string[] = [];
  if (a.label !== b.label) out.push(`名称：「${a.label}」→「${b.label}」`);
  if (a.required !== b.required) out.push(`必填：${a.required ? '是' : '否'} → ${b.required ? '是' : '否'}`);
  if (JSON.stringify(a.maxLength) !== JSON.stringify(b.maxLength)) out.push(`字数上限：${limitText(a.maxLength)} → ${limitText(b.maxLength)}`);
  if (JSON.stringify(a.minLength) !== JSON.stringify(b.minLength)) out.push(`字数下限：${limitText(a.minLength)} → ${limitText(b.minLength)}`);
  if (JSON.stringify(a.from) !== JSON.stringify(b.from)) out.push(listChange('填写来源', a.from, b.from));
  if (JSON.stringify(a.format) !== JSON.stringify(b.format)) out.push(`格式：${show(a.format)} → ${show(b.format)}`);
  if (a.order !== b.order) out.push(`顺序：${a.order} → ${b.order}`);
  if (a.help !== b.help) out.push('填写说明已修改');
  return out;
}

const IMAGE_KEY_LABELS: Record<string, string> = {
  minCount: '最少张数',
  maxCount: '最多张数',
  aspect: '宽高比',
  minWidth: '最小宽度',
  minHeight: '最小高度',
  output: '导出尺寸',
  maxBytes: '文件大小上限',
  formats: '格式',
  label: '名称',
  role: '用途',
  source: '来源',
};

function imageChanges(a: ImageSpec, b: ImageSpec): string[] {
  return Object.keys(IMAGE_KEY_LABELS)
    .filter((k) => JSON.stringify(a[k as keyof ImageSpec]) !== JSON.stringify(b[k as keyof ImageSpec]))
    .map((k) => (k === 'source' ? '来源已修改' : `${IMAGE_KEY_LABELS[k]}：${show(a[k as keyof ImageSpec])} → ${show(b[k as keyof ImageSpec])}`));
}

function diffById<T extends { id: string }>(a: readonly T[], b: readonly T[], changes: (x: T, y: T) => string[]) {
  const before = new Map(a.map((x) => [x.id, x]));
  const after = new Map(b.map((x) => [x.id, x]));
  return {
    added: b.filter((x) => !before.has(x.id)),
    removed: a.filter((x) => !after.has(x.id)),
    changed: b.flatMap((y) => {
      const x = before.get(y.id);
      if (!x) return [];
      const c = changes(x, y);
      return c.length ? [{ item: y, changes: c }] : [];
    }),
  };
}

/** What changed between two versions of one pack, in words. */
export function diffPacks(a: RulePack, b: RulePack): PackDiff {
  if (a.id !== b.id) throw new AppError('INVALID_INPUT', `只能比较同一平台的规则包：「${a.name}」与「${b.name}」不是同一个规则包`);
  const rules = diffById(a.rules, b.rules, ruleChanges);
  const fields = diffById(a.fields, b.fields, fieldChanges);
  const images = diffById(a.images, b.images, imageChanges);
  const ruleRef = (r: Rule) => ({ id: r.id, kind: r.kind, severity: r.severity, message: r.message });
  const labelled = (x: { id: string; label: string }) => ({ id: x.id, label: x.label });
  return {
    pack: b.id,
    name: b.name,
    from: { version: a.version, effectiveDate: a.effectiveDate },
    to: { version: b.version, effectiveDate: b.effectiveDate },
    rules: {
      added: rules.added.map(ruleRef),
      removed: rules.removed.map(ruleRef),
      changed: rules.changed.map(({ item, changes }) => ({ id: item.id, kind: item.kind, message: item.message, changes })),
    },
    fields: {
      added: fields.added.map(labelled),
      removed: fields.removed.map(labelled),
      changed: fields.changed.map(({ item, changes }) => ({ ...labelled(item), changes })),
    },
    images: {
      added: images.added.map(labelled),
      removed: images.removed.map(labelled),
      changed: images.changed.map(({ item, changes }) => ({ ...labelled(item), changes })),
    },
  };
}

/** Error rules that fired, each with its first message. */
function errorRules(findings: readonly Finding[]): Map<string, Finding> {
  const m = new Map<string, Finding>();
  for (const f of findings) if (f.severity === 'error' && !m.has(f.ruleId)) m.set(f.ruleId, f);
  return m;
}

const refs = (m: Map<string, Finding>, except: Map<string, Finding>) =>
  [...m.values()].filter((f) => !except.has(f.ruleId)).map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message }));

/** Whether a pack applies to a proposal: the legal pack to every one, a platform's to those that target it. */
export function appliesTo(pack: RulePack, p: Proposal): boolean {
  return pack.id === 'legal' || (p.platforms as readonly string[]).includes(pack.id);
}

/**
 * The differences between two versions of a pack, and every proposal whose result changes from
 * one to the other (newly failing, newly passing, or failing for other reasons), with the rules responsible.
 */
export function impactReport(a: RulePack, b: RulePack, proposals: Iterable<Proposal>): ImpactReport {
  const diff = diffPacks(a, b);
  const out: ProposalImpact[] = [];
  let checked = 0;
  for (const p of proposals) {
    if (!appliesTo(b, p)) continue;
    checked += 1;
    const [before, after] = checkProposal(p, [a, b]) as [ReturnType<typeof checkProposal>[0], ReturnType<typeof checkProposal>[0]];
    const eb = errorRules(before.findings);
    const ea = errorRules(after.findings);
    const nowFailing = refs(ea, eb);
    const nowPassing = refs(eb, ea);
    if (nowFailing.length === 0 && nowPassing.length === 0) continue;
    const change = before.ok && !after.ok ? 'newlyFailing' : !before.ok && after.ok ? 'newlyPassing' : 'changed';
    out.push({
      id: p.id,
      title: p.title,
      district: p.district,
      change,
      before: { ok: before.ok, errors: before.counts.error },
      after: { ok: after.ok, errors: after.counts.error },
      nowFailing,
      nowPassing,
    });
  }
  const order = { newlyFailing: 0, newlyPassing: 1, changed: 2 };
  out.sort((x, y) => order[x.change] - order[y.change]);
  return { diff, checked, proposals: out };
}
