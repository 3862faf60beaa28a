import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { dedupePartLabel, scorePercent, type DedupeReport, type KindredPair, type ReportCluster, type ReportPair } from '../../shared/api/methods/dedupe';
import { focusAreaLabel, statusLabel } from '../../shared/domain/catalog';
import { tableSheet } from '../util/xlsxSheet';

/** 同类项目, for readers of an exported report: a second signal, never mixed with the text score. */
export const KINDRED_NOTE =
  '同类项目：文字并不雷同、但做同一类事的项目（不同区县各自撰写）。按中文分词后的关键词（TF-IDF）、受益人群体、预算项目、领域和地域综合计算同类分，' +
  '与上面的文字相似度分开列出，供判断是否重复申报或可整合为联合实施的品牌项目。';

const KINDRED_WHY_COLUMNS = [
  ['共同关键词', 'terms'],
  ['受益人', 'groups'],
  ['预算项目', 'budget'],
  ['地域', 'region'],
  ['领域', 'focus'],
] as const;

function kindredWhyCells(k: KindredPair): Record<(typeof KINDRED_WHY_COLUMNS)[number][1], string> {
  return {
    terms: list(k.why.terms),
    groups: list(k.why.beneficiaryGroups),
    budget: list(k.why.budgetItems),
    region: k.why.region ?? '—',
    focus: k.why.focusArea ? area(k.why.focusArea) : '—',
  };
}

/** What the score means, for readers of an exported report. */
export const SCORE_NOTE =
  '相似度：两个项目去除标点、空格、区县名称、模板套话和多数项目共有的通用段落后，按连续 5 个字的片段比较得到的加权重合比例（0% 表示没有相同片段，100% 表示内容相同）；' +
  '项目背景与需求、受益人和执行计划权重较高，“关于我们”等机构介绍权重较低。保留一半原文、改写另一半的项目约为 33%。';

const score = scorePercent;
const area = (id: string | null): string => (id ? focusAreaLabel(id) : '未选领域');
const list = (items: readonly string[]): string => (items.length === 0 ? '—' : items.join('、'));

function titleOf(cluster: ReportCluster, id: string): string {
  return cluster.members.find((m) => m.id === id)?.title || '（未命名）';
}

function districtOf(cluster: ReportCluster, id: string): string {
  return cluster.members.find((m) => m.id === id)?.district || '—';
}

function passageText(pair: ReportPair): string {
  return pair.passages.map((p) => `【${dedupePartLabel(p.a.part)}】${p.text}`).join('\n');
}

function stamp(iso: string): string {
  return iso.slice(0, 10).replaceAll('-', '');
}

export function reportFileName(report: DedupeReport, format: 'xlsx' | 'docx'): string {
  return `同质化检查报告-${stamp(report.generatedAt)}.${format}`;
}

