import { AlignmentType, ImageRun, LineRuleType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType, type FileChild } from 'docx';
import { reportCharts } from '../../shared/stats/charts';
import type { StatsReport } from '../../shared/stats/report';
import { beijingDateTime } from '../export/beijingTime';
import { budgetColumnWidths, CELL_PADDING } from '../export/budgetTable';
import { FONTS, runFonts } from '../export/docxFonts';
import { documentYuan } from '../export/money';
import { body, GBT9704, heading1, heading2, officialDocx, run, TYPE_AREA_WIDTH } from '../export/officialDoc';
import { CHART_HEIGHT, CHART_WIDTH, chartPng } from './chartImages';
import { NO_DATA, reportTables, type Cell, type StatsTable } from './tables';

const cellText = (v: Cell, kind: string) => (v === null ? NO_DATA : kind === 'yuan' ? documentYuan(v as number) : String(v));

/** A table in 五号, sized like the review copy's budget table (figures never wrap). */
function docxTable(t: StatsTable, skipIdle: boolean): Table {
  const rows = t.rows.filter((_, i) => !(skipIdle && t.idleRows[i]));
  const texts = rows.map((r) => r.map((v, j) => cellText(v, t.columns[j]!.kind)));
  const size = GBT9704.tableSmallSize;
  const columns = t.columns.map((c, j) => ({ header: c.header, cells: texts.map((r) => r[j]!), fixed: c.kind !== 'text' }));
  const { widths } = budgetColumnWidths(columns, size, TYPE_AREA_WIDTH);
  const cell = (text: string, j: number, opts: { header?: boolean; bold?: boolean }) =>
    new TableCell({
      width: { size: widths[j]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [
        new Paragraph({
          alignment: opts.header ? AlignmentType.CENTER : ['text', 'date'].includes(t.columns[j]!.kind) ? AlignmentType.LEFT : AlignmentType.RIGHT,
          spacing: { line: 320, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          indent: { firstLine: 0, left: 0, right: 0 },
          children: [new TextRun({ text, size, bold: opts.bold, font: runFonts(opts.header ? FONTS.heiti : FONTS.fangsong) })],
        }),
      ],
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: 0, bottom: 0, marginUnitType: WidthType.DXA },
    rows: [
      new TableRow({ tableHeader: true, children: t.columns.map((c, j) => cell(c.header, j, { header: true })) }),
      ...texts.map((r, i) => new TableRow({ cantSplit: true, children: r.map((x, j) => cell(x, j, { bold: t.totalRow && i === texts.length - 1 })) })),
    ],
  });
}

/** A printed report stays readable: a long platform × district × area breakdown is left to the workbook. */
const MAX_DETAIL_ROWS = 40;
function moneyDetail(r: StatsReport, t: StatsTable): FileChild {
  if (r.money.length === 0) return body('本期没有在线项目。');
  if (r.money.length > MAX_DETAIL_ROWS) return body(`明细共 ${r.money.length} 行，见 Excel 报表“平台区县领域筹款”工作表。`);
  return docxTable(t, false);
}

/** A chart picture across the type area; its paragraph leaves the line grid so the picture is not clipped. */
function chartParagraph(png: Uint8Array): Paragraph {
  const width = Math.round((TYPE_AREA_WIDTH / 1440) * 96);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 120 },
    children: [new ImageRun({ type: 'png', data: png, transformation: { width, height: Math.round((width * CHART_HEIGHT) / CHART_WIDTH) } })],
  });
}

/**
 * The report as a DOCX in the review copy's 公文 layout: title, the generated summary, the figures in
 * words and tables, the charts as pictures. Every figure is printed from the report JSON.
 */
export async function reportDocx(r: StatsReport, exportedAt: Date = new Date()): Promise<Uint8Array> {
  const tables = reportTables(r);
  const table = (sheet: string) => tables.find((t) => t.sheet === sheet)!;
  const charts = reportCharts(r);
  const pngs = await Promise.all(charts.map((c) => chartPng(c)));
  const t = r.totals;
  const children: FileChild[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run('网络募捐项目统计报告', FONTS.xiaobiaosong, { size: GBT9704.titleSize })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`（${r.period.label}·${r.scopeLabel}）`, FONTS.kaiti)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`生成时间：${beijingDateTime(exportedAt)}`, FONTS.kaiti, { size: GBT9704.smallSize })] }),
    new Paragraph({ children: [] }),
    body(r.summary),
  ];
  let n = 0;
  children.push(heading1(++n, '总体情况'));
  children.push(
    body(`统计期间：${r.period.label}（${r.period.start} 至 ${r.period.end}，北京时间）。统计范围：${r.scopeLabel}。`),
    body(`新建项目 ${t.created} 个；在线项目 ${t.live} 个，其中本期结束 ${t.ended} 个。`),
    body(`按当前状态：${r.statuses.map((s) => `${s.label} ${t.statuses[s.id] ?? 0} 个`).join('，')}。`),
    body(`目标金额合计 ${documentYuan(t.targetFen)} 元；已筹金额 ${t.raisedFen === null ? NO_DATA : `${documentYuan(t.raisedFen)} 元`}；捐赠 ${t.donations === null ? NO_DATA : `${t.donations} 笔`}。`),
    docxTable(table('概况'), false),
    chartParagraph(pngs[2]!),
  );
  children.push(heading1(++n, '项目情况'));
  children.push(heading2(1, r.district === null ? '按区县' : '本区县'), chartParagraph(pngs[0]!), docxTable(table('区县项目数'), true));
  children.push(body('（本期无任何项目的区县未列出，完整数据见 Excel 报表。）'));
  children.push(heading2(2, '按项目领域'), docxTable(table('领域项目数'), true));
  children.push(heading2(3, '按平台'), docxTable(table('平台项目数'), true));
  children.push(heading1(++n, '筹款情况'));
  children.push(body('已筹金额为各平台登记的累计金额；一个项目在多个平台上线时，在各平台分别计入目标金额。'));
  children.push(chartParagraph(pngs[1]!));
  children.push(heading2(1, '按区县'), docxTable(table('区县筹款'), true));
  children.push(heading2(2, '按项目领域'), docxTable(table('领域筹款'), true));
  children.push(heading2(3, '按平台'), docxTable(table('平台筹款'), true));
  children.push(heading2(4, '按平台、区县、领域'), moneyDetail(r, table('平台区县领域筹款')));
  children.push(heading1(++n, '同质化与品牌项目'));
  const h = r.homogeneity;
  children.push(
    body(
      h.checked
        ? `最近一次同质化检查（${h.checkedAt}）发现相似项目组 ${h.clusters} 个，涉及项目 ${h.clusteredProposals} 个。`
        : '尚未进行同质化检查。',
    ),
    body(`本期形成品牌项目 ${h.brandProjects} 个，并入来源项目 ${h.brandSources} 个。`),
  );
  if (h.clusterDistricts.length || h.brandDistricts.length) children.push(docxTable(table('同质化与品牌项目'), false));
  children.push(heading1(++n, '信息披露'));
  children.push(body(r.disclosure.available ? `已登记披露记录 ${r.disclosure.records} 条，涉及项目 ${r.disclosure.proposalsWithRecords} 个。` : r.disclosure.note));
  children.push(heading1(n + 1, '培训'), body(r.training.note));
  return officialDocx({ title: `网络募捐项目统计报告（${r.period.label}）`, children });
}
