/**
 * Check characters of Chinese identification codes. Checking them keeps the rules honest: a
 * mistyped 统一社会信用代码 is caught, and a random 18-digit number is not taken for an ID number.
 */

/** GB 32100-2015: the 31 characters a 统一社会信用代码 uses (no I, O, S, V, Z). */
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when they are not in the charset. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31]!;
}

/**
 * A code as people type it, made canonical: full-width characters to ASCII (NFKC), spaces, hyphens
 * and dots between groups removed, letters upper-cased. Used for 统一社会信用代码, ID and filing numbers.
 */
export function normalizeCode(typed: string): string {
  return typed
    .normalize('NFKC')
    .replace(/[\s\u3000\-‐‑–—_.·]/gu, '')
    .toUpperCase();
}

export type CreditCodeProblem = 'length' | 'charset' | 'check';

/** Why a 统一社会信用代码 is not valid, or null when it is. Spaces, lower case and full width are accepted as typed. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  const c = normalizeCode(code);
  if (c.length !== 18) return 'length';
  if (![...c].every((ch) => CREDIT_CHARSET.includes(ch))) return 'charset';
  return creditCodeCheckChar(c.slice(0, 17)) === c[17] ? null : 'check';
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** Registration authorities (first character, GB 32100-2015) and, for civil affairs, the type (second). */
const AUTHORITIES: Record<string, string> = {
  '1': '机构编制部门登记的机关或事业单位',
  '5': '民政部门登记的社会组织',
  '9': '市场监管（工商）部门登记的企业或个体工商户',
  Y: '其他部门登记的组织',
};
const CIVIL_TYPES: Record<string, string> = { '1': '社会团体', '2': '社会服务机构（民办非企业单位）', '3': '基金会' };

/**
 * What a valid code says its holder is. Only a social organisation registered by civil affairs (first
 * character 5: 社会团体, 社会服务机构, 基金会) can be a charity with public fundraising qualification.
 */
export function creditCodeHolder(code: string): { socialOrganisation: boolean; label: string } {
  const c = normalizeCode(code);
  const authority = AUTHORITIES[c[0] ?? ''] ?? `登记管理部门代码为「${c[0] ?? ''}」的组织`;
  if (c[0] !== '5') return { socialOrganisation: false, label: authority };
  return { socialOrganisation: true, label: CIVIL_TYPES[c[1] ?? ''] ?? authority };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999: the check character of an 18-character resident ID number. */
export function idNumberCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Province-level codes that begin an ID number (GB/T 2260), including 71 台湾, 81 香港, 82 澳门. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71,
  81, 82,
]);

/**
 * An 18-character resident ID number with a province code, a real birth date and a matching check
 * character. All three must hold, so that order numbers and amounts are not flagged.
 */
export function isValidIdNumber(id: string): boolean {
  const s = normalizeCode(id);
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return false;
  return idNumberCheckChar(s.slice(0, 17)) === s[17];
}

/**
 * 募捐方案备案编号 as seen on platform pages: the fundraiser's 18-character code, one or two letters,
 * a two-digit year and a sequence number (53330000501874064BA18023). Newer numbers may differ.
 */
export const FILING_NUMBER_PATTERN = /^([0-9A-HJ-NPQRTUWXY]{18})([A-Z]{1,2})(\d{2})(\d{3,6})$/;

export function parseFilingNumber(n: string): { creditCode: string; letters: string; year: string; seq: string } | null {
  const m = FILING_NUMBER_PATTERN.exec(normalizeCode(n));
  if (!m) return null;
  return { creditCode: m[1]!, letters: m[2]!, year: m[3]!, seq: m[4]! };
}
