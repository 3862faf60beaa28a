import { AlignmentType, Paragraph, type FileChild } from 'docx';
import { focusAreaLabel, LISTING_STATUSES, platformLabel, sectionLabel, SECTION_IDS, statusLabel, type PlatformId, type SectionId } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';
import type { Finding } from '../../shared/rules/finding';
import { fieldText } from '../../shared/rules/fieldSources';
import { beijingDateTime } from './beijingTime';
import { chinesePeriod, regionText } from './formValues';
import { blockRuns, blocksToDocx, listNumbering, sectionBlocks } from './richBlocks';
import { documentYuan } from './money';
import type { RulePack } from '../../shared/rules/pack';
import { checklistCounts, findingLine, sortFindings } from './checklist';
import { budgetTable } from './budgetTable';
import { budgetNotes } from './docxParts';
import { FONTS, runFonts } from './docxFonts';
import { BODY, body, GBT9704, heading1, heading2, officialDocx, run, TYPE_AREA_WIDTH } from './officialDoc';

export { GBT9704, TYPE_AREA_WIDTH } from './officialDoc';
import { describeConsent } from './images';

export interface ReviewPlatform {
  platform: PlatformId;
  /** Null when the federation has not issued a pack for it: no checklist then. */
  pack: RulePack | null;
  findings: readonly Finding[];
  /** The reviewer's reason when the platform was exported despite errors in its checklist. */
  overrideReason?: string | null;
}

export interface ReviewDocxInput {
  proposal: Proposal;
  platforms: readonly ReviewPlatform[];
  exportedAt: Date;
  /** The approved revision the copy was made from, printed so a reader can check it is the frozen text. */
  frozen?: { n: number; hash: string } | null;
}

const bodyLines = (text: string, empty = '（未填写）') => (text === '' ? [empty] : text.split('\n')).map(body);

/** A section with its bold, lists (Word numbering) and headings; its headings in 楷体 like （一） ones. */
function sectionBody(p: Proposal, id: SectionId): Paragraph[] {
  const blocks = sectionBlocks(p.sections[id]);
  if (blocks.length === 0) return bodyLines('');
  return blocksToDocx(blocks, {
    run: { font: runFonts(FONTS.fangsong), size: GBT9704.bodySize },
    paragraph: BODY,
    heading: (_level, runs) => new Paragraph({ indent: { firstLine: 640 }, keepNext: true, children: blockRuns(runs, { font: runFonts(FONTS.kaiti), size: GBT9704.bodySize }) }),
    instanceBase: SECTION_IDS.indexOf(id) * 1000,
  });
}

const yuan = (fen: number | null) => (fen === null ? '未填写' : `${documentYuan(fen)} 元`);
const period = (p: Proposal, which: 'fundraisingPeriod' | 'projectPeriod') => chinesePeriod(p[which]) || '未填写';
const orDash = (s: string) => s || '未填写';
const listingStatus = (id: string) => LISTING_STATUSES.find((s) => s.id === id)?.label ?? id;

function basics(p: Proposal): string[] {
  const executors = p.roles.executors
    .filter((e) => e.name)
    .map((e) => {
      const notes = [e.district, e.creditCode && `统一社会信用代码 ${e.creditCode}`].filter(Boolean);
      return notes.length ? `${e.name}（${notes.join('，')}）` : e.name;
    });
  const lines = [
    `项目编号：${p.id}`,
    `项目领域：${p.focusArea ? focusAreaLabel(p.focusArea) : '未选择'}`,
    `所属区县：${orDash(regionText(p.district))}`,
    `一句话简介：${orDash(p.summary)}`,
    `发起方：${orDash(p.roles.initiator.name)}${p.roles.initiator.creditCode ? `（统一社会信用代码 ${p.roles.initiator.creditCode}）` : ''}`,
    `执行方：${executors.length ? executors.join('、') : '未填写'}`,
    `公募支持方：${orDash(p.roles.fundraiser.name)}${p.roles.fundraiser.creditCode ? `（统一社会信用代码 ${p.roles.fundraiser.creditCode}）` : ''}`,
    `筹款目标：${yuan(p.targetFen)}`,
    `筹款周期：${period(p, 'fundraisingPeriod')}`,
    `项目执行周期：${period(p, 'projectPeriod')}`,
    `受益人：${orDash(fieldText(p, 'beneficiaries'))}`,
    `当前状态：${statusLabel(p.status)}`,
  ];
  if (p.brandSources.length) lines.push(`品牌项目来源：${p.brandSources.map((s) => `${s.title}${s.district ? `（${s.district}）` : ''}`).join('、')}`);
  return lines;
}

function filing(p: Proposal): string[] {
  const f = p.filing;
  return [
    `募捐方案备案编号：${orDash(f.number)}`,
    `募捐地域：${orDash(f.region)}`,
    `活动负责人：${orDash(f.contactName)}`,
    `负责人办公地址：${orDash(f.contactAddress)}`,
    `接受捐赠方式：${orDash(f.donationMethod)}`,
    `剩余财产的处理：${orDash(f.remainderPlan)}`,
  ];
}

