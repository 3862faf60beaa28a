import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, updateSchema } from '../../src/core/db/migrations';
import { checkProposal } from '../../src/core/rules/engine';
import { loadPackDir } from '../../src/core/rules/load';
import { findPlaceholders } from '../../src/shared/domain/placeholders';
import type { Proposal } from '../../src/shared/domain/proposal';
import { guessCadence } from '../../src/shared/rules/cadence';
import { creditCodeCheckChar, idNumberCheckChar, normalizeCode } from '../../src/shared/rules/checkCodes';
import { fieldText } from '../../src/shared/rules/fieldSources';
import type { Finding } from '../../src/shared/rules/finding';
import { completeProposal, creditCode, FUNDRAISER_CODE, image, NO_PEOPLE, PACKS_DIR, packOf, ruleOf } from './helpers/rules';
import { makeProposal } from './helpers/proposals';
import { tmpDir } from './helpers/tmp';

// Issue 13: checks a reviewer can trust. Each rule change has a case that must fire and a near miss that must not.

const legal = loadPackDir(PACKS_DIR).find((p) => p.id === 'legal')!;
const legalFindings = (p: Proposal) => checkProposal(p, [legal])[0]!.findings;
const ids = (fs: Finding[]) => fs.map((f) => f.ruleId);
const selected = (p: Proposal, f: Finding) => fieldText(p, f.field as never).slice(f.range!.start, f.range!.end);
const withText = (p: Proposal, id: 'background' | 'plan' | 'disclosure' | 'aboutUs', text: string) => {
  p.sections = { ...p.sections, [id]: { doc: null, text } };
  return p;
};

/** A valid ID number (GB 11643 check digit) for a person born 2012-03-07 in 渝中区. */
const ID = (() => {
  const body = '50010320120307123';
  return body + idNumberCheckChar(body)!;
})();

describe('disclosure cadence is a field of its own', () => {
  it('a 12-month project disclosing 每半年 fails even though its plan says 每月', () => {
    const p = completeProposal({ disclosurePlan: null });
    withText(p, 'plan', '每月开展一次读书会，每周开放图书角。');
    withText(p, 'disclosure', '每半年在平台公开一次项目进展。');
    const found = legalFindings(p).filter((f) => f.ruleId === 'legal.disclosure');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
    // It points at the words the guess came from, in the disclosure plan only.
    expect(found[0]!.field).toBe('sections.disclosure');
    expect(selected(p, found[0]!)).toBe('每半年');
    expect(found[0]!.message).toContain('系统根据「信息披露与反馈计划」推测');
  });

  it('a recorded cadence is checked exactly; the words elsewhere do not matter', () => {
    const p = completeProposal({ disclosurePlan: { cadence: 'halfYearly', note: '', guessed: false } });
    withText(p, 'disclosure', '每月公开一次进展。');
    expect(legalFindings(p).filter((f) => f.ruleId === 'legal.disclosure').map((f) => [f.field, f.severity])).toEqual([['disclosurePlan', 'error']]);
    const ok = completeProposal({ disclosurePlan: { cadence: 'quarterly', note: '', guessed: false } });
    withText(ok, 'disclosure', '每半年召开一次总结会。');
    expect(ids(legalFindings(ok))).not.toContain('legal.disclosure');
  });

  it('a guessed cadence that meets the law is only a warning asking the writer to confirm', () => {
    const p = completeProposal({ disclosurePlan: { cadence: 'quarterly', note: '', guessed: true } });
    const [f] = legalFindings(p).filter((x) => x.ruleId === 'legal.disclosure');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain('请在「披露频率」中确认');
    expect(checkProposal(p, [legal])[0]!.ok).toBe(true);
  });

  it('按年级分配 is not a yearly cadence; the guess reads only real cadences', () => {
    expect(guessCadence('图书按年级分配，每季度公开一次进展。')).toBe('quarterly');
    expect(guessCadence('图书按年级分配到各班。')).toBeNull();
    expect(guessCadence('按年度公开')).toBe('yearly');
    expect(guessCadence('按月龄发放奶粉。')).toBeNull();
    expect(guessCadence('年度报告每年公开')).toBe('yearly');
    expect(guessCadence('项目结束后三个月内公开总结报告。')).toBe('atEnd');
    const p = completeProposal({ disclosurePlan: null });
    withText(p, 'disclosure', '图书按年级分配，每季度公开一次进展。');
    const [f] = legalFindings(p).filter((x) => x.ruleId === 'legal.disclosure');
    expect(f!.severity).toBe('warning');
    expect(selected(p, f!)).toBe('每季度');
  });

  it('the migration guesses the cadence once for stored proposals and flags it; silent ones stay unrecorded', () => {
    const path = join(tmpDir(), 'v6.db');
    const db = new Database(path);
    updateSchema(
      db,
      MIGRATIONS.filter((m) => m.version <= 6),
    );
    const insert = db.prepare('INSERT INTO proposals (id, title, focus_area, district, status, created_at, updated_at, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const old = (id: string, disclosure: string) => {
      const p = makeProposal({ id, sections: { disclosure } }) as Record<string, unknown>;
      delete p.disclosurePlan;
      insert.run(id, 't', null, '', 'draft', p.createdAt, p.updatedAt, JSON.stringify(p));
    };
    old('half', '每半年公开一次，活动每月一次。');
    old('none', '我们会及时公开。');
    updateSchema(db);
    const plan = (id: string) => JSON.parse((db.prepare('SELECT json FROM proposals WHERE id = ?').get(id) as { json: string }).json).disclosurePlan;
    expect(plan('half')).toEqual({ cadence: 'monthly', note: '', guessed: true });
    expect(plan('none')).toBeUndefined();
    db.close();
  });
});

