import { creditCodeHolder, creditCodeProblem, isValidCreditCode, normalizeCode, parseFilingNumber, type CreditCodeProblem } from '../../../shared/rules/checkCodes';
import type { KindCompiler } from './types';

const ROLE_LABELS = { fundraiser: '公募支持方', initiator: '发起方' } as const;

function problemText(problem: CreditCodeProblem, code: string): string {
  if (problem === 'length') return `「${code}」应为 18 位，当前 ${[...code].length} 位`;
  if (problem === 'charset') return `「${code}」含有统一社会信用代码不使用的字符（只用数字和除 I、O、S、V、Z 以外的大写字母）`;
  return `「${code}」校验位不符（GB 32100-2015），可能抄错了某一位，请对照登记证书逐位核对`;
}

export const creditCode: KindCompiler<'creditCode'> = (rule) => (view, emit) => {
  const org = view.p.roles[rule.role];
  const label = ROLE_LABELS[rule.role];
  if (rule.requireName && org.name.trim() === '') emit({ field: `${rule.role}.name`, detail: `未填写${label}名称` });
  const code = org.creditCode;
  if (code.trim() === '') {
    if (!rule.requireCode) return;
    return emit({ field: `${rule.role}.creditCode`, detail: `未填写${label}的统一社会信用代码` });
  }
  // Judged, and quoted, as normalised: 「5150 0000 mjp0…」 typed in groups is the same code.
  const normal = normalizeCode(code);
  const problem = creditCodeProblem(normal);
  if (problem) return emit({ field: `${rule.role}.creditCode`, detail: problemText(problem, normal) });
  const holder = creditCodeHolder(normal);
  if (rule.socialOrganisation && !holder.socialOrganisation) {
    emit({
      field: `${rule.role}.creditCode`,
      detail: `「${normal}」是${holder.label}的代码；${label}须为民政部门登记、具有公开募捐资格的慈善组织（代码以 5 开头）`,
    });
  }
};

const EXAMPLE = '53330000501874064BA18023';

export const filingNumber: KindCompiler<'filingNumber'> = (rule) => (view, emit) => {
  const n = view.p.filing.number;
  const field = 'filing.number';
  if (n.trim() === '') return emit({ field, detail: '未填写' });
  const severity = rule.formatSeverity;
  const parsed = parseFilingNumber(n);
  if (!parsed) {
    return emit({
      field,
      severity,
      detail: `「${n}」与常见格式（18 位统一社会信用代码 + 字母 + 两位年份 + 序号，如 ${EXAMPLE}）不一致，请与备案回执核对；新的编号格式可能不同`,
    });
  }
  if (!isValidCreditCode(parsed.creditCode)) {
    return emit({ field, severity, detail: `编号前 18 位「${parsed.creditCode}」不是有效的统一社会信用代码（校验位不符），请与备案回执核对` });
  }
  const own = normalizeCode(view.p.roles.fundraiser.creditCode);
  if (rule.matchFundraiser && isValidCreditCode(own) && own !== parsed.creditCode) {
    emit({ field, severity, detail: `编号中的信用代码「${parsed.creditCode}」与公募支持方的统一社会信用代码「${own}」不一致` });
  }
};
