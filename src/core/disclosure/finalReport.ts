import { Paragraph, type FileChild } from 'docx';
import { platformLabel } from '../../shared/domain/catalog';
import type { Disclosure, Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import { formatDate } from '../../shared/rules/fieldSources';
import { beijingDateTime } from '../export/beijingTime';
import { FONTS } from '../export/docxFonts';
import { chinesePeriod } from '../export/formValues';
import { documentYuan } from '../export/money';
import { body, GBT9704, heading1, officialDocx, run } from '../export/officialDoc';
import { targetLabel } from './records';

const yuan = (fen: number) => `${documentYuan(fen)} 元`;
const counted = (p: Proposal) => p.disclosures.filter((d) => d.kind !== 'correction');

/** The figures of the final report: raised per platform, spent per budget line over every record, leftover. */
export function finalFigures(p: Proposal, final: Disclosure) {
  const raisedByPlatform = p.listings.filter((l) => l.raisedFen !== null).map((l) => ({ platform: l.platform, raisedFen: l.raisedFen!, count: l.donationCount ?? 0 }));
  const raised = raisedByPlatform.reduce((s, x) => s + x.raisedFen, 0);
  const spentByLine = p.budget.lines.map((l) => ({ item: l.item || l.id, budgetFen: l.amountFen, spentFen: counted(p).reduce((s, d) => s + d.spending.filter((x) => x.budgetLineId === l.id).reduce((a, x) => a + x.spentFen, 0), 0) }));
  const spent = spentByLine.reduce((s, x) => s + x.spentFen, 0);
  const beneficiaries = counted(p).reduce((s, d) => s + (d.beneficiariesReached ?? 0), 0);
  return { raisedByPlatform, raised, spentByLine, spent, leftoverFen: final.leftoverFen ?? Math.max(0, raised - spent), beneficiaries };
}

/** 结项报告 as a 公文-style DOCX, in the review copy's layout (GB/T 9704). */
export async function finalReportDocx(p: Proposal, disclosureId: string, exportedAt: Date): Promise<{ fileName: string; data: Uint8Array }> {
  const final = p.disclosures.find((d) => d.id === disclosureId);
  if (!final || final.kind !== 'final') throw new AppError('NOT_FOUND', '没有这份结项报告，请先新建类型为「结项报告」的披露');
  const f = finalFigures(p, final);
  const children: FileChild[] = [
    new Paragraph({ alignment: 'center', children: [run(`${p.title || '未命名项目'}结项报告`, FONTS.xiaobiaosong, { size: GBT9704.titleSize })] }),
    new Paragraph({ alignment: 'center', children: [run(`（${beijingDateTime(exportedAt)}）`, FONTS.kaiti)] }),
    new Paragraph({ children: [] }),
  ];
  let n = 0;
  children.push(heading1(++n, '项目概况'));
  children.push(body(`项目执行周期：${chinesePeriod(p.projectPeriod) || '未填写'}；筹款周期：${chinesePeriod(p.fundraisingPeriod) || '未填写'}。`));
  children.push(body(`筹款目标：${p.targetFen === null ? '未填写' : yuan(p.targetFen)}；实际筹得：${yuan(f.raised)}。`));
  for (const x of f.raisedByPlatform) children.push(body(`${platformLabel(x.platform)}：${yuan(x.raisedFen)}，${x.count} 笔。`));
  children.push(heading1(++n, '资金使用'));
  for (const x of f.spentByLine) children.push(body(`${x.item}：预算 ${yuan(x.budgetFen)}，支出 ${yuan(x.spentFen)}。`));
  children.push(body(`合计支出 ${yuan(f.spent)}。`));
  children.push(heading1(++n, '剩余资金及处理'));
  children.push(body(`剩余资金 ${yuan(f.leftoverFen)}。处理方式：${final.leftoverPlan.trim() || p.filing.remainderPlan.trim() || '未填写'}。`));
  children.push(heading1(++n, '项目成效'));
  children.push(body(`累计受益 ${f.beneficiaries} 人（次）。${final.outcomes.trim()}`));
  children.push(heading1(++n, '执行过程'));
  for (const d of counted(p)) if (d.activities.trim()) children.push(body(`${chinesePeriod(d.period) || '（期间未填）'}：${d.activities.trim()}`));
  if (final.problems.trim()) children.push(heading1(++n, '存在问题'), body(final.problems.trim()));
  children.push(heading1(n + 1, '信息公开情况'));
  for (const d of p.disclosures) {
    const marks = d.publications.map((m) => `${targetLabel(m.target)} ${formatDate(m.date, 'YYYY年M月D日')}${m.url ? `（${m.url}）` : ''}`).join('；');
    children.push(body(`${chinesePeriod(d.period) || '（期间未填）'}：${marks || '尚未发布'}。`));
  }
  return { fileName: `${p.title || p.id}-结项报告.docx`, data: await officialDocx({ title: `${p.title}结项报告`, children }) };
}
