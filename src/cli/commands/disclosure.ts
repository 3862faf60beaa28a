import { CLOCK_LABELS, DUE_STATE_LABELS, DUE_WINDOW_DAYS } from '../../core/disclosure/calendar';
import { dueFromServerOrLibrary } from '../../core/disclosure/askDue';
import { libraryDue } from '../../core/disclosure/libraryCalendar';
import { defaultTemplatesDir } from '../../core/paths';
import { openCore } from '../../core/openCore';
import { platformLabel } from '../../shared/domain/catalog';
import { AppError } from '../../shared/errors';
import { describeSource } from '../../shared/rules/source';
import type { Command } from '../command';
import { EXIT } from '../io';
import { askWithSavedLogin } from '../serverOrigin';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';

const OPTIONS = { ...LIBRARY_OPTIONS, within: { type: 'string' }, district: { type: 'string' }, today: { type: 'string' }, server: { type: 'boolean', default: false } } as const;

/** The server reckons due dates from its own today; a date given here would be silently ignored whenever it answers. */
const TODAY_WITH_SERVER = '--today 只用于本机项目库的计算，不能与 --server 同用：总会服务器按它自己的当天日期（北京时间）计算披露日程。请去掉其中一个选项';

export const disclosureCommand: Command = {
  name: 'disclosure',
  usage: `用法：shance disclosure due [--within 天数] [--district 区县] [--today 日期 | --server] [--db 路径] [--json]

  due          列出上线项目中 N 天内到期或已逾期的信息披露，注明设定期限的依据（法定、平台规则、结项）
  --within     天数（默认 ${DUE_WINDOW_DAYS}）
  --district   只看一个区县（默认全部，含同步来的其他区县项目）
  --today      以某天为“今天”（YYYY-MM-DD，默认重庆当天日期）；只用于本机数据，不能与 --server 同用
  --server     向本项目库登录的总会服务器取披露日程（与桌面端“披露日程”页相同）：总会审核人和管理员可看全部区县，
               其他角色只在查看本区县时由服务器回答，查看全部或其他区县时列出本机数据（含已同步的其他区县项目）并说明。
               未登录、无法连接或登录已失效时改用本机数据并说明原因，仍正常退出。数据来源写到标准错误
  --db         项目库文件（默认 $SHANCE_DB 或 ~/.shance/library.db）
  --json       以 JSON 输出：{"items":[{"proposalId","title","district","clock","platform","since","due","daysLeft","state","reason","source"}],"today"}
               加 --server 时另有 "origin":{"source":"server"|"local","note"} 和 "notHere"（不在本机项目库的项目编号），
               "today" 为计算所用的日期`,
  run(args, io) {
    return withParsedArgs(io, args, OPTIONS, this.usage, async ({ values, positionals }) => {
      if (positionals[0] !== 'due' || positionals.length > 1) throw new AppError('INVALID_INPUT', `未知的子命令「${positionals.join(' ')}」。用法：shance disclosure due`);
      const within = values.within === undefined ? DUE_WINDOW_DAYS : Number(values.within);
      if (!Number.isInteger(within) || within < 0 || within > 3660) throw new AppError('INVALID_INPUT', '--within 应为 0 到 3660 之间的整数天数');
      if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new AppError('INVALID_INPUT', '--today 日期格式应为 YYYY-MM-DD');
      if (values.today !== undefined && values.server) throw new AppError('INVALID_INPUT', TODAY_WITH_SERVER);
      const lib = openLibrary(io, values.db);
      try {
        const packs = openCore(lib, defaultTemplatesDir(io.env)).rulePacks;
        const district = values.district ?? null;
        // Only asked --server is there an origin: without it the output stays as it always was (today null unless given).
        const due = values.server
          ? await askWithSavedLogin(lib, io, values.json, (state) => dueFromServerOrLibrary(lib, packs, state, { withinDays: within, district, fromServer: true }))
          : { items: libraryDue(lib, packs, { withinDays: within, district, today: values.today }), today: values.today ?? null };
        const { items } = due;
        if (values.json) {
          io.out(JSON.stringify(due));
        } else if (items.length === 0) {
          io.out(`${within} 天内没有到期或逾期的信息披露。`);
        } else {
          for (const i of items) {
            const when = i.daysLeft < 0 ? `逾期 ${-i.daysLeft} 天` : i.daysLeft === 0 ? '今天到期' : `${i.daysLeft} 天后到期`;
            const whose = i.platform ? `${CLOCK_LABELS[i.clock]}·${platformLabel(i.platform)}` : CLOCK_LABELS[i.clock];
            io.out(`${i.due}\t${DUE_STATE_LABELS[i.state]}（${when}）\t${i.title || '（未命名）'}\t${i.district || '—'}\t${whose}\t${i.reason}\t依据：${describeSource(i.source)}`);
          }
          io.out(`共 ${items.length} 项`);
        }
        return EXIT.ok;
      } finally {
        lib.close();
      }
    });
  },
};
