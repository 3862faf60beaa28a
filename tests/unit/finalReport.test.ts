import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finalReportDocx } from '../../src/core/disclosure/finalReport';
import { disclosureSchema, type Proposal } from '../../src/shared/domain/proposal';
import { makeProposal } from './helpers/proposals';
import { convertToPdf, hasPoppler, pdfText, soffice } from './helpers/office';
import { tmpDir } from './helpers/tmp';

const needsOffice = !soffice || !hasPoppler;
// On CI a missing LibreOffice fails the test instead of skipping it, as the other office tests do.
const it_ = needsOffice && process.env.CI !== 'true' ? it.skip : it;

function closed(): Proposal {
  return makeProposal({
    title: '社区长者助餐',
    targetFen: 200_000,
    projectPeriod: { start: '2026-01-01', end: '2026-06-30' },
    listings: [
      { platform: 'tencent', projectNumber: 'TX-1', url: '', liveDate: '2026-01-05', status: 'ended', note: '', raisedFen: 120_000, donationCount: 30 },
      { platform: 'alipay', projectNumber: 'ZFB-1', url: '', liveDate: '2026-01-05', status: 'ended', note: '', raisedFen: 30_050, donationCount: 5 },
    ],
    budget: { lines: [{ id: 'meal', item: '助餐补贴', category: '', unitPriceFen: 0, quantity: 0, amountFen: 150_000, note: '', origin: null }], managementFeePercent: null, minimumExecutableFen: null, fallbackPlan: '' },
    disclosures: [
      disclosureSchema.parse({ id: 'q1', period: { start: '2026-01-01', end: '2026-03-31' }, spending: [{ budgetLineId: 'meal', spentFen: 70_000 }], beneficiariesReached: 40, activities: '第一季度助餐 1200 人次', publications: [{ target: 'tencent', date: '2026-04-02' }] }),
      disclosureSchema.parse({ id: 'f', kind: 'final', period: { start: '2026-04-01', end: '2026-06-30' }, spending: [{ budgetLineId: 'meal', spentFen: 60_000 }], beneficiariesReached: 45, leftoverPlan: '转入二期项目', outcomes: '独居老人按时用餐' }),
    ],
  });
}

describe('结项报告 DOCX', () => {
  it_('LibreOffice reads the figures: raised per platform, spent per line, leftover and its handling', () => {
    if (needsOffice) throw new Error('需要 LibreOffice（soffice）和 poppler-utils 才能检查结项报告');
    return finalReportDocx(closed(), 'f', new Date('2026-09-01T02:00:00Z')).then(({ fileName, data }) => {
      expect(fileName).toBe('社区长者助餐-结项报告.docx');
      const dir = tmpDir();
      const docx = join(dir, 'final.docx');
      writeFileSync(docx, data);
      const text = pdfText(convertToPdf([docx], dir)[0]!).replace(/\s+/g, '');
      for (const want of ['社区长者助餐结项报告', '实际筹得：1,500.50元', '腾讯公益：1,200.00元，30笔', '助餐补贴：预算1,500.00元，支出1,300.00元', '剩余资金200.50元。处理方式：转入二期项目', '累计受益85人（次）', '腾讯公益2026年4月2日']) {
        expect(text).toContain(want);
      }
    });
  }, 120_000);

  it('refuses a record that is not a final report', async () => {
    await expect(finalReportDocx(closed(), 'q1', new Date())).rejects.toThrow(/结项报告/);
  });
});
