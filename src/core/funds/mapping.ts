import { z } from 'zod';
import { AppError } from '../../shared/errors';

/** What a donations export must (or may) tell us, with the column names platforms are seen to use. */
export const DONATION_FIELDS = [
  { id: 'recordId', label: '捐赠记录编号', required: false, names: ['订单号', '订单编号', '捐赠编号', '捐款编号', '捐赠单号', '流水号', '交易号', '交易流水号', '支付流水号', '记录编号', '记录ID', '捐赠ID'] },
  { id: 'donatedAt', label: '捐赠时间', required: true, names: ['捐赠时间', '捐款时间', '支付时间', '交易时间', '下单时间', '捐赠日期', '捐款日期', '日期', '时间'] },
  { id: 'amount', label: '金额（元）', required: true, names: ['捐赠金额', '捐款金额', '支付金额', '实付金额', '金额', '捐赠金额(元)', '捐款金额(元)', '金额(元)'] },
  { id: 'donor', label: '捐赠人', required: false, names: ['捐赠人', '捐款人', '捐赠者', '昵称', '用户昵称', '捐赠人昵称', '姓名'] },
  { id: 'projectNumber', label: '平台项目编号', required: false, names: ['项目编号', '平台项目编号', '项目ID', '项目id', '项目代码'] },
] as const;
export type DonationFieldId = (typeof DONATION_FIELDS)[number]['id'];

/** Our field → the file's column header. */
export const columnMappingSchema = z
  .object({
    recordId: z.string().trim().min(1).max(100).optional(),
    donatedAt: z.string().trim().min(1).max(100).optional(),
    amount: z.string().trim().min(1).max(100).optional(),
    donor: z.string().trim().min(1).max(100).optional(),
    projectNumber: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type ColumnMapping = z.infer<typeof columnMappingSchema>;
/** The mapping resolved against one file: each field's column index. */
export type ColumnIndexes = Partial<Record<DonationFieldId, number>>;

const normalizeHeader = (h: string) => h.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();

export function fieldLabel(id: DonationFieldId): string {
  return DONATION_FIELDS.find((f) => f.id === id)!.label;
}

/**
 * Which column holds each field: the mapping the user gave, else the one remembered for the platform,
 * else a column whose header is one the platforms use. What cannot be matched — a named column
 * missing from the file, one column given for two fields, a required field no column gives — comes
 * back as problems, so the import screen can ask the user to map the columns by hand.
 */
export function matchColumns(headers: readonly string[], given: ColumnMapping | null, remembered: ColumnMapping | null): { indexes: ColumnIndexes; mapping: ColumnMapping; problems: string[] } {
  const byName = new Map(headers.map((h, i) => [normalizeHeader(h), i]));
  const indexes: ColumnIndexes = {};
  const mapping: ColumnMapping = {};
  const problems: string[] = [];
  const use = (id: DonationFieldId, at: number) => {
    indexes[id] = at;
    mapping[id] = headers[at]!;
  };
  for (const field of DONATION_FIELDS) {
    const wanted = given?.[field.id];
    if (wanted !== undefined) {
      const at = byName.get(normalizeHeader(wanted));
      if (at === undefined) problems.push(`列映射中「${field.label}」对应的列「${wanted}」在文件中不存在`);
      else use(field.id, at);
      continue;
    }
    const candidates = [remembered?.[field.id], ...field.names].filter((x): x is string => x !== undefined);
    const at = candidates.map((c) => byName.get(normalizeHeader(c))).find((i) => i !== undefined);
    if (at !== undefined) use(field.id, at);
    else if (field.required) problems.push(`找不到「${field.label}」列`);
  }
  // A column read as two fields (金额 also as 捐赠人, say) would import nonsense: only a mapping the user gave can do it.
  if (given) {
    const byColumn = new Map<number, string[]>();
    for (const field of DONATION_FIELDS) if (given[field.id] !== undefined && indexes[field.id] !== undefined) byColumn.set(indexes[field.id]!, [...(byColumn.get(indexes[field.id]!) ?? []), field.label]);
    for (const [at, labels] of byColumn) if (labels.length > 1) problems.push(`「${headers[at]}」列同时被指定为${labels.map((l) => `「${l}」`).join('和')}，每列只能对应一项`);
  }
  return { indexes, mapping, problems };
}

/** As matchColumns, refusing (in Chinese, naming the file's own columns) whatever cannot be matched. */
export function resolveColumns(headers: readonly string[], given: ColumnMapping | null, remembered: ColumnMapping | null): { indexes: ColumnIndexes; mapping: ColumnMapping } {
  const { indexes, mapping, problems } = matchColumns(headers, given, remembered);
  if (problems.length > 0) {
    throw new AppError('INVALID_INPUT', `无法识别捐赠明细的列。文件中的列为：${headers.filter(Boolean).join('、') || '（无）'}。请指定列映射（命令行用 --mapping 文件）`, problems);
  }
  return { indexes, mapping };
}
