import { describe, expect, test } from 'vitest';
import { checkProposal } from '../../src/core/rules/engine';
import { parseJsonText, parsePack } from '../../src/core/rules/load';
import { hasNestedQuantifier } from '../../src/core/rules/regexSafety';
import { RulePackStore } from '../../src/core/rules/store';
import { findJsonSyntaxProblem } from '../../src/core/util/jsonText';
import { AppError } from '../../src/shared/errors';
import { makeProposal } from './helpers/proposals';
import { PACKS_DIR, packOf, ruleOf } from './helpers/rules';
import { tmpLibrary } from './helpers/tmp';

const refused = (f: () => unknown): AppError => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
};

const SLOW = '(\\d+)+万元';
const rawPack = (pattern: string, extra: Record<string, unknown> = {}) => ({
  format: 'shance-rule-pack',
  formatVersion: 1,
  id: 'tencent',
  name: '测试规则包',
  version: '9.0',
  effectiveDate: '2026-01-01',
  changelog: [{ version: '9.0', date: '2026-01-01', summary: '测试' }],
  rules: [ruleOf('pattern', { id: 't.amount', pattern })],
  ...extra,
});

describe('rule patterns cannot hang a check', () => {
  test('nested quantifiers are recognised; ordinary patterns are not', () => {
    for (const p of [SLOW, '(a*)*', '(?:ab+){2,}', '((a)+)+', '(\\d+)*元', '(?<n>[一二三]+)+', '(x+){1,5}']) expect(hasNestedQuantifier(p), p).toBe(true);
    for (const p of ['\\d+万元', '(\\d+)万元', '[(+)]+', '\\(\\d+\\)+', '(a{1})+', '\\p{Script=Han}+', '(a?)+', '(?:万|亿)+', '(\\d+){1}']) {
      expect(hasNestedQuantifier(p), p).toBe(false);
    }
  });

  test('importing a pack with (\\d+)+万元 is refused in Chinese, naming the rule; nothing is stored', () => {
    const lib = tmpLibrary();
    const store = new RulePackStore(lib.db, PACKS_DIR);
    const err = refused(() => store.import(JSON.stringify(rawPack(SLOW)), '坏规则包.json'));
    expect(err.message).toContain('「t.amount」');
    expect(err.message).toContain('嵌套的重复');
    expect(() => store.get('tencent', '9.0')).toThrow();
    expect(store.import(JSON.stringify(rawPack('\\d+万元')), '好规则包.json')[0]).toMatchObject({ version: '9.0' });
  });

  test('a slow pattern already in a pack runs out of its budget and is reported as failed to run', () => {
    const pack = packOf([ruleOf('pattern', { id: 't.amount', pattern: SLOW, fields: ['summary'] })]);
    // 40 digits without 万元: the backtracking would take hours.
    const p = makeProposal({ summary: `${'1'.repeat(40)}元` });
    const [result] = checkProposal(p, [pack]);
    const failed = result!.findings.find((f) => f.ruleId === 't.amount');
    expect(failed?.severity).toBe('error');
    expect(failed?.message).toContain('未能运行完成');
    expect(result!.ok).toBe(false);
  });

  test('within the budget a pattern rule still finds what it should', () => {
    const pack = packOf([ruleOf('pattern', { id: 't.amount', pattern: '\\d+万元', fields: ['summary'] })]);
    const [result] = checkProposal(makeProposal({ summary: '筹款 30万元，另 5万元' }), [pack]);
    expect(result!.findings.map((f) => f.message)).toEqual(['测试规则 pattern：「30万元」', '测试规则 pattern：「5万元」']);
    expect(result!.findings[0]!.range).toEqual({ start: 3, end: 7 });
  });
});

describe('messages', () => {
  test('a rule pack from a newer format says 请升级善策', () => {
    const err = refused(() => parsePack(rawPack('\\d+', { formatVersion: 2 }), 'future.json'));
    expect(err.message).toContain('请升级善策');
    expect(err.message).toContain('格式版本 2');
  });

  test('JSON syntax errors are explained in Chinese with line and column', () => {
    const cases: [string, number, number, string][] = [
      ['{\n  "id": "tencent",\n}', 3, 1, '最后一项后面不能有逗号'],
      ['{\n  "id" "tencent"\n}', 2, 8, '冒号'],
      ["{\n  'id': 1\n}", 2, 3, '双引号'],
      ['{\n  "a": [1, 2\n}', 3, 1, '右方括号'],
      ['{"a": "x', 1, 7, '缺少结尾的双引号'],
      ['{"a": tru}', 1, 7, '值'],
      ['{"a": 1}}', 1, 9, '多出了'],
    ];
    for (const [text, line, column, words] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      const err = refused(() => parseJsonText(text, '规则.json'));
      expect(err.message, text).toContain(`第 ${line} 行第 ${column} 列`);
      expect(err.message, text).toContain(words);
      expect(err.message, text).not.toMatch(/Unexpected|Expected|position/);
    }
  });

  test('the syntax scanner accepts what JSON.parse accepts', () => {
    for (const text of ['{}', '[]', '"x"', '0', '-1.5e+3', 'null', '{"a":[1,{"b":"\\u4e2d\\n"}],"c":true}', ' \n{ "中文": "值" }\n']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxProblem(text), text).toBeNull();
    }
  });
});
