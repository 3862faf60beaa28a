import ExcelJS from 'exceljs';
import type { StatsReport } from '../../shared/stats/report';
import { readable } from '../export/fieldSheetXlsx';
import { NO_DATA, reportTables, type StatsTable } from './tables';

const YUAN_FORMAT = '#,##0.00';

function addTable(wb: ExcelJS.Workbook, t: StatsTable): void {
  // Row 1 names the table, row 2 is the header: frozen, and repeated on every printed page.
  const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }] });
  ws.columns = t.columns.map((c) => ({ width: c.kind === 'text' ? 18 : c.kind === 'date' ? 24 : c.kind === 'yuan' ? 16 : Math.max(8, c.header.length * 2 + 2) }));
  ws.getCell(1, 1).value = t.title;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  const header = ws.getRow(2);
  header.values = t.columns.map((c) => c.header);
  header.font = { bold: true };
  t.rows.forEach((cells, i) => {
    const row = ws.getRow(i + 3);
    cells.forEach((v, j) => {
      const cell = row.getCell(j + 1);
      const kind = t.columns[j]!.kind;
      // Numbers stay numbers (yuan with two decimals) so the federation can sum and chart them in Excel.
      if (v === null) cell.value = NO_DATA;
      else if (kind === 'yuan') {
        cell.value = (v as number) / 100;
        cell.numFmt = YUAN_FORMAT;
      } else cell.value = v;
    });
    if (t.totalRow && i === t.rows.length - 1) row.font = { bold: true };
  });
  readable(ws, 2);
}

/** The report as a workbook: a 说明 sheet with the summary, then one sheet per table. */
export async function reportXlsx(r: StatsReport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '善策 ShanCe';
  const about = wb.addWorksheet('说明');
  about.columns = [{ width: 16 }, { width: 90 }];
  const lines: [string, string][] = [
    ['统计期间', `${r.period.label}（${r.period.start} 至 ${r.period.end}，北京时间）`],
    ['统计范围', r.scopeLabel],
    ['数据来源', r.source === 'library' ? '本机项目库' : '联合会服务器'],
    ['摘要', r.summary],
    ['同质化检查', r.homogeneity.checked ? `最近一次检查：${r.homogeneity.checkedAt}` : '尚未进行同质化检查'],
    ['信息披露', r.disclosure.available ? `披露记录 ${r.disclosure.records} 条，涉及项目 ${r.disclosure.proposalsWithRecords} 个` : r.disclosure.note],
    ['培训', r.training.note],
    ['口径', '在线：本期内任一天在平台上线（上线日期不晚于期末，且募捐期未在期初前结束）；已筹金额为各平台登记的累计金额，未登记的记为“暂无数据”。'],
  ];
  lines.forEach(([k, v]) => about.addRow([k, v]));
  about.getColumn(1).font = { bold: true };
  about.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  for (const t of reportTables(r)) addTable(wb, t);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
