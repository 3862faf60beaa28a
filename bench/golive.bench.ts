/**
 * npm run bench -- golive — after going live, at the sizes:
 *   1. importing a 100,000-row donations export (CSV) into a real library file: preview, then import
 *      (target < 5 s for the import);
 *   2. recomputing the disclosure calendar of a 10,000-project library (target < 1 s).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clocksFromPacks, dueDisclosures, projectCalendar } from '../src/core/disclosure/calendar';
import { importDonations, previewDonations } from '../src/core/funds/donations';
import { Library } from '../src/core/library/library';
import { loadPackDir, shippedPacksDir } from '../src/core/rules/load';
import { newProposal } from '../src/shared/domain/factory';
import type { Proposal } from '../src/shared/domain/proposal';
import { PLATFORM_IDS } from '../src/shared/domain/catalog';

const ROWS = Number(process.env.GOLIVE_BENCH_ROWS ?? 100_000);
const PROJECTS = Number(process.env.GOLIVE_BENCH_PROJECTS ?? 10_000);

const ms = (t0: number) => Math.round(performance.now() - t0);
const dir = mkdtempSync(join(tmpdir(), 'shance-golive-bench-'));
let failed = false;
const report = (what: string, took: number, limit: number) => {
  const ok = took < limit;
  failed ||= !ok;
  console.log(`${what}：${took} ms（目标 < ${limit} ms）${ok ? '' : ' 未达标'}`);
};

try {
  const lib = Library.open(join(dir, 'library.db'));
  const p = newProposal({ title: '基准项目', id: 'bench1' });
  lib.proposals.insert({
    ...p,
    fundraisingPeriod: { start: '2026-01-01', end: '2026-12-31' },
    listings: [{ platform: 'tencent', projectNumber: 'TX-1', url: '', liveDate: '2026-01-01', status: 'live', note: '', raisedFen: null, donationCount: null }],
  });
  const lines = ['订单号,捐赠时间,捐赠金额,捐赠人,留言'];
  for (let i = 0; i < ROWS; i += 1) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    lines.push(`T${i},2026-${month}-${day} ${String(i % 24).padStart(2, '0')}:15:00,${(i % 500) + 1}.${String(i % 100).padStart(2, '0')},爱心网友${i % 977},"加油，一起来"`);
  }
  const bytes = new TextEncoder().encode(lines.join('\r\n'));
  console.log(`捐赠明细：${ROWS} 行，${(bytes.byteLength / 1e6).toFixed(1)} MB`);

  let t0 = performance.now();
  const preview = await previewDonations(lib, bytes, { platform: 'tencent' });
  report(`预览 ${preview.rowCount} 行`, ms(t0), 5000);
  t0 = performance.now();
  const done = await importDonations(lib, bytes, { platform: 'tencent' });
  report(`导入 ${done.imported} 行（含检查、写入、重算已筹金额）`, ms(t0), 5000);
  t0 = performance.now();
  const again = await importDonations(lib, bytes, { platform: 'tencent' });
  report(`再次导入同一文件（${again.alreadyImported} 行均已导入，新增 ${again.imported}）`, ms(t0), 5000);
  lib.close();

  const clocks = clocksFromPacks(loadPackDir(shippedPacksDir(resolve(import.meta.dirname, '..', 'templates'))));
  const projects: Proposal[] = [];
  for (let i = 0; i < PROJECTS; i += 1) {
    const base = newProposal({ title: `项目${i}`, id: `p${i}`, district: `区县${i % 38}` });
    const start = `2026-${String((i % 12) + 1).padStart(2, '0')}-01`;
    projects.push({
      ...base,
      fundraisingPeriod: { start, end: i % 3 === 0 ? '2026-12-31' : '2027-06-30' },
      projectPeriod: { start, end: '2027-06-30' },
      listings: [0, 1, 2].map((k) => ({ platform: PLATFORM_IDS[(i + k * 5) % PLATFORM_IDS.length]!, projectNumber: `N${i}-${k}`, url: '', liveDate: start, status: 'live' as const, note: '', raisedFen: null, donationCount: null })),
    });
  }
  // Every project's calendar, then the due list (which computes them all again): the first is cold.
  t0 = performance.now();
  let dates = 0;
  for (const x of projects) dates += projectCalendar(x, clocks, '2026-09-15').length;
  report(`${PROJECTS} 个项目的披露日程（首次，${dates} 个到期日）`, ms(t0), 1000);
  t0 = performance.now();
  const due = dueDisclosures(projects, clocks, '2026-09-15');
  report(`${PROJECTS} 个项目的到期清单（${due.length} 个到期或逾期，排序后）`, ms(t0), 1000);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
