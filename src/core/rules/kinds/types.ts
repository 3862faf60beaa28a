import type { RulePack } from '../../../shared/rules/pack';
import type { RuleKind, RuleOf } from '../../../shared/rules/ruleKinds';
import type { Severity } from '../../../shared/rules/ruleBase';
import type { ProposalView } from '../view';

/** One problem as a check reports it; the engine adds the rule's id, message, fix and source. */
export interface Hit {
  /** A proposal part ('sections.plan'), an item ('images.0', 'budget.lines.2') or null for the whole proposal. */
  field: string | null;
  range?: { start: number; end: number } | null;
  /** The particulars, appended to the rule's message. */
  detail?: string;
  /** Only where a rule states a second severity (a 备案编号 format mismatch). */
  severity?: Severity;
}
export type Emit = (hit: Hit) => void;

/** A rule made ready to run: everything that can be prepared from the pack alone is prepared once. */
export type Check = (view: ProposalView, emit: Emit) => void;

export type KindCompiler<K extends RuleKind> = (rule: RuleOf<K>, pack: RulePack) => Check;

/** More hits than this for one rule in one field say nothing new and slow the editor down. */
export const MAX_HITS_PER_FIELD = 200;

/** Every match of a global regular expression in the text, skipping empty matches. */
export function scan(re: RegExp, text: string, onMatch: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let hits = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex += 1;
      continue;
    }
    onMatch(m);
    if (++hits >= MAX_HITS_PER_FIELD) break;
  }
}

const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const yuan = (fen: number): string => `${yuanFormat.format(fen / 100)} 元`;
