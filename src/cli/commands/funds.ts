import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { documentYuan } from '../../core/export/money';
import { importDonations, previewDonations, type DonationPreview } from '../../core/funds/donations';
import { columnMappingSchema, type ColumnMapping } from '../../core/funds/mapping';
import { parseJsonOrExplain } from '../../core/util/jsonText';
import { PLATFORM_IDS, platformLabel, type PlatformId } from '../../shared/domain/catalog';
import { describeIssues } from '../../shared/domain/fieldLabels';
import { AppError } from '../../shared/errors';
import type { Command } from '../command';
import { EXIT, type CliIo } from '../io';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';

const OPTIONS = { ...LIBRARY_OPTIONS, platform: { type: 'string' }, mapping: { type: 'string' }, project: { type: 'string' }, yes: { type: 'boolean', default: false } } as const;
const MAX_FILE_BYTES = 200 * 1024 * 1024;

const ENCODING_LABELS: Record<DonationPreview['encoding'], string> = { 'utf-8': 'UTF-8 文本', gbk: 'GBK 文本（已自动转换）', xlsx: 'Excel 表格' };

async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    const bytes = await readFile(path);
    if (bytes.byteLength > MAX_FILE_BYTES) throw new AppError('TOO_LARGE', `${what}过大（超过 200 MB）`);
    return bytes;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('NOT_FOUND', `无法读取${what}：${path}`);
  }
}

async function readMapping(path: string): Promise<ColumnMapping> {
  const raw = parseJsonOrExplain(new TextDecoder().decode(await readBytes(path, '列映射文件')), '列映射文件');
  const parsed = columnMappingSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', '列映射文件应为 {"recordId":"订单号","donatedAt":"捐赠时间","amount":"金额","donor":"捐赠人","projectNumber":"项目编号"} 这样的 JSON', describeIssues(parsed.error, '列映射'));
  }
  return parsed.data;
}

function printPreview(io: CliIo, p: DonationPreview): void {
  io.out(`文件：${ENCODING_LABELS[p.encoding]}，${p.rowCount} 行捐赠记录`);
  io.out(`列映射：${Object.entries(p.mapping).map(([k, v]) => `${k}←「${v}」`).join('，')}`);
  for (const l of p.listings) io.out(`  ${l.title || '（未命名）'}（${platformLabel(p.platform)} ${l.projectNumber || '无编号'}）：新增 ${l.newCount} 笔，${documentYuan(l.newFen)} 元`);
  io.out(`新增 ${p.newCount} 笔，共 ${documentYuan(p.newFen)} 元；已导入过 ${p.alreadyImported} 笔，不重复计入；文件内重复 ${p.duplicatesInFile.length} 行，已略过`);
  for (const d of p.duplicatesInFile.slice(0, 20)) io.out(`  第 ${d.row} 行与第 ${d.sameAs} 行是同一笔捐赠`);
}

export const fundsCommand: Command = {
  name: 'funds',
  usage: `用法：shance funds import 文件 --platform 平台 [--project 项目ID] [--mapping 映射文件] [--yes] [--db 路径] [--json]

  文件        平台后台导出的捐赠明细，CSV（UTF-8 或 GBK）或 XLSX
  --platform  平台：${PLATFORM_IDS.join('、')}
  --project   明细属于哪个项目（文件中没有「项目编号」列、且该平台有多条上线记录时需要）
  --mapping   列映射 JSON：{"recordId":"订单号","donatedAt":"捐赠时间","amount":"金额","donor":"捐赠人","projectNumber":"项目编号"}
              不给时沿用该平台上次的映射，再按常见列名识别
  --yes       确认导入。不加时只显示预览，不写入任何数据
  --db        项目库文件（默认 $SHANCE_DB 或 ~/.shance/library.db）
  --json      以 JSON 输出预览或导入结果

同一笔捐赠（同一平台的同一记录编号；无编号时为完全相同的一行）只计一次，重复导入不会重复计入。
任何一行有问题（金额为负、日期无效或不在募捐期内…）时不导入任何记录，并指出行号和列名。`,
  run(args, io) {
    return withParsedArgs(io, args, OPTIONS, this.usage, async ({ values, positionals }) => {
      if (positionals[0] !== 'import' || positionals.length !== 2) throw new AppError('INVALID_INPUT', '用法：shance funds import 文件 --platform 平台');
      const platform = values.platform;
      if (!platform || !(PLATFORM_IDS as readonly string[]).includes(platform)) throw new AppError('INVALID_INPUT', `请用 --platform 指定平台：${PLATFORM_IDS.join('、')}`);
      const bytes = await readBytes(resolve(io.cwd, positionals[1]!), '捐赠明细文件');
      const mapping = values.mapping ? await readMapping(resolve(io.cwd, values.mapping)) : null;
      const opts = { platform: platform as PlatformId, proposalId: values.project ?? null, mapping };
      const lib = openLibrary(io, values.db);
      try {
        if (!values.yes) {
          const preview = await previewDonations(lib, bytes, opts);
          if (values.json) io.out(JSON.stringify({ preview, imported: 0 }));
          else {
            printPreview(io, preview);
            for (const x of preview.problems) io.err(`第 ${x.row} 行「${x.column}」列：${x.message}`);
            if (preview.problemCount > preview.problems.length) io.err(`……另有 ${preview.problemCount - preview.problems.length} 处问题`);
            io.out(preview.problemCount > 0 ? `有 ${preview.problemCount} 处问题，请改正文件后再导入。` : '以上为预览，尚未导入。确认无误后加 --yes 导入。');
          }
          return preview.problemCount > 0 ? EXIT.badInput : EXIT.ok;
        }
        const result = await importDonations(lib, bytes, opts);
        if (values.json) io.out(JSON.stringify(result));
        else {
          printPreview(io, result);
          for (const t of result.totals) io.out(`已导入。${platformLabel(platform)} ${t.projectNumber || ''}：累计 ${t.donationCount ?? 0} 笔，${documentYuan(t.raisedFen ?? 0)} 元`);
        }
        return EXIT.ok;
      } finally {
        lib.close();
      }
    });
  },
};
