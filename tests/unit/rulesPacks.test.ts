import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProposal } from '../../src/core/rules/engine';
import { loadPackDir } from '../../src/core/rules/load';
import { PLATFORM_IDS } from '../../src/shared/domain/catalog';
import type { RulePack } from '../../src/shared/rules/pack';
import type { RuleSource } from '../../src/shared/rules/source';
import { completeProposal, PACKS_DIR } from './helpers/rules';

const packs = loadPackDir(PACKS_DIR);
const byId = (id: string) => packs.find((p) => p.id === id)!;

/** Every source in a pack with where it is, so a failure names the place. */
function sources(pack: RulePack): [string, RuleSource | undefined][] {
  return [
    ...pack.rules.map((r): [string, RuleSource] => [`rule ${r.id}`, r.source]),
    ...pack.fields.flatMap((f): [string, RuleSource | undefined][] => [
      ...(f.maxLength ? [[`field ${f.id} maxLength`, f.maxLength.source] as [string, RuleSource]] : []),
      ...(f.minLength ? [[`field ${f.id} minLength`, f.minLength.source] as [string, RuleSource]] : []),
      ...(f.required ? [[`field ${f.id} required`, f.source] as [string, RuleSource | undefined]] : []),
    ]),
    ...pack.images.map((s): [string, RuleSource] => [`image ${s.id}`, s.source]),
  ];
}

describe('the shipped rule packs', () => {
  it('one pack per platform plus the legal pack, each file named after its id', () => {
    expect(packs.map((p) => p.id).sort()).toEqual([...PLATFORM_IDS, 'legal'].sort());
    for (const file of readdirSync(PACKS_DIR).filter((f) => f.endsWith('.json'))) {
      const raw = JSON.parse(readFileSync(join(PACKS_DIR, file), 'utf8')) as { id: string };
      expect(file).toBe(`${raw.id}.json`);
    }
  });

  it('every pack has a version, an effective date and a changelog entry for that version', () => {
    for (const p of packs) {
      expect(p.version, p.id).toMatch(/^\d+(\.\d+)*$/);
      expect(p.changelog.find((c) => c.version === p.version)?.summary, p.id).toBeTruthy();
      expect(p.description.length, p.id).toBeGreaterThan(10);
    }
  });

  it('every rule, limit, required field and image spec has a source', () => {
    for (const p of packs) {
      for (const [where, source] of sources(p)) {
        expect(source?.title, `${p.id}: ${where}`).toBeTruthy();
      }
    }
  });

  it('no guess is presented as a platform rule: every unverified value is marked as the federation default', () => {
    for (const p of packs) {
      for (const [where, source] of sources(p)) {
        if (source && !source.verified) expect(source.kind, `${p.id}: ${where}`).toBe('federation');
      }
      // No platform published its length limits (domain brief): none may claim to be verified.
      for (const f of p.fields) {
        if (f.maxLength) expect(f.maxLength.source.verified, `${p.id}.${f.id}`).toBe(false);
      }
      for (const s of p.images) expect(s.source.verified, `${p.id}.${s.id}`).toBe(false);
    }
  });

  it('a complete, well-written proposal passes every pack without an error', () => {
    const results = checkProposal(completeProposal(), packs);
    const errors = results.flatMap((r) => r.findings.filter((f) => f.severity === 'error').map((f) => `${r.pack}: ${f.ruleId} ${f.message}`));
    expect(errors).toEqual([]);
  });

  it('packs differ where the platforms differ', () => {
    // 新浪微公益 writes periods as YYYY.MM.DD.
    expect(byId('weibo').fields.find((f) => f.from.includes('projectPeriod'))?.format.date).toBe('YYYY.MM.DD');
    // 京东公益: the target is the sum of tasks, and goods are given by quantity, both from its pages.
    const jd = byId('jd').rules;
    expect(jd.find((r) => r.kind === 'budgetSum')?.source).toMatchObject({ kind: 'platform', verified: true });
    expect(jd.find((r) => r.kind === 'budgetLineArithmetic')?.severity).toBe('error');
    // 腾讯公益: 公募支持 and a fallback plan with the minimum executable amount.
    expect(byId('tencent').fields.map((f) => f.label)).toEqual(expect.arrayContaining(['公募支持', '最低可执行金额（元）', '执行能力说明', '关于我们']));
    // 支付宝公益: a cover image, and portrait consent after the 2019 controversy.
    expect(byId('alipay').rules.find((r) => r.kind === 'consent')?.source.url).toContain('gongyishibao.com');
    // 抖音 carries its content bans.
    const douyin = byId('douyin');
    const banned = douyin.rules.flatMap((r) => (r.kind === 'phrases' ? r.phrases : []));
    expect(banned).toEqual(expect.arrayContaining(['摆拍', '悲惨']));
    expect(douyin.rules.some((r) => r.kind === 'pattern' && r.pattern.includes('助农'))).toBe(true);
    // 水滴公益 and 轻松公益 are not personal-help services.
    expect(byId('shuidi').rules.some((r) => r.kind === 'phrases' && r.phrases.includes('水滴筹'))).toBe(true);
    expect(byId('qingsong').rules.some((r) => r.kind === 'phrases' && r.phrases.includes('轻松筹'))).toBe(true);
    // Field lists are not one list copied: the platforms with known forms each have their own.
    const shapes = new Set(['tencent', 'alipay', 'weibo', 'jd', 'meituan'].map((id) => byId(id).fields.map((f) => f.label).join('|')));
    expect(shapes.size).toBe(5);
  });

  it('the legal pack carries the law items', () => {
    const kinds = byId('legal').rules.map((r) => r.kind);
    for (const k of ['creditCode', 'filingNumber', 'fundraisingPeriod', 'filingContents', 'disclosure', 'privacy', 'noAdsOrLinks', 'placeholders', 'consent']) {
      expect(kinds, k).toContain(k);
    }
    const disclosure = byId('legal').rules.find((r) => r.kind === 'disclosure');
    expect(disclosure).toMatchObject({ overMonths: 6, everyMonths: 3, severity: 'error' });
    expect(byId('legal').rules.find((r) => r.kind === 'filingNumber')).toMatchObject({ severity: 'error', formatSeverity: 'warning' });
    for (const r of byId('legal').rules.filter((r) => r.kind !== 'placeholders')) expect(r.source.kind, r.id).toBe('law');
  });

  it('the legal pack finds what the law forbids in a realistic draft', () => {
    const p = completeProposal();
    p.sections = {
      ...p.sections,
      background: { doc: null, text: '受助学生小明，身份证11010519491231002X，家住幸福村3组12号。' },
      aboutUs: { doc: null, text: '欢迎进店选购，扫码购买助农产品：https://shop.example.com' },
    };
    const legal = checkProposal(p, [byId('legal')])[0]!;
    expect(legal.ok).toBe(false);
    expect(legal.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId)).toEqual([
      'legal.privacy.id-number',
      'legal.commercial-links',
      'legal.no-ads',
      'legal.no-ads',
      'legal.privacy.address',
    ]);
  });
});