/** The report as a workbook: clusters, their members, the pairs, and what the figures mean. */
export async function reportToXlsx(report: DedupeReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '善策 ShanCe';
  wb.created = new Date(report.generatedAt);

  // The three sheets a reader sorts and filters; the cells keep exact scores (shown as percents).
  const sortable = { frozen: true };
  const clusters = tableSheet(wb, '相似项目组', [
    ['组号', 'n', 6], ['最高相似度', 'max', 11], ['项目数', 'size', 8], ['区县', 'districts', 28], ['领域', 'areas', 18],
    ['相同受益群体', 'groups', 24], ['相同地域', 'regions', 24], ['相同预算项目', 'budget', 30], ['组编号', 'id', 18],
  ], sortable);
  const members = tableSheet(wb, '项目', [
    ['组号', 'n', 6], ['项目编号', 'id', 38], ['项目名称', 'title', 40], ['区县', 'district', 14], ['领域', 'area', 14],
    ['状态', 'status', 10], ['品牌项目', 'brand', 10],
  ], sortable);
  const pairs = tableSheet(wb, '项目对', [
    ['组号', 'n', 6], ['项目甲', 'aTitle', 32], ['甲区县', 'aDistrict', 12], ['项目乙', 'bTitle', 32], ['乙区县', 'bDistrict', 12],
    ['相似度', 'score', 9], ['判定', 'verdict', 14], ['相同字数', 'chars', 9], ['相同受益群体', 'groups', 20], ['相同地域', 'regions', 20],
    ['相同预算项目', 'budget', 24], ['相同段落（节选）', 'passages', 60], ['甲编号', 'a', 38], ['乙编号', 'b', 38],
  ], sortable);
  report.clusters.forEach((c, i) => {
    const n = i + 1;
    clusters.addRow({
      n,
      max: c.maxScore,
      size: c.members.length,
      districts: list(c.districts),
      areas: list(c.focusAreas.map(area)),
      groups: list(c.shared.beneficiaryGroups),
      regions: list(c.shared.regions),
      budget: list(c.shared.budgetItems),
      id: c.id,
    });
    for (const m of c.members) {
      members.addRow({ n, id: m.id, title: m.title, district: m.district, area: area(m.focusArea), status: statusLabel(m.status), brand: m.isBrand ? '是' : '' });
    }
    for (const p of c.pairs) {
      pairs.addRow({
        n,
        aTitle: titleOf(c, p.a),
        aDistrict: districtOf(c, p.a),
        bTitle: titleOf(c, p.b),
        bDistrict: districtOf(c, p.b),
        score: p.score,
        verdict: p.judgedDistinct ? '不是同一项目' : p.similar ? '相似' : '低于阈值',
        chars: p.sharedChars,
        groups: list(p.shared.beneficiaryGroups),
        regions: list(p.shared.regions),
        budget: list(p.shared.budgetItems),
        passages: passageText(p),
        a: p.a,
        b: p.b,
      });
    }
  });
  // Shown as a whole percent like every other place; the cell keeps the exact score for sorting.
  clusters.getColumn('max').numFmt = '0%';
  pairs.getColumn('score').numFmt = '0%';
  pairs.getColumn('passages').alignment = { wrapText: true, vertical: 'top' };

  const kindred = tableSheet(wb, '同类项目', [
    ['项目甲', 'aTitle', 32], ['甲区县', 'aDistrict', 12], ['项目乙', 'bTitle', 32], ['乙区县', 'bDistrict', 12], ['同类分', 'score', 9],
    ...KINDRED_WHY_COLUMNS.map(([header, key]) => [header, key, 24] as const),
    ['文字也雷同', 'alsoText', 10], ['甲编号', 'a', 38], ['乙编号', 'b', 38],
  ]);
  for (const k of report.kindred) {
    kindred.addRow({ ...k, ...kindredWhyCells(k), alsoText: k.alsoText ? '是' : '' });
  }
  kindred.getColumn('score').numFmt = '0%';

  const about = tableSheet(wb, '说明', [['项目', 'k', 20], ['内容', 'v', 100]]);
  about.addRows([
    { k: '生成时间', v: report.generatedAt },
    { k: '相似度阈值', v: score(report.threshold) },
    { k: '参与比对的项目', v: report.compared },
    { k: '正文过短未比对', v: report.tooShort },
    { k: '相似项目组', v: report.clusters.length },
    { k: '已判定不是同一项目', v: report.dismissed.length },
    { k: '同类项目', v: report.kindred.length },
    { k: '相似度说明', v: SCORE_NOTE },
    { k: '同类项目说明', v: KINDRED_NOTE },
  ]);
  about.getColumn('v').alignment = { wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const FONT = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const HEADING_FONT = { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const LANGUAGE = { value: 'en-US', eastAsia: 'zh-CN' } as const;

function run(text: string, opts: { bold?: boolean; heading?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text, bold: opts.bold, font: opts.heading ? HEADING_FONT : FONT, size: opts.size ?? 24, language: LANGUAGE });
}

function para(text: string, opts: { bold?: boolean } = {}): Paragraph {
  return new Paragraph({ children: [run(text, opts)], spacing: { after: 80 } });
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: text.split('\n').map((line) => new Paragraph({ children: [run(line, { bold, size: 21 })] })) });
}

