import type { StatsProposal } from './statsLibrary';

export const NOW = new Date('2026-11-30T08:00:00Z');
export const W = '万州区';
export const Q = '黔江区';
export const CITY = '市慈善总会（本级）';

/**
 * A library whose true figures are known by construction; the expected values below are counted by
 * hand from this list (see the comment on each project), not by any code.
 */
export const LIBRARY: StatsProposal[] = [
  // A: created in Q3, live on 腾讯 from 10 July, fundraising open-ended.
  { id: 'A', district: W, focusArea: 'industry', status: 'live', createdAt: '2026-07-05T02:00:00Z', targetFen: 1_000_000, platforms: ['tencent'],
    listings: [{ platform: 'tencent', status: 'live', liveDate: '2026-07-10', raisedFen: 150_000, donationCount: 30 }] },
  // B: live 30 June to 2 July: in Q2 and in Q3, and it ends in Q3. 支付宝 has no amount recorded.
  { id: 'B', district: W, focusArea: 'elderly', status: 'live', createdAt: '2026-03-01T02:00:00Z', updatedAt: '2026-03-02T02:00:00Z', targetFen: 500_000, fundraisingEnd: '2026-07-02',
    listings: [
      { platform: 'tencent', status: 'ended', liveDate: '2026-06-30', raisedFen: 20_000, donationCount: 4 },
      { platform: 'alipay', status: 'live', liveDate: '2026-06-30' },
    ] },
  // C: 16:30 UTC on 30 June is 00:30 on 1 July in Chongqing: created in Q3.
  { id: 'C', district: Q, focusArea: 'children', status: 'draft', createdAt: '2026-06-30T16:30:00Z' },
  // D: 16:30 UTC on 30 September is 1 October in Chongqing: not in Q3.
  { id: 'D', district: Q, focusArea: 'children', status: 'draft', createdAt: '2026-09-30T16:30:00Z' },
  // E: last year's Q3 project, edited in Q3 this year (active, not live).
  { id: 'E', district: Q, focusArea: 'health', status: 'approved', createdAt: '2025-07-15T02:00:00Z', updatedAt: '2026-08-01T02:00:00Z', targetFen: 300_000, fundraisingEnd: '2025-09-30',
    listings: [{ platform: 'jd', status: 'ended', liveDate: '2025-07-20', raisedFen: 300_000, donationCount: 10 }] },
  // F: a brand project formed in Q3 from G (万州) and H (黔江).
  { id: 'F', district: CITY, focusArea: 'industry', status: 'approved', createdAt: '2026-08-10T02:00:00Z',
    brandSources: [{ id: 'G', title: 'G', district: W }, { id: 'H', title: 'H', district: Q }] },
  { id: 'G', district: W, focusArea: 'industry', status: 'merged', createdAt: '2026-05-01T02:00:00Z', updatedAt: '2026-08-10T02:00:00Z' },
  { id: 'H', district: Q, focusArea: 'industry', status: 'merged', createdAt: '2026-05-01T02:00:00Z', updatedAt: '2026-08-10T02:00:00Z' },
  // I: in the recycle bin: never counted.
  { id: 'I', district: W, focusArea: 'industry', status: 'live', createdAt: '2026-07-05T02:00:00Z', deleted: true, targetFen: 9_999_999,
    listings: [{ platform: 'tencent', status: 'live', liveDate: '2026-07-10', raisedFen: 9_999_999 }] },
  // J: a draft planning two platforms, its listing refused: not live.
  { id: 'J', district: W, focusArea: 'poverty', status: 'draft', createdAt: '2026-07-20T02:00:00Z', platforms: ['tencent', 'alipay'], targetFen: 777,
    listings: [{ platform: 'tencent', status: 'rejected', liveDate: '2026-07-25', raisedFen: 5 }] },
];