function platformLine(p: Proposal, rp: ReviewPlatform): string {
  const c = checklistCounts(rp.findings);
  const check = rp.pack ? `检查：错误 ${c.error} 项，警告 ${c.warning} 项，提示 ${c.info} 项` : '尚无该平台规则包，未检查';
  const listings = p.listings.filter((l) => l.platform === rp.platform);
  const live = listings.length
    ? listings
        .map((l) => [listingStatus(l.status), l.projectNumber && `项目编号 ${l.projectNumber}`, l.liveDate && `${l.liveDate} 上线`, l.url].filter(Boolean).join('，'))
        .join('；')
    : '未登记上线信息';
  const override = rp.overrideReason ? `；有错误，经审核人越过检查导出，理由：${rp.overrideReason}` : '';
  return `${platformLabel(rp.platform)}：${check}${override}；${live}。`;
}

const MAX_FINDINGS_PER_PLATFORM = 30;

/**
 * The internal review copy (内部审核稿) in the official-document layout of GB/T 9704-2012: the whole
 * proposal, the budget table, the platforms and each platform's checklist, for reviewers to print.
 */
export async function reviewDocx(input: ReviewDocxInput): Promise<Uint8Array> {
  const { proposal: p, platforms } = input;
  const children: FileChild[] = [
    new Paragraph({ children: [run('内部审核稿', FONTS.heiti)] }),
    new Paragraph({ children: [] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(p.title || '未命名项目', FONTS.xiaobiaosong, { size: GBT9704.titleSize })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(`（导出时间：${beijingDateTime(input.exportedAt)}）`, FONTS.kaiti)],
    }),
  ];
  if (input.frozen) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [run(`（依据审核通过并冻结的第 ${input.frozen.n} 版，内容校验值 SHA-256：${input.frozen.hash}）`, FONTS.kaiti, { size: GBT9704.tableSmallSize })],
      }),
    );
  }
  children.push(new Paragraph({ children: [] }));
  let n = 0;
  children.push(heading1(++n, '项目概况'), ...basics(p).map(body));
  children.push(heading1(++n, '募捐方案备案信息'), ...filing(p).map(body));
  for (const id of SECTION_IDS) {
    children.push(heading1(++n, sectionLabel(id)), ...sectionBody(p, id));
    if (id === 'plan' && p.milestones.length) {
      children.push(heading2(1, '执行计划节点'), ...bodyLines(fieldText(p, 'milestones', { date: 'YYYY年M月D日' })));
    }
  }
  children.push(heading1(++n, '项目预算'));
  children.push(budgetTable(p, { face: FONTS.fangsong, headerFace: FONTS.heiti, size: GBT9704.tableSize, smallSize: GBT9704.tableSmallSize, width: TYPE_AREA_WIDTH, line: 400 }));
  children.push(...budgetNotes(p).map(body));

  children.push(heading1(++n, '图片及肖像授权'));
  if (p.images.length === 0) children.push(body('项目中没有图片。'));
  p.images.forEach((img, i) =>
    children.push(body(`${i + 1}. ${img.fileName || '未命名图片'}${img.isCover ? '（封面）' : ''}：${img.caption || '未填写说明'}；来源：${img.source || '未填写'}；${describeConsent(img)}。`)),
  );

  children.push(heading1(++n, '上线平台'));
  if (platforms.length === 0) children.push(body('尚未选择上线平台。'));
  for (const rp of platforms) children.push(body(platformLine(p, rp)));
  const overridden = platforms.filter((rp) => rp.overrideReason);
  if (overridden.length) {
    children.push(heading2(1, '越过检查导出的平台'));
    overridden.forEach((rp, i) => {
      const c = checklistCounts(rp.findings);
      children.push(body(`${i + 1}. ${platformLabel(rp.platform)}：检查有 ${c.error} 项错误，审核人决定仍然导出。理由：${rp.overrideReason}`));
    });
  }

  children.push(heading1(++n, '各平台检查摘要'));
  const checked = platforms.filter((rp) => rp.pack);
  if (checked.length === 0) children.push(body('没有可检查的平台。'));
  checked.forEach((rp, i) => {
    const c = checklistCounts(rp.findings);
    children.push(heading2(i + 1, `${platformLabel(rp.platform)}（规则包 ${rp.pack!.version}）`));
    children.push(body(c.error + c.warning + c.info === 0 ? '未发现问题。' : `错误 ${c.error} 项，警告 ${c.warning} 项，提示 ${c.info} 项。`));
    const shown = sortFindings(rp.findings).slice(0, MAX_FINDINGS_PER_PLATFORM);
    shown.forEach((f, j) => children.push(body(`${j + 1}. ${findingLine(f)}`)));
    if (rp.findings.length > shown.length) children.push(body(`另有 ${rp.findings.length - shown.length} 项，见该平台提交材料中的检查结果。`));
  });

  children.push(heading1(n + 1, '审核意见'));
  children.push(body(''), body(''), body('审核人：　　　　　　日期：　　年　　月　　日'));

  return officialDocx({ title: `${p.title}（内部审核稿）`, numbering: listNumbering(GBT9704.bodySize * 10), children });
}