function table(header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((t) => cell(t)) }))],
  });
}

function clusterSection(c: ReportCluster, n: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      children: [run(`第 ${n} 组：${c.members.length} 个项目，最高相似度 ${score(c.maxScore)}`, { heading: true, size: 30 })],
      spacing: { before: 240, after: 120 },
    }),
    table(
      ['项目名称', '区县', '领域', '状态'],
      c.members.map((m) => [m.title || '（未命名）', m.district || '—', area(m.focusArea), statusLabel(m.status) + (m.isBrand ? '（品牌项目）' : '')]),
    ),
    para(`相同受益群体：${list(c.shared.beneficiaryGroups)}；相同地域：${list(c.shared.regions)}；相同预算项目：${list(c.shared.budgetItems)}`),
    table(
      ['项目甲', '项目乙', '相似度', '判定'],
      c.pairs.map((p) => [titleOf(c, p.a), titleOf(c, p.b), score(p.score), p.judgedDistinct ? '不是同一项目' : p.similar ? '相似' : '低于阈值']),
    ),
  ];
  const top = c.pairs.find((p) => p.similar && p.passages.length > 0);
  if (top) {
    out.push(para(`「${titleOf(c, top.a)}」与「${titleOf(c, top.b)}」的相同段落（节选）：`, { bold: true }));
    for (const p of top.passages) out.push(para(`【${dedupePartLabel(p.a.part)}】${p.text}`));
  }
  return out;
}

/** The report as a Word document for review meetings. */
export async function reportToDocx(report: DedupeReport): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run('同质化检查报告', { heading: true, size: 36 })], spacing: { after: 240 } }),
    para(`生成时间：${new Date(report.generatedAt).toLocaleString('zh-CN', { hour12: false })}`),
    para(`相似度阈值：${score(report.threshold)}；参与比对：${report.compared} 个项目；相似项目组：${report.clusters.length} 组；正文过短未比对：${report.tooShort} 个`),
    para(SCORE_NOTE),
  ];
  report.clusters.forEach((c, i) => children.push(...clusterSection(c, i + 1)));
  if (report.dismissed.length > 0) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run('已判定不是同一项目的项目对', { heading: true, size: 30 })], spacing: { before: 240, after: 120 } }),
      table(
        ['项目甲', '项目乙', '相似度', '判定时间'],
        report.dismissed.map((d) => [d.aTitle, d.bTitle, score(d.score), d.decidedAt.slice(0, 10)]),
      ),
    );
  }
  if (report.clusters.length === 0) children.push(para('未发现相似度达到阈值的项目。'));
  if (report.kindred.length > 0) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run('同类项目（文字不同、做同一类事）', { heading: true, size: 30 })], spacing: { before: 240, after: 120 } }),
      para(KINDRED_NOTE),
      table(
        ['项目甲', '项目乙', '同类分', '原因'],
        report.kindred.map((k) => {
          const why = kindredWhyCells(k);
          const reasons = KINDRED_WHY_COLUMNS.map(([label, key]) => `${label}：${why[key]}`).join('\n');
          return [`${k.aTitle}（${k.aDistrict || '—'}）`, `${k.bTitle}（${k.bDistrict || '—'}）`, score(k.score), reasons + (k.alsoText ? '\n文字也雷同' : '')];
        }),
      ),
    );
  }
  const doc = new Document({
    creator: '善策 ShanCe',
    title: '同质化检查报告',
    sections: [{ properties: { page: { size: { orientation: PageOrientation.PORTRAIT } } }, children }],
  });
  return Packer.toBuffer(doc);
}