describe('codes are read as people type them', () => {
  const codeIn = (code: string) => completeProposal({ roles: { ...completeProposal().roles, fundraiser: { name: '重庆市慈善总会', creditCode: code } } });
  const grouped = `${FUNDRAISER_CODE.slice(0, 6)} ${FUNDRAISER_CODE.slice(6, 12)} ${FUNDRAISER_CODE.slice(12)}`;
  const fullWidth = [...FUNDRAISER_CODE.toLowerCase()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');

  it('a valid code in groups, lower case or full width passes and is normalised', () => {
    expect(normalizeCode(grouped)).toBe(FUNDRAISER_CODE);
    expect(normalizeCode(fullWidth)).toBe(FUNDRAISER_CODE);
    for (const typed of [grouped, FUNDRAISER_CODE.toLowerCase(), fullWidth, `${FUNDRAISER_CODE.slice(0, 9)}-${FUNDRAISER_CODE.slice(9)}`]) {
      expect(ids(legalFindings(codeIn(typed))), typed).not.toContain('legal.fundraiser');
    }
  });

  it('a wrong character is still caught, quoted in its normalised form', () => {
    const wrong = FUNDRAISER_CODE.slice(0, 17) + (FUNDRAISER_CODE[17] === '1' ? '2' : '1');
    const [f] = legalFindings(codeIn(wrong.toLowerCase().replace(/(.{6})/, '$1 '))).filter((x) => x.ruleId === 'legal.fundraiser');
    expect(f!.message).toContain(`「${wrong}」校验位不符`);
  });

  it('the 公募支持方 must be a social organisation: an enterprise code is an error', () => {
    const enterprise = creditCode('91500000MA5U12345');
    const [f] = legalFindings(codeIn(enterprise)).filter((x) => x.ruleId === 'legal.fundraiser');
    expect(f!.severity).toBe('error');
    expect(f!.message).toContain('企业');
    // A foundation (53…) and a 社会团体 (51…) may be.
    expect(ids(legalFindings(codeIn(creditCode('53500000MJP054321'))))).not.toContain('legal.fundraiser');
    expect(ids(legalFindings(codeIn(creditCode('51500000MJP054321'))))).not.toContain('legal.fundraiser');
  });

  it('ID numbers typed in groups or full width, and phone numbers in full width, are personal data', () => {
    const grouped = `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`;
    const wide = [...ID].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    for (const typed of [grouped, wide]) {
      const p = withText(completeProposal(), 'background', `受助学生证件号 ${typed}，成绩优异。`);
      const [f] = legalFindings(p).filter((x) => x.ruleId === 'legal.privacy.id-number');
      expect(selected(p, f!), typed).toBe(typed);
    }
    const phone = withText(completeProposal(), 'background', '家长电话１３８００１３８０００。');
    expect(ids(legalFindings(phone))).toContain('legal.privacy.phone');
    // Near miss: grouped digits that fail the check digit are an order number, not an ID.
    const order = `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14, 17)}${ID[17] === '1' ? '2' : '1'}`;
    expect(ids(legalFindings(withText(completeProposal(), 'background', `订单号 ${order}`)))).not.toContain('legal.privacy.id-number');
  });
});

describe('the checks a reviewer expects', () => {
  it('the fundraising target is above 0', () => {
    expect(ids(legalFindings(completeProposal({ targetFen: 0 })))).toContain('legal.basic-facts');
    const run = (p: Proposal) => checkProposal(p, [packOf([ruleOf('basicFacts', { checks: ['targetAboveZero'] })])])[0]!.findings;
    expect(run(completeProposal({ targetFen: 1 }))).toEqual([]);
    expect(run(completeProposal({ targetFen: 0 }))[0]!.message).toContain('筹款目标为 0 元');
  });

  it('the project period and the fundraising period end after they start', () => {
    const project = legalFindings(completeProposal({ projectPeriod: { start: '2026-06-01', end: '2026-05-31' } }));
    expect(project.filter((f) => f.ruleId === 'legal.basic-facts').map((f) => f.field)).toEqual(['projectPeriod']);
    const fundraising = legalFindings(completeProposal({ fundraisingPeriod: { start: '2026-06-01', end: '2026-05-31' } }));
    expect(fundraising.find((f) => f.ruleId === 'legal.fundraising-period')!.message).toContain('早于开始日期');
    const oneDay = legalFindings(completeProposal({ projectPeriod: { start: '2026-06-01', end: '2026-06-01' } }));
    expect(ids(oneDay)).not.toContain('legal.basic-facts');
  });

  it('beneficiary counts are above 0 and filled in', () => {
    const zero = completeProposal({ beneficiaries: [{ id: 'k1', type: '乡村小学学生', count: 0, region: '城口县' }] });
    expect(legalFindings(zero).find((f) => f.ruleId === 'legal.basic-facts')!.message).toContain('「乡村小学学生」人数为 0');
    const blank = completeProposal({ beneficiaries: [{ id: 'k1', type: '留守儿童', count: null, region: '城口县' }] });
    expect(legalFindings(blank).find((f) => f.ruleId === 'legal.basic-facts')!.message).toContain('「留守儿童」未填写人数');
    const one = completeProposal({ beneficiaries: [{ id: 'k1', type: '留守儿童', count: 1, region: '城口县' }] });
    expect(ids(legalFindings(one))).not.toContain('legal.basic-facts');
  });

  it('an untouched consent record is not 「no people」; every photo needs a source', () => {
    const untouched = completeProposal({ images: [image({ isCover: true, source: '慈善会' })] });
    const [f] = legalFindings(untouched).filter((x) => x.ruleId === 'legal.consent');
    expect(f!.message).toContain('尚未填写画面中是否有可辨认的人');
    const recorded = completeProposal({ images: [image({ isCover: true, source: '慈善会', consent: NO_PEOPLE })] });
    expect(ids(legalFindings(recorded))).not.toContain('legal.consent');

    const noSource = completeProposal({ images: [image({ isCover: true, consent: NO_PEOPLE, source: '  ' })] });
    expect(legalFindings(noSource).filter((x) => x.ruleId === 'legal.image-source').map((x) => x.field)).toEqual(['images.0']);
    expect(ids(legalFindings(recorded))).not.toContain('legal.image-source');
  });
});

describe('links: commercial ones are errors under the law itself, others stay warnings', () => {
  it('a shop link is an error citing the Charity Law article; an information link is a warning', () => {
    const shop = withText(completeProposal(), 'aboutUs', '本会简介。义卖商品见 https://item.taobao.com/item.htm?id=123 。');
    const [f] = legalFindings(shop).filter((x) => x.ruleId === 'legal.commercial-links');
    expect(f!.severity).toBe('error');
    expect(f!.blocksExport).toBe(true);
    expect(f!.source.title).toContain('不得在公开募捐信息页面插入商业广告和商业活动链接');
    expect(f!.source.title).toContain('第二十七条');
    expect(f!.source.url ?? '').not.toContain('hidf');
    expect(ids(legalFindings(shop))).not.toContain('legal.no-links');

    const info = withText(completeProposal(), 'aboutUs', '本会年报见 https://www.cqcs.org.cn/report/2025 。');
    const found = legalFindings(info).filter((x) => x.ruleId.startsWith('legal.') && x.ruleId.includes('links'));
    expect(found.map((x) => [x.ruleId, x.severity])).toEqual([['legal.no-links', 'warning']]);
    // A link in a sentence that sells is commercial whatever its host.
    const selling = withText(completeProposal(), 'aboutUs', '欢迎购买爱心农产品：www.example.cn/a');
    expect(ids(legalFindings(selling))).toContain('legal.commercial-links');
  });

  it('a link mark ends where the address ends, not in the Chinese words after it', () => {
    const p = withText(completeProposal(), 'aboutUs', '详见https://www.cqcs.org.cn/p/1了解更多。还有www.cqcs.org.cn.');
    const marks = legalFindings(p).filter((x) => x.ruleId === 'legal.no-links').map((x) => selected(p, x));
    expect(marks).toEqual(['https://www.cqcs.org.cn/p/1', 'www.cqcs.org.cn']);
  });

  it('sources retold by news pages are marked as secondary', () => {
    const bySecondary = legal.rules.filter((r) => r.source.secondary).map((r) => r.id);
    expect(bySecondary).toContain('legal.disclosure');
    expect(legal.rules.find((r) => r.id === 'legal.commercial-links')!.source.secondary).toBeUndefined();
  });
});

describe('fewer false alarms', () => {
  it('a promise not to publish personal data is not personal data', () => {
    const promise = withText(completeProposal(), 'disclosure', '每季度公开进展，不公开学生的住址、电话和照片。');
    expect(ids(legalFindings(promise))).not.toContain('legal.privacy.address');
    const real = withText(completeProposal(), 'background', '受助学生住址：城口县葛城街道3栋2单元501室。');
    expect(ids(legalFindings(real))).toContain('legal.privacy.address');
  });

  it('placeholders in every bracket form, with or without a colon', () => {
    const forms = ['【请填写：学校数量】', '【请填写学校数量】', '[请填写]', '［待补充］', '〔请选择〕', '【XX】', '（请填写学校名称）', '{请输入人数}', '【示例：每季度】'];
    for (const ph of forms) {
      const p = withText(completeProposal(), 'plan', `建成${ph}个图书角。`);
      const [f] = legalFindings(p).filter((x) => x.ruleId === 'legal.placeholders');
      expect(f && selected(p, f), ph).toBe(ph);
    }
    // Prose in brackets is not a placeholder.
    for (const prose of ['（例如图书、文具）', '[1]', '【重要】', '（含运费）']) {
      expect(findPlaceholders(`配发物资${prose}。`), prose).toEqual([]);
    }
  });
});

describe('whose rule it is, and whether it blocks export', () => {
  const unverified = { kind: 'federation', title: '总会清单默认值', verified: false };

  it("a finding whose only source is the federation's default reads as the federation's requirement", () => {
    const rule = { ...ruleOf('budgetSum'), message: '测试规则包要求预算合计等于筹款目标', source: unverified };
    const [f] = checkProposal(completeProposal({ targetFen: 1 }), [packOf([rule])])[0]!.findings;
    expect(f!.message).toMatch(/^总会清单要求：预算合计等于筹款目标/);
    expect(f!.message).toContain('（测试规则包的规则待核实）');
    expect(f!.message).not.toMatch(/^测试规则包要求/);
    const confirmed = { ...rule, source: { kind: 'platform', title: '平台规则', verified: true } };
    expect(checkProposal(completeProposal({ targetFen: 1 }), [packOf([confirmed])])[0]!.findings[0]!.message).toMatch(/^测试规则包要求/);
  });

  it('a required field on an unverified source says 总会清单要求, never the platform', () => {
    const field = { id: 'intro', label: '项目介绍', order: 1, from: ['sections.background'], required: true, source: unverified };
    const p = withText(completeProposal(), 'background', '');
    const [f] = checkProposal(p, [packOf([], { fields: [field] })])[0]!.findings;
    expect(f!.message).toBe('总会清单要求：填写「项目介绍」（测试规则包的规则待核实）');
  });

  it('the federation decides per rule whether an error blocks export', () => {
    const p = completeProposal({ targetFen: 1 });
    const blocking = checkProposal(p, [packOf([{ ...ruleOf('budgetSum'), source: unverified }])])[0]!;
    expect(blocking.ok).toBe(false);
    expect(blocking.findings[0]!.blocksExport).toBe(true);
    const advisory = checkProposal(p, [packOf([{ ...ruleOf('budgetSum'), source: unverified, blocksExport: false }])])[0]!;
    expect(advisory.counts.error).toBe(1);
    expect(advisory.findings[0]!.blocksExport).toBe(false);
    expect(advisory.ok).toBe(true);
  });
});

// The check characters used above are computed, not typed, so the fixtures stay valid codes.
it('fixtures are valid codes', () => {
  expect(creditCodeCheckChar(FUNDRAISER_CODE.slice(0, 17))).toBe(FUNDRAISER_CODE[17]);
});
