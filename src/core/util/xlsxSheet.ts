import type ExcelJS from 'exceljs';

/** A column of a table sheet: its header, the key a row's value goes under, its width in characters. */
export type SheetColumn = readonly [header: string, key: string, width: number];

/**
 * A worksheet holding one table whose first row is the bold header. `frozen`: that row stays in
 * view when scrolling and carries the filter buttons, for sheets a reader sorts and filters.
 */
export function tableSheet(wb: ExcelJS.Workbook, name: string, columns: readonly SheetColumn[], opts: { frozen?: boolean } = {}): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.columns = columns.map(([header, key, width]) => ({ header, key, width }));
  ws.getRow(1).font = { bold: true };
  if (opts.frozen) {
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }
  return ws;
}
