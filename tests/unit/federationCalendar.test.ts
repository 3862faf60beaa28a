import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryDue } from '../../src/core/disclosure/libraryCalendar';
import { defaultTemplatesDir } from '../../src/core/paths';
import { shippedPacksDir } from '../../src/core/rules/load';
import { openCore } from '../../src/core/openCore';
import { applyProposal } from '../../src/federation/proposals';
import type { Proposal } from '../../src/shared/domain/proposal';
import { ACCOUNTS, DATABASES, startFederationWithAccounts, type Sessions, type TestFederation } from './helpers/federation';
import { makeListing, makeProposal } from './helpers/proposals';
import { tmpLibrary } from './helpers/tmp';

const listing = makeListing;

const Y = '渝中区';
const J = ACCOUNTS.jiangbei.district;
// Dates long past, so what is overdue stays overdue whenever the test runs.
// A: 3 years on 腾讯公益, live 2025-01-01 → the law's quarter and 腾讯公益's 3 months both fell due 2025-04-01.
const A = makeProposal({ title: '甲 社区助老', district: Y, status: 'live', projectPeriod: { start: '2025-01-01', end: '2027-12-31' }, fundraisingPeriod: { start: '2025-01-01', end: '2027-12-31' }, listings: [listing('tencent', '2025-01-01', 'live')] });
// B: 4 months on 支付宝公益 (no platform clock, too short for the quarterly one): completion + 3 months = 2025-08-31.
const B = makeProposal({ title: '乙 助学', district: J, status: 'live', projectPeriod: { start: '2025-02-01', end: '2025-05-31' }, fundraisingPeriod: { start: '2025-02-01', end: '2025-05-31' }, listings: [listing('alipay', '2025-02-01', 'live')] });
// C: not yet live anywhere: no calendar.
const C = makeProposal({ title: '丙 未上线', district: J, status: 'approved', projectPeriod: { start: '2025-01-01', end: '2027-12-31' }, listings: [listing('tencent', null, 'preparing')] });
const ALL: Proposal[] = [A, B, C];

const brief = (items: { proposalId: string; clock: string; platform: string | null; due: string; state: string }[]) =>
  items.map((i) => `${i.proposalId === A.id ? 'A' : i.proposalId === B.id ? 'B' : 'C'} ${i.clock} ${i.platform ?? '-'} ${i.due} ${i.state}`).sort();

describe.each(DATABASES)('the federation disclosure calendar on the server (%s)', (kind) => {
  let fed: TestFederation;
  let as: Sessions;
  beforeAll(async () => {
    ({ fed, as } = await startFederationWithAccounts(kind));
    for (const p of ALL) await fed.store.db.transaction((tx) => applyProposal(tx, p, null, 'seed', p.district));
  }, 60_000);
  afterAll(async () => fed?.close());

  it('shows reviewers every district, from the stored proposals, with the clock that set each date', async () => {
    const all = await fed.ok('disclosure.due', { withinDays: 14, district: null }, as.reviewer);
    expect(all.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(brief(all.items)).toEqual(['A law - 2025-04-01 veryLate', 'A platform tencent 2025-04-01 veryLate', 'B completion - 2025-08-31 veryLate']);
    expect(new Set(all.items.map((i) => i.district))).toEqual(new Set([Y, J]));

    const one = await fed.ok('disclosure.due', { withinDays: 14, district: J }, as.reviewer);
    expect(brief(one.items)).toEqual(['B completion - 2025-08-31 veryLate']);

    // The same engine as the desk: a library holding the same proposals lists the same items.
    const lib = tmpLibrary();
    for (const p of ALL) lib.proposals.insert(p);
    const desk = libraryDue(lib, openCore(lib, defaultTemplatesDir()).rulePacks, { withinDays: 14, district: null, today: all.today });
    expect(all.items).toEqual(desk);
  });

  it('shows a drafter only their own district, and refuses another district in Chinese', async () => {
    const drafter = as.jiangbei;
    const own = await fed.ok('disclosure.due', { withinDays: 14, district: null }, drafter);
    expect(brief(own.items)).toEqual(['B completion - 2025-08-31 veryLate']);
    const other = await fed.call('disclosure.due', { withinDays: 14, district: Y }, drafter);
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(other.ok ? '' : other.error.message).toContain('只能查看本区县（江北区）的披露日程');
    const bad = await fed.call('disclosure.due', { withinDays: -1, district: null }, drafter);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('lists the projects behind a statistics figure for reviewers, and refuses drafters', async () => {
    const live = await fed.ok('stats.projects', { period: '2025-Q1', district: null, drill: { measure: 'live', dimension: 'all', key: '' } }, as.admin);
    expect(live.items.map((p) => p.title).sort()).toEqual(['乙 助学', '甲 社区助老']);
    expect(live.total).toBe(2);
    const drafter = await fed.user('yuzhong', Y, 'drafter');
    const refused = await fed.call('stats.projects', { period: '2025-Q1', district: null, drill: { measure: 'live', dimension: 'all', key: '' } }, drafter);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('runs the clock of a rule pack version the federation published, once it is in effect', async () => {
    const shipped = JSON.parse(readFileSync(join(shippedPacksDir(defaultTemplatesDir()), 'tencent.json'), 'utf8'));
    const version = `${shipped.version}.1`;
    const monthly = {
      ...shipped,
      version,
      effectiveDate: '2025-01-01',
      changelog: [...shipped.changelog, { version, date: '2025-01-01', summary: '测试：每月更新一次进展' }],
      disclosureClock: { ...shipped.disclosureClock, everyMonths: 1 },
    };
    delete monthly.disclosureClock.everyDays;
    await fed.ok('rules.publish', { pack: monthly }, as.trainer);
    const reviewer = await fed.user('shenhe2', '市慈善总会（本级）', 'reviewer');
    const all = await fed.ok('disclosure.due', { withinDays: 14, district: Y }, reviewer);
    // 腾讯公益 now every month from going live 2025-01-01; the law's clock is unchanged.
    expect(brief(all.items)).toEqual(['A law - 2025-04-01 veryLate', 'A platform tencent 2025-02-01 veryLate']);
  });
});
