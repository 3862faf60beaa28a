import type { Proposal } from '../../shared/domain/proposal';
import { COUNT_MODE_LABELS, countChars, type CountMode } from '../../shared/rules/count';
import type { PlatformField, RulePack } from '../../shared/rules/pack';
import { describeSource, type RuleSource } from '../../shared/rules/source';
import { formFieldText, type ExportedImages } from './formValues';

/** An ideographic space, the gap Chinese text uses between items on one line. */
export const GAP = '\u3000';

export interface LengthCheck {
  kind: 'max' | 'min';
  limit: number;
  mode: CountMode;
  count: number;
  ok: boolean;
  source: RuleSource;
}

export type FieldStatus = 'ok' | 'over' | 'under' | 'missing';

/** One form field as the user will fill it in: the exact text to paste and how long it is. */
export interface FieldSheetRow {
  order: number;
  id: string;
  label: string;
  required: boolean;
  help: string;
  text: string;
  /** The length in `mode`: the mode of the field's maximum, else of its minimum, else plain characters. */
  length: number;
  mode: CountMode;
  checks: LengthCheck[];
  status: FieldStatus;
}

/** The fields of a pack in the platform's order (by `order`; ties keep the file's order). */
export function orderedFields(pack: RulePack): PlatformField[] {
  return pack.fields.map((f, i) => ({ f, i })).sort((a, b) => a.f.order - b.f.order || a.i - b.i).map(({ f }) => f);
}

function rowOf(p: Proposal, field: PlatformField, pack: RulePack, exported?: ExportedImages): FieldSheetRow {
  const text = formFieldText(p, field, pack, exported);
  const checks: LengthCheck[] = [];
  if (field.maxLength) {
    const count = countChars(text, field.maxLength.mode);
    checks.push({ kind: 'max', limit: field.maxLength.limit, mode: field.maxLength.mode, count, ok: count <= field.maxLength.limit, source: field.maxLength.source });
  }
  if (field.minLength) {
    const count = countChars(text, field.minLength.mode);
    // An empty optional field is not "too short": it is simply not filled in.
    const ok = count >= field.minLength.limit || (!field.required && text === '');
    checks.push({ kind: 'min', limit: field.minLength.limit, mode: field.minLength.mode, count, ok, source: field.minLength.source });
  }
  const mode = field.maxLength?.mode ?? field.minLength?.mode ?? 'chars';
  let status: FieldStatus = 'ok';
  if (field.required && text.trim() === '') status = 'missing';
  else if (checks.some((c) => c.kind === 'max' && !c.ok)) status = 'over';
  else if (checks.some((c) => c.kind === 'min' && !c.ok)) status = 'under';
  return {
    order: field.order,
    id: field.id,
    label: field.label,
    required: field.required,
    help: field.help,
    text,
    length: countChars(text, mode),
    mode,
    checks,
    status,
  };
}

/** Every form field of the platform, in its order, with the text to paste. */
export function buildFieldSheet(p: Proposal, pack: RulePack, exported?: ExportedImages): FieldSheetRow[] {
  return orderedFields(pack).map((f) => rowOf(p, f, pack, exported));
}

/** 「23 / 上限 30 字 · 按字符计（含标点空格）」: the length against the limits, with the counting mode. */
export function describeLength(row: FieldSheetRow): string {
  const max = row.checks.find((c) => c.kind === 'max');
  const min = row.checks.find((c) => c.kind === 'min');
  const parts = max ? [`${max.count} / 上限 ${max.limit} 字`, COUNT_MODE_LABELS[max.mode]] : [`${row.length} 字`, COUNT_MODE_LABELS[row.mode], '无字数上限'];
  if (min) parts.push(min.mode === row.mode ? `下限 ${min.limit} 字` : `下限 ${min.limit} 字（${COUNT_MODE_LABELS[min.mode]}，现 ${min.count} 字）`);
  return parts.join(' · ');
}

export function describeStatus(row: FieldSheetRow): string {
  switch (row.status) {
    case 'missing':
      return '必填，尚未填写';
    case 'over': {
      const max = row.checks.find((c) => c.kind === 'max')!;
      return `超出 ${max.count - max.limit} 字`;
    }
    case 'under': {
      const min = row.checks.find((c) => c.kind === 'min')!;
      return `不足 ${min.limit - min.count} 字`;
    }
    default:
      return '符合';
  }
}

/** Where the field's limits come from, in words; unverified defaults say so. */
export function describeLimitSources(row: FieldSheetRow): string {
  return [...new Set(row.checks.map((c) => describeSource(c.source)))].join('；');
}

const RULE = '─'.repeat(32);

/**
 * The plain-text field sheet: one block per field, the text alone between two rules so it can be
 * selected and copied in any editor. CRLF and a BOM, because most users open it in Windows Notepad.
 */
export function fieldSheetText(rows: readonly FieldSheetRow[], heading: readonly string[]): string {
  const lines: string[] = [...heading, ''];
  rows.forEach((row, i) => {
    lines.push(`【${i + 1}】${row.label}${row.required ? '（必填）' : ''}`);
    const check = row.checks.some((c) => !c.source.verified) ? `${GAP}（字数上限为总会清单默认值，待核实）` : '';
    lines.push(`字数：${describeLength(row)}${GAP}${describeStatus(row)}${check}`);
    if (row.help) lines.push(`填写说明：${row.help}`);
    lines.push(RULE);
    lines.push(row.text === '' ? '（无内容）' : row.text);
    lines.push(RULE);
    lines.push('');
  });
  return `\uFEFF${lines.join('\n').replace(/\r?\n/g, '\r\n')}`;
}
