import type { FieldCounterDto, PackResultDto } from '../../shared/api/methods/rules';
import type { Proposal } from '../../shared/domain/proposal';
import { COUNT_MODE_LABELS } from '../../shared/rules/count';
import { fieldSourceLabel } from '../../shared/rules/fieldSources';
import type { Finding } from '../../shared/rules/finding';
import type { PlatformField, RulePack } from '../../shared/rules/pack';
import type { Rule } from '../../shared/rules/ruleKinds';
import type { Severity } from '../../shared/rules/ruleBase';
import { ownedMessage, type RuleSource } from '../../shared/rules/source';
import { blockingFindings } from '../../shared/rules/finding';
import { COMPILERS } from './kinds';
import type { Check, Hit, KindCompiler } from './kinds/types';
import { ProposalView } from './view';
import { RuleTimedOut } from './regexSafety';

/** A counter shows a field as near its limit from this share of it on. */
export const NEAR_LIMIT = 0.9;

/** The result of one pack for one proposal: the shape the API sends (packResultSchema). */
export type PackResult = PackResultDto;

/** The length of one limited platform field, for the counter beside it in the editor (fieldCounterSchema). */
export type FieldCounter = FieldCounterDto;
export type CounterState = FieldCounter['state'];

interface CompiledRule {
  rule: Rule;
  check: Check;
}

/** A pack made ready to run: regular expressions and phrase sets built once, kept while the pack lives. */
export interface CompiledPack {
  pack: RulePack;
  rules: CompiledRule[];
  limited: PlatformField[];
}

const compiled = new WeakMap<RulePack, CompiledPack>();

export function compilePack(pack: RulePack): CompiledPack {
  let c = compiled.get(pack);
  if (!c) {
    const rules = pack.rules.map((rule) => ({ rule, check: (COMPILERS[rule.kind] as KindCompiler<Rule['kind']>)(rule as never, pack) }));
    c = { pack, rules, limited: pack.fields.filter((f) => f.maxLength || f.minLength) };
    compiled.set(pack, c);
  }
  return c;
}

/** Packs read from files always name a source; one built in memory may not, and says so. */
const UNSOURCED: RuleSource = { kind: 'federation', title: '规则包未注明来源', verified: false };

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function checkFields(pack: RulePack, view: ProposalView, push: (f: Finding) => void): void {
  const base = (f: PlatformField, kind: string, severity: Severity, source: RuleSource, blocksExport: boolean | undefined) => ({
    ruleId: `fields.${f.id}.${kind}`,
    severity,
    pack: pack.id,
    source,
    blocksExport: severity === 'error' && blocksExport !== false,
  });
  for (const f of pack.fields) {
    const filled = f.from.some((s) => view.filled(s));
    if (f.required && !filled) {
      push({
        ...base(f, 'required', 'error', f.source ?? UNSOURCED, f.blocksExport),
        field: f.from[0]!,
        range: null,
        message: ownedMessage(pack.name, f.source ?? UNSOURCED, `${pack.name}要求填写「${f.label}」`),
        fix: `请填写${f.from.map((s) => `「${fieldSourceLabel(s)}」`).join('或')}`,
      });
    }
    if (!f.maxLength && !f.minLength) continue;
    const j = view.joined(f.from, f.format);
    if (f.maxLength) {
      const { limit, mode, source, blocksExport } = f.maxLength;
      const n = view.count(j, mode);
      const over = n > limit ? view.overflow(j, limit, mode) : null;
      if (over) {
        // The overflow is selected in the part where it starts, to the end of that part.
        push({
          ...base(f, 'maxLength', 'error', source, blocksExport),
          field: over.part.source,
          range: { start: over.start, end: over.part.text.length },
          message: ownedMessage(pack.name, source, `「${f.label}」超出字数上限：当前 ${n} 字，上限 ${limit} 字（${COUNT_MODE_LABELS[mode]}）`),
          fix: `删减约 ${n - limit} 字`,
        });
      }
    }
    if (f.minLength && filled) {
      const { limit, mode, source } = f.minLength;
      const n = view.count(j, mode);
      if (n < limit) {
        push({
          ...base(f, 'minLength', 'warning', source, false),
          field: f.from[0]!,
          range: null,
          message: ownedMessage(pack.name, source, `「${f.label}」内容偏少：当前 ${n} 字，至少 ${limit} 字（${COUNT_MODE_LABELS[mode]}）`),
          fix: `再补充约 ${limit - n} 字`,
        });
      }
    }
  }
}

