import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type FileChild,
} from 'docx';
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
import { budgetNotes, chineseNumber } from './docxParts';
import { allFonts, CHINESE_LANGUAGE, FONTS, runFonts, withFontTable, type FontFace } from './docxFonts';
import { describeConsent } from './images';

/**
 * The layout of GB/T 9704-2012 (党政机关公文格式), in twips (1 mm = 56.7 twips):
 * A4; 天头 37 mm, 订口 28 mm; 版心 156 mm × 225 mm, so the right margin is 26 mm and the bottom 35 mm;
 * 22 lines of 28 characters in 三号 (16 pt). 225 mm / 22 lines = 29 pt a line (579 twips, exact line
 * spacing plus a line grid). 156 mm = 442.2 pt holds only 27 characters of 16 pt, so characters are
 * set 0.25 pt tighter (15.75 pt × 28 = 441 pt). Word's own 公文 templates use a character grid
 * (docGrid linesAndChars, charSpace -849) instead, but LibreOffice lays that grid out in its
 * "square page" mode, about 17 characters a line; condensed spacing gives 28 in both.
 */
export const GBT9704 = {
  pageWidth: 11906,
  pageHeight: 16838,
  marginTop: 2098,
  marginBottom: 1984,
  marginLeft: 1587,
  marginRight: 1474,
  /** The page number's line sits 7 mm below the type area: about 22 mm above the paper's edge. */
  footer: 1247,
  linePitch: 579,
  /** Twentieths of a point. */
  characterSpacing: -5,
  /** 三号 and 二号 in half-points; 四号 for page numbers. */
  bodySize: 32,
  titleSize: 44,
  smallSize: 28,
  /** 小四 in tables; 五号 when the figures are so long that the text columns would get too narrow. */
  tableSize: 24,
  tableSmallSize: 21,
} as const;
export const TYPE_AREA_WIDTH = GBT9704.pageWidth - GBT9704.marginLeft - GBT9704.marginRight;

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
}

export const run = (text: string, face: FontFace = FONTS.fangsong, extra: { bold?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: runFonts(face), size: extra.size ?? GBT9704.bodySize, bold: extra.bold });

/**
 * Body text: 仿宋_GB2312 三号, first line indented two characters, justified.
 *
 * Why every mark survives: LibreOffice hangs a full-width mark that falls just past the 28th character into the margin
 * ("hanging punctuation", on by default) and, in a justified line, then does not draw it: 8 marks
 * of a 6,000-character proposal vanished. Its DOCX import reads w:overflowPunct inverted (on turns
 * hanging off; see writerfilter DomainMapper, LN_CT_PPrBase_overflowPunct), so the document
 * default (withFontTable below) declares it on: Word keeps its own default (overflowPunct on is Word's default too) and
 * LibreOffice moves the mark, with the character before it, to the next line (kinsoku) instead.
 */
const BODY = { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 640 } } as const;
export const body = (text: string) => new Paragraph({ ...BODY, children: [run(text)] });
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

/** 一、 headings in 黑体, （一） headings in 楷体, both 三号 and indented like body text. */
export const heading1 = (n: number, text: string) =>
  new Paragraph({ indent: { firstLine: 640 }, keepNext: true, outlineLevel: 0, children: [run(`${chineseNumber(n)}、${text}`, FONTS.heiti)] });
export const heading2 = (n: number, text: string) =>
  new Paragraph({ indent: { firstLine: 640 }, keepNext: true, outlineLevel: 1, children: [run(`（${chineseNumber(n)}）${text}`, FONTS.kaiti)] });

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
    new Paragraph({ children: [] }),
  ];
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

  return gongwenDocx(`${p.title}（内部审核稿）`, children);
}

const pageNumber = (alignment: 'left' | 'right') =>
  new Footer({
    children: [
      new Paragraph({
        alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        // 单页码居右空一字，双页码居左空一字 (one 四号 character: 280 twips).
        indent: alignment === 'right' ? { right: 280 } : { left: 280 },
        spacing: { line: 360, lineRule: LineRuleType.EXACT },
        // 4号半角宋体阿拉伯数字 (GB/T 9704 §7.5): the digits too in 宋体, not the Latin face.
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: allFonts(FONTS.songti), size: GBT9704.smallSize })],
      }),
    ],
  });

/** A document in the 公文 layout (GB/T 9704): A4, the type area, 仿宋 三号 on a 22-line grid, page numbers. */
export async function gongwenDocx(title: string, children: FileChild[]): Promise<Uint8Array> {
  const doc = new Document({
    title,
    creator: '善策 ShanCe',
    evenAndOddHeaderAndFooters: true,
    numbering: listNumbering(GBT9704.bodySize * 10),
    styles: {
      default: {
        document: {
          run: { font: runFonts(FONTS.fangsong), size: GBT9704.bodySize, characterSpacing: GBT9704.characterSpacing, language: CHINESE_LANGUAGE },
          paragraph: { spacing: { line: GBT9704.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: GBT9704.pageWidth, height: GBT9704.pageHeight },
            margin: {
              top: GBT9704.marginTop,
              bottom: GBT9704.marginBottom,
              left: GBT9704.marginLeft,
              right: GBT9704.marginRight,
              footer: GBT9704.footer,
              header: 851,
            },
          },
          grid: { type: DocumentGridType.LINES, linePitch: GBT9704.linePitch },
        },
        footers: { default: pageNumber('right'), even: pageNumber('left') },
        children,
      },
    ],
  });
  // See BODY: LibreOffice then keeps every mark at a line end on the grid.
  return withFontTable(await Packer.toBuffer(doc), [FONTS.fangsong, FONTS.heiti, FONTS.kaiti, FONTS.xiaobiaosong, FONTS.songti, FONTS.times], '<w:overflowPunct/>');
}
