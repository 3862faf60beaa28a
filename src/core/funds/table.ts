import ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors';

/** A donations export read into rows of text: the header row, then one row per donation. */
export interface Table {
  headers: string[];
  /** Cells as text; row i is the file's line/row `rowNumbers[i]`. */
  rows: string[][];
  rowNumbers: number[];
  /** How the file was read: its text encoding, or xlsx. */
  encoding: 'utf-8' | 'gbk' | 'xlsx';
}

/**
 * The export's text. Platform backends on Windows often export GBK; a file that is not valid UTF-8
 * is read as GBK (which GB18030 decoders accept), so the Chinese headers come out right either way.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF); a tab-separated file is read as well. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i <= n) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new AppError('INVALID_INPUT', `第 ${rows.length + 1} 行：引号没有闭合，文件可能不完整`);
        cell += text.slice(i, q);
        if (text[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    }
    // The rest of an unquoted cell (or what follows a closing quote) up to the separator or line end.
    let j = i;
    while (j < n && text[j] !== sep && text[j] !== '\n' && text[j] !== '\r') j += 1;
    cell += text.slice(i, j);
    row.push(cell);
    if (j >= n) {
      rows.push(row);
      break;
    }
    if (text[j] === sep) {
      i = j + 1;
      continue;
    }
    rows.push(row);
    row = [];
    i = text[j] === '\r' && text[j + 1] === '\n' ? j + 2 : j + 1;
    if (i >= n) break;
  }
  return rows;
}

const isBlank = (r: readonly string[]) => r.every((c) => c.trim() === '');

function toTable(all: string[][], encoding: Table['encoding']): Table {
  let first = 0;
  while (first < all.length && isBlank(all[first]!)) first += 1;
  if (first >= all.length) throw new AppError('INVALID_INPUT', '文件是空的：没有表头，也没有捐赠记录');
  const headers = all[first]!.map((h) => h.trim());
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let r = first + 1; r < all.length; r += 1) {
    if (isBlank(all[r]!)) continue;
    rows.push(all[r]!);
    rowNumbers.push(r + 1);
  }
  return { headers, rows, rowNumbers, encoding };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  // Excel keeps no time zone: exceljs gives the time as shown, in UTC fields.
  if (v instanceof Date) return v.toISOString().slice(0, 19).replace('T', ' ').replace(/ 00:00:00$/, '');
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
  }
  return String(v);
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('INVALID_INPUT', '无法读取这个 Excel 文件：文件损坏，或不是 .xlsx 格式（旧的 .xls 请在 Excel 中另存为 .xlsx）');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new AppError('INVALID_INPUT', 'Excel 文件中没有工作表');
  const out: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    out[n - 1] = values.slice(1).map(cellText);
  });
  for (let i = 0; i < out.length; i += 1) out[i] ??= [];
  return out;
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;

/** Read a CSV or XLSX export (decided by its bytes, not its name). */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (isZip(bytes)) return toTable(await readXlsx(bytes), 'xlsx');
  const { text, encoding } = decodeText(bytes);
  return toTable(parseCsv(text), encoding);
}