/**
 * Run one rule; a rule that runs out of its time budget is reported as failed to run, an error
 * the user sees, so a hung pattern can never pass silently.
 */
function runGuarded(rule: Rule, pack: RulePack, check: Check, view: ProposalView, findings: Finding[], emit: (hit: Hit) => void): void {
  try {
    check(view, emit);
  } catch (e) {
    if (!(e instanceof RuleTimedOut)) throw e;
    findings.push({
      ruleId: rule.id,
      severity: 'error',
      pack: pack.id,
      field: null,
      range: null,
      message: `规则「${rule.message}」未能运行完成（超过 ${e.budgetMs} 毫秒），这一项没有检查`,
      fix: '请人工核对这一项，并请规则包维护者改写该规则的正则表达式',
      source: rule.source,
    });
  }
}

function runPack(c: CompiledPack, view: ProposalView): PackResult {
  const { pack } = c;
  const findings: Finding[] = [];
  checkFields(pack, view, (f) => findings.push(f));
  for (const { rule, check } of c.rules) {
    runGuarded(rule, pack, check, view, findings, (hit: Hit) => {
      const severity = hit.severity ?? rule.severity;
      findings.push({
        ruleId: rule.id,
        severity,
        pack: pack.id,
        field: hit.field,
        range: hit.range ?? null,
        message: ownedMessage(pack.name, rule.source, hit.detail ? `${rule.message}：${hit.detail}` : rule.message),
        fix: rule.fix,
        source: rule.source,
        blocksExport: severity === 'error' && rule.blocksExport !== false,
      });
    });
  }
  // Stable: within a severity, findings keep the pack's order of fields and rules.
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return { pack: pack.id, name: pack.name, version: pack.version, ok: blockingFindings(findings).length === 0, counts, findings };
}

function countersOf(c: CompiledPack, view: ProposalView): FieldCounter[] {
  return c.limited.map((f) => {
    const limit = (f.maxLength ?? f.minLength)!;
    const current = view.count(view.joined(f.from, f.format), limit.mode);
    const max = f.maxLength?.limit ?? null;
    const min = f.minLength?.limit ?? null;
    const state: CounterState =
      max !== null && current > max ? 'over' : min !== null && current > 0 && current < min ? 'under' : max !== null && current >= max * NEAR_LIMIT ? 'near' : 'ok';
    return {
      pack: c.pack.id,
      fieldId: f.id,
      label: f.label,
      sources: [...f.from],
      current,
      max,
      min,
      mode: limit.mode,
      state,
      verified: (f.maxLength?.source.verified ?? true) && (f.minLength?.source.verified ?? true),
    };
  });
}

/** Check a proposal against packs: findings per pack, in the packs' order. A pure function. */
export function checkProposal(p: Proposal, packs: readonly RulePack[]): PackResult[] {
  const view = new ProposalView(p);
  return packs.map((pack) => runPack(compilePack(pack), view));
}

/** Findings and the field counters of every limited field, for the editor's checklist. */
export function checkDraft(p: Proposal, packs: readonly RulePack[]): { results: PackResult[]; counters: FieldCounter[] } {
  const view = new ProposalView(p);
  const cs = packs.map(compilePack);
  return { results: cs.map((c) => runPack(c, view)), counters: cs.flatMap((c) => countersOf(c, view)) };
}

/**
 * The packs that apply to a proposal: the legal pack always, and the platforms it targets (or the
 * platforms asked for). Packs are given in any order and returned legal first, then by platform.
 */
export function packsFor(all: readonly RulePack[], platforms: readonly string[]): RulePack[] {
  const want = new Set(['legal', ...platforms]);
  const order = ['legal', ...platforms];
  return all.filter((p) => want.has(p.id)).sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}
