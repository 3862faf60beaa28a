import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDisclosure, markPublished, removeDisclosure, setDisclosure } from '../../src/core/disclosure/records';
import { updateTexts } from '../../src/core/disclosure/updateText';
import { loadPackDir, shippedPacksDir } from '../../src/core/rules/load';
import { disclosureSchema, type Disclosure, type Listing, type Proposal } from '../../src/shared/domain/proposal';
import { newDisclosure } from '../../src/shared/domain/factory';
import { makeProposal } from './helpers/proposals';
import { tmpLibrary } from './helpers/tmp';

const packs = loadPackDir(shippedPacksDir(resolve(__dirname, '../../templates')));
const listing = (platform: Listing['platform']): Listing => ({ platform, projectNumber: `${platform}-1`, url: '', liveDate: '2026-01-05', status: 'live', note: '', raisedFen: 500_000, donationCount: 40 });

function project(): Proposal {
  return makeProposal({
    id: 'p1',
    title: '社区长者助餐',
    projectPeriod: { start: '2026-01-01', end: '2026-12-31' },
    listings: [listing('tencent'), listing('alipay')],
    budget: {
      lines: [
        { id: 'meal', item: '助餐补贴', category: '', unitPriceFen: 1000, quantity: 100, amountFen: 100_000, note: '', origin: null },
        { id: 'staff', item: '志愿者交通', category: '', unitPriceFen: 0, quantity: 0, amountFen: 20_000, note: '', origin: null },
      ],
      managementFeePercent: null,
      minimumExecutableFen: null,
      fallbackPlan: '',
    },
  });
}

const record = (init: Partial<Disclosure> & { id: string }): Disclosure => disclosureSchema.parse({ period: { start: '2026-01-01', end: '2026-03-31' }, ...init });

describe('disclosure records', () => {
  it('a new record (the editor\'s 新增披露) is blank: a progress report with nothing filled in', () => {
    const blank = {
      kind: 'progress',
      period: { start: null, end: null },
      receivedFen: null,
      spending: [],
      beneficiariesReached: null,
      activities: '',
      imageIds: [],
      problems: '',
      leftoverFen: null,
      leftoverPlan: '',
      outcomes: '',
      corrects: null,
      publications: [],
    };
    expect(newDisclosure({ id: 'd1' })).toEqual({ id: 'd1', ...blank });
    const fresh = newDisclosure();
    expect(fresh).toEqual({ id: expect.any(String), ...blank });
    expect(fresh.id).not.toBe(newDisclosure().id);
    expect(newDisclosure({ kind: 'final', publications: [{ target: 'tencent', date: '2026-04-01' }] }).publications).toEqual([{ target: 'tencent', date: '2026-04-01', url: '' }]);
  });

  it('checks itself: a line overspent across records, money spent before it was raised, an overlapping period', () => {
    const p = { ...project(), disclosures: [record({ id: 'q1', receivedFen: 80_000, spending: [{ budgetLineId: 'meal', spentFen: 70_000, date: null, note: '' }] })] };
    const q2 = record({ id: 'q2', period: { start: '2026-03-15', end: '2026-06-30' }, receivedFen: 10_000, spending: [{ budgetLineId: 'meal', spentFen: 40_000, date: null, note: '' }] });
    const msgs = checkDisclosure(p, q2).map((c) => `${c.level}:${c.message}`);
    expect(msgs).toEqual([
      'warning:期间与另一份披露（2026-01-01 至 2026-03-31）重叠',
      'warning:「助餐补贴」累计支出 1,100.00 元，超过预算 1,000.00 元',
      'warning:截至本期累计支出 1,100.00 元，多于累计收到的 900.00 元：钱在筹到之前就花了，请核对',
    ]);
    const fine = record({ id: 'q2', period: { start: '2026-04-01', end: '2026-06-30' }, receivedFen: 10_000, spending: [{ budgetLineId: 'meal', spentFen: 20_000, date: null, note: '' }] });
    expect(checkDisclosure(p, fine)).toEqual([]);
    expect(checkDisclosure(p, record({ id: 'x', spending: [{ budgetLineId: 'nope', spentFen: 1, date: null, note: '' }] })).map((c) => c.level)).toContain('error');
  });

  it('is saved, marked 已发布 per platform, and once published cannot be deleted', () => {
    const lib = tmpLibrary();
    lib.proposals.insert(project());
    const { checks } = setDisclosure(lib, 'p1', { id: 'q1', period: { start: '2026-01-01', end: '2026-03-31' }, receivedFen: 50_000, activities: '完成 1200 人次助餐' });
    expect(checks).toEqual([]);
    markPublished(lib, 'p1', 'q1', { target: 'tencent', date: '2026-04-02', url: 'https://gongyi.qq.com/x' });
    markPublished(lib, 'p1', 'q1', { target: 'cishanchina', date: '2026-04-03' });
    // The editor's older copy without marks keeps the marks given meanwhile.
    setDisclosure(lib, 'p1', { id: 'q1', period: { start: '2026-01-01', end: '2026-03-31' }, receivedFen: 50_000, activities: '完成 1300 人次助餐' });
    const d = lib.proposals.get('p1').disclosures[0]!;
    expect(d.activities).toBe('完成 1300 人次助餐');
    expect(d.publications.map((m) => m.target)).toEqual(['tencent', 'cishanchina']);
    expect(() => removeDisclosure(lib, 'p1', 'q1')).toThrow(/发布更正公告/);
    expect(() => markPublished(lib, 'p1', 'q1', { target: 'nowhere', date: '2026-04-03' })).toThrow(/发布信息不符合要求/);
    expect(() => setDisclosure(lib, 'p1', { id: 'c1', kind: 'correction' })).toThrow(/未保存/);
  });
});

describe('progress update texts', () => {
  it('one record gives each platform its form and order, 慈善中国 its entry, and over-limit parts are named', () => {
    const p = project();
    const d = record({
      id: 'q1',
      receivedFen: 50_000,
      spending: [{ budgetLineId: 'meal', spentFen: 30_000, date: null, note: '' }],
      beneficiariesReached: 86,
      activities: '为 86 位独居老人提供午餐。',
      problems: '雨季送餐延误。',
    });
    const texts = updateTexts(p, d, packs);
    expect(texts.map((t) => t.label)).toEqual(['腾讯公益', '支付宝公益', '慈善中国']);
    const [tencent, alipay, china] = texts;
    // 腾讯公益's pack: progress first, then money; no period part.
    expect(tencent!.text.split('\n').map((l) => l.slice(0, l.indexOf('】') + 1))).toEqual(['【项目进展】', '【善款使用】', '【支出明细】', '【受益情况】']);
    expect(tencent!.text).toContain('【善款使用】本期收到善款 500.00 元；各平台累计筹款 10,000.00 元');
    expect(tencent!.problems).toEqual([]);
    // 支付宝公益 has no form in its pack: the federation's default order, period first.
    expect(alipay!.text.startsWith('【本期时间】2026-01-01 至 2026-03-31')).toBe(true);
    expect(china!.text).toContain('【存在问题】雨季送餐延误。');

    const long = { ...d, activities: '进'.repeat(1001) };
    const over = updateTexts(p, long, packs)[0]!;
    expect(over.problems).toEqual(['腾讯公益「项目进展」1001 字，超过 1000 字']);
  });
});
