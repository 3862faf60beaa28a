import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProject } from '../../src/core/export/exportProject';
import type { BudgetLine } from '../../src/shared/domain/proposal';
import { fixturePacks, sampleProposal } from './helpers/exportFixtures';
import { convertToPdf, fcMatch, fontconfigWithTimesAs, hasPoppler, pdfFonts, pdfText, soffice } from './helpers/office';

/**
 * Issue 18: amounts and categories in the budget tables must not wrap whatever face replaces Times
 * New Roman. LibreOffice renders every DOCX twice, once with DejaVu Serif as the substitute (the
 * widest common one, what a bare Linux picks) and once with Liberation Serif (Times' metrics, what
 * fonts-liberation2 gives), each through a private fontconfig set-up.
 *
 * Liberation Serif comes from fonts-liberation2 (.ci/run installs it). Where it is not installed,
 * SHANCE_TEST_FONT_DIR may name a folder holding its files (e.g. the .deb unpacked with dpkg-deb -x).
 */
const ready = soffice !== null && hasPoppler;
if (!ready && process.env.CI) throw new Error('CI 上缺少 LibreOffice 或 poppler-utils：.ci/run 应当已安装它们');

const SUBSTITUTES = [
  { family: 'DejaVu Serif', pdfName: /DejaVuSerif/ },
  { family: 'Liberation Serif', pdfName: /LiberationSerif/ },
];

const line = (id: string, item: string, category: string, unitPriceFen: number, quantity: number, district: string): BudgetLine => ({
  id,
  item,
  category,
  unitPriceFen,
  quantity,
  amountFen: unitPriceFen * quantity,
  note: '',
  origin: { proposalId: `p-${id}`, district },
});

// The largest amounts a budget may hold and categories of eight characters, from districts with the
// longest names; the total is exactly 99,999,999.99.
const BUDGET = [
  line('l1', '厨房设备与冷链车辆采购', '场地与设备改造费', 4_444_444_444, 2, '彭水苗族土家族自治县'),
  line('l2', '食材补贴', '老人午餐补贴标准', 111_111_111, 10, '酉阳土家族苗族自治县'),
  line('l3', '项目执行费', '管理', 1, 1, '石柱土家族自治县'),
];
// Written out by hand, as a reader expects to see them (not formatted by the code under test).
// yuan0 for the packs whose form takes whole yuan (rounded).
const ROWS = [
  { category: '场地与设备改造费', yuan2: ['44,444,444.44', '2', '88,888,888.88'], yuan0: ['44,444,444', '2', '88,888,889'] },
  { category: '老人午餐补贴标准', yuan2: ['1,111,111.11', '10', '11,111,111.10'], yuan0: ['1,111,111', '10', '11,111,111'] },
  { category: '管理', yuan2: ['0.01', '1', '0.01'], yuan0: ['0', '1', '0'] },
];
const TOTAL = { yuan2: '99,999,999.99', yuan0: '100,000,000' };

describe.skipIf(!ready)('budget tables whatever face replaces Times New Roman', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shance-budget-fonts-'));
  afterAll(() => {
    if (!process.env.SHANCE_KEEP_TEST_FILES) rmSync(dir, { recursive: true, force: true });
  });
  const docx: { path: string; money: 'yuan2' | 'yuan0' }[] = [];

  beforeAll(async () => {
    const p = sampleProposal([], {});
    p.budget = { ...p.budget, lines: BUDGET };
    const rules = fixturePacks();
    const result = await exportProject({
      proposal: p,
      platforms: [...rules.keys()],
      packs: rules,
      check: () => [],
      overrideReason: null,
      internal: true,
      load: () => undefined,
    });
    for (const r of result.packs) {
      if (r.status !== 'written') throw new Error(`${r.platform} refused`);
      const file = r.files.find((f) => f.path.endsWith('.docx'))!;
      writeFileSync(join(dir, file.path), file.data);
      const budgetField = rules.get(r.platform)!.fields.find((f) => f.from.includes('budget'));
      docx.push({ path: join(dir, file.path), money: budgetField?.format.money ?? 'yuan2' });
    }
    writeFileSync(join(dir, result.review!.path), result.review!.data);
    docx.push({ path: join(dir, result.review!.path), money: 'yuan2' });
  }, 60_000);

  for (const { family, pdfName } of SUBSTITUTES) {
    it(`keeps every amount and category on one line with ${family} for Times New Roman`, () => {
      const fcDir = join(dir, family.replace(/\s/g, ''));
      const config = fontconfigWithTimesAs(family, fcDir, process.env.SHANCE_TEST_FONT_DIR);
      const matched = fcMatch('Times New Roman', config);
      if (matched !== family) {
        if (process.env.CI) throw new Error(`CI 上缺少字体 ${family}（fonts-liberation2）：.ci/run 应当已安装`);
        console.warn(`跳过 ${family}：未安装（fc-match 给出 ${matched}）；可用 SHANCE_TEST_FONT_DIR 指向其字体文件夹`);
        return;
      }
      const out = join(fcDir, 'pdf');
      const pdfs = convertToPdf(
        docx.map((d) => d.path),
        out,
        { ...process.env, FONTCONFIG_FILE: config },
      );
      pdfs.forEach((pdf, i) => {
        const name = docx[i]!.path;
        // The substitute really set the figures.
        expect(pdfFonts(pdf), name).toMatch(pdfName);
        // pdftotext -layout keeps a table row on one line; a wrapped cell leaves part of it on another.
        const lines = pdfText(pdf, ['-layout']).split('\n').map((l) => l.trim().split(/\s+/));
        const money = docx[i]!.money;
        for (const row of ROWS) {
          const figures = row[money];
          const found = lines.find((cells) => cells.includes(row.category));
          expect(found, `${name}: ${row.category}`).toBeDefined();
          // The category, unit price, quantity and amount side by side, each whole.
          const at = found!.indexOf(row.category);
          expect(found!.slice(at, at + 4), name).toEqual([row.category, ...figures]);
        }
        expect(lines.find((cells) => cells[0] === '合计'), name).toEqual(['合计', TOTAL[money]]);
      });
    }, 180_000);
  }
});
