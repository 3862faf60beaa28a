import { CLOCK_LABELS, DUE_STATE_LABELS, DUE_WINDOW_DAYS } from '../../core/disclosure/calendar';
import { libraryDue } from '../../core/disclosure/libraryCalendar';
import { defaultTemplatesDir } from '../../core/paths';
import { openCore } from '../../core/openCore';
import { platformLabel } from '../../shared/domain/catalog';
import { AppError } from '../../shared/errors';
import { describeSource } from '../../shared/rules/source';
import type { Command } from '../command';
import { EXIT } from '../io';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';

const OPTIONS = { ...LIBRARY_OPTIONS, within: { type: 'string' }, district: { type: 'string' }, today: { type: 'string' } } as const;

export const disclosureCommand: Command = {
  name: 'disclosure',
  usage: `用法：shance disclosure due [--within 天数] [--district 区县] [--db 路径] [--json]

  due          列出上线项目中 N 天内到期或已逾期的信息披露，注明设定期限的依据（法定、平台规则、结项）
  --within     天数（默认 ${DUE_WINDOW_DAYS}）
  --district   只看一个区县（默认全部，含同步来的其他区县项目）
  --today      以某天为“今天”（YYYY-MM-DD，默认重庆当天日期）
  --db         项目库文件（默认 $SHANCE_DB 或 ~/.shance/library.db）
  --json       以 JSON 输出：{"items":[{"proposalId","title","district","clock","platform","since","due","daysLeft","state","reason","source"}],"today"}`,
  run(args, io) {
    return withParsedArgs(io, args, OPTIONS, this.usage, async ({ values, positionals }) => {
      if (positionals[0] !== 'due' || positionals.length > 1) throw new AppError('INVALID_INPUT', `未知的子命令「${positionals.join(' ')}」。用法：shance disclosure due`);
      const within = values.within === undefined ? DUE_WINDOW_DAYS : Number(values.within);
      if (!Number.isInteger(within) || within < 0 || within > 3660) throw new AppError('INVALID_INPUT', '--within 应为 0 到 3660 之间的整数天数');
      if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new AppError('INVALID_INPUT', '--today 日期格式应为 YYYY-MM-DD');
      const lib = openLibrary(io, values.db);
      try {
        const packs = openCore(lib, defaultTemplatesDir(io.env)).rulePacks;
        const today = values.today;
        const items = libraryDue(lib, packs, { withinDays: within, district: values.district ?? null, today });
        if (values.json) {
          io.out(JSON.stringify({ items, today: today ?? null }));
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
