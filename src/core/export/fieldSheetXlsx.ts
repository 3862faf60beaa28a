import ExcelJS from 'exceljs';
import { tableSheet } from '../util/xlsxSheet';
import { describeLength, describeLimitSources, describeStatus, type FieldSheetRow } from './fieldSheet';
import { describeConsent, type PackImages } from './images';

/** Excel holds at most this many characters in a cell. */
export const XLSX_CELL_CHARS = 32_767;
const TOO_LONG = '……（内容超过 Excel 单元格上限，完整内容见同目录的字段表 .txt 文件）';

/** The text as it goes into a cell: whole, or clearly cut with a pointer to the plain-text sheet. */
export function cellText(text: string): string {
  return text.length <= XLSX_CELL_CHARS ? text : text.slice(0, XLSX_CELL_CHARS - TOO_LONG.length) + TOO_LONG;
}

/** Points per line of 11-point text, Chinese included (Excel's and LibreOffice's default row). */
const LINE_PT = 15;
/** Excel's highest row. */
const MAX_ROW_PT = 409;

/** How many lines `text` takes in a wrapped column `width` characters wide (a Chinese character is two). */
export function wrappedLines(text: string, width: number): number {
  return String(text)
    .split('\n')
    .reduce((sum, line) => {
      let units = 0;
      for (const ch of line) units += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
      // A little under the nominal width: Excel wraps at word and character boundaries, not exactly.
      return sum + Math.max(1, Math.ceil(units / Math.max(1, width - 1)));
    }, 0);
}

/**
 * Wrap every cell, set each row tall enough for its longest cell (neither Excel nor LibreOffice
 * grows a row on opening a file), and print on A4 landscape, all columns on one page width,
 * the header row repeated.
 */
export function readable(ws: ExcelJS.Worksheet, headerRow: number): void {
  ws.eachRow((row, n) => {
    if (n < headerRow) return;
    row.alignment = { vertical: 'top', wrapText: true };
    let lines = 1;
    row.eachCell((cell, col) => {
      lines = Math.max(lines, wrappedLines(cell.value === null || cell.value === undefined ? '' : String(cell.value), ws.getColumn(col).width ?? 10));
    });
    row.height = Math.min(MAX_ROW_PT, lines * LINE_PT + 4);
  });
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
}

/** The field sheet as a workbook: one row per field in the platform's order, and the pictures. */
export async function fieldSheetXlsx(title: string, rows: readonly FieldSheetRow[], images: PackImages): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '善策 ShanCe';
  const ws = wb.addWorksheet('字段表', { views: [{ state: 'frozen', ySplit: 2 }] });
  // Narrow enough that A4 landscape prints them at a readable scale.
  ws.columns = [
    { key: 'n', width: 5 },
    { key: 'label', width: 14 },
    { key: 'required', width: 5 },
    { key: 'text', width: 60 },
    { key: 'length', width: 6 },
    { key: 'limit', width: 6 },
    { key: 'mode', width: 20 },
    { key: 'status', width: 10 },
    { key: 'help', width: 22 },
    { key: 'source', width: 28 },
  ];
  ws.mergeCells('A1:J1');
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { bold: true, size: 13 };
  const header = ws.getRow(2);
  header.values = ['序号', '字段', '必填', '要粘贴的内容', '字数', '上限', '计数方式', '状态', '填写说明', '字数限制依据'];
  header.font = { bold: true };
  rows.forEach((row, i) => {
    const max = row.checks.find((c) => c.kind === 'max');
    const r = ws.addRow({
      n: i + 1,
      label: row.label,
      required: row.required ? '是' : '',
      text: cellText(row.text),
      length: row.length,
      limit: max?.limit ?? '',
      mode: describeLength(row),
      status: describeStatus(row),
      help: row.help,
      source: describeLimitSources(row),
    });
    if (row.status !== 'ok') r.getCell('status').font = { color: { argb: 'FFC00000' }, bold: true };
  });
  readable(ws, 2);

  const pics = tableSheet(wb, '图片', [
    ['文件', 'path', 26], ['规格', 'spec', 12], ['尺寸', 'size', 12], ['原图', 'original', 26],
    ['图片说明', 'caption', 40], ['来源', 'source', 24], ['肖像授权', 'consent', 36], ['注意', 'warnings', 40],
  ]);
  for (const img of images.images) {
    pics.addRow({
      path: img.path,
      spec: img.spec.label,
      size: `${img.width}×${img.height}`,
      original: img.ref.fileName,
      caption: img.ref.caption,
      source: img.ref.source,
      consent: describeConsent(img.ref),
      warnings: img.warnings.join('；'),
    });
  }
  readable(pics, 1);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
