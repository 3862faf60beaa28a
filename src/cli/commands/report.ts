import { rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { reportFromServerOrLibrary } from '../../core/stats/askReport';
import { buildStatsReport } from '../../core/stats/build';
import { REPORT_FORMATS, reportBytes, reportFileName, type ReportFormat } from '../../core/stats/files';
import { LibraryStatsSource } from '../../core/stats/sqlite';
import type { Origin } from '../../shared/api/methods/serverOrigin';
import type { StatsReport } from '../../shared/stats/report';
import { AppError } from '../../shared/errors';
import type { Command } from '../command';
import { EXIT } from '../io';
import { askWithSavedLogin } from '../serverOrigin';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';

export const reportCommand: Command = {
  name: 'report',
  usage: `用法：shance report --period 期间 [--district 区县] [--format json|xlsx|docx] [--out 文件] [--server] [--db 路径] [--json]

  --period    统计期间：2026-10（月）、2026-Q3（季度）、2026-H1（半年）、2026（年）
              或 2026-01-01..2026-03-31（任意日期范围），按北京时间
  --district  只统计一个区县（默认全市）
  --format    json（默认，输出到屏幕或 --out 文件）、xlsx 或 docx
  --out       输出文件；xlsx、docx 默认写到当前目录的“统计-期间.xlsx/.docx”
  --server    向本项目库登录的总会服务器取全市数据（与桌面端“统计”页相同）；未登录、无法连接、登录已失效
              或服务器拒绝时改用本机数据并说明原因，仍正常退出。数据来源写到标准错误；
              JSON 报表和 --json 结果中多一个 origin 字段：{"source":"server"|"local","note":说明或 null}
  --db        项目库文件（默认 $SHANCE_DB 或 ~/.shance/library.db）
  --json      xlsx、docx 时以 JSON 输出结果：{"file","bytes","empty"}（加 --server 时另有 origin）
  JSON 格式见 README“统计报表”一节。`,
  run(args, io) {
    const options = {
      ...LIBRARY_OPTIONS,
      period: { type: 'string' },
      district: { type: 'string' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string', short: 'o' },
      server: { type: 'boolean', default: false },
    } as const;
    return withParsedArgs(io, args, options, this.usage, async ({ values }) => {
      if (!values.period) throw new AppError('INVALID_INPUT', '请用 --period 指定统计期间，例如 --period 2026-Q3');
      const format = values.format as ReportFormat;
      if (!REPORT_FORMATS.includes(format)) throw new AppError('INVALID_INPUT', `未知的格式「${values.format}」，可选 json、xlsx、docx`);
      const lib = openLibrary(io, values.db);
      try {
        const query = { period: values.period, district: values.district ?? null };
        // Only asked --server is there an origin: without it the output stays as it always was.
        const report: StatsReport & { origin?: Origin } = values.server
          ? await askWithSavedLogin(lib, io, values.json, (state) => reportFromServerOrLibrary(lib, state, query, true))
          : await buildStatsReport(new LibraryStatsSource(lib), query);
        const origin = report.origin ? { origin: report.origin } : {};
        // The JSON form carries the origin; the XLSX and DOCX forms read only the report's own fields.
        const bytes = await reportBytes(report, format);
        if (format === 'json' && !values.out) {
          io.out(new TextDecoder().decode(bytes));
          return EXIT.ok;
        }
        const out = resolve(io.cwd, values.out ?? reportFileName(report, format));
        // Beside the target, then renamed: a crash never leaves half a report under the real name.
        await writeFile(`${out}.part`, bytes);
        await rename(`${out}.part`, out);
        io.out(values.json ? JSON.stringify({ file: out, bytes: bytes.length, empty: report.empty, ...origin }) : `已生成${report.period.label}${report.scopeLabel}统计报表：${out}`);
        if (report.empty && !values.json) io.err(`提示：${report.summary}`);
        return EXIT.ok;
      } finally {
        lib.close();
      }
    });
  },
};
