import { openCore } from '../../core/openCore';
import { defaultTemplatesDir } from '../../core/paths';
import { login } from '../../core/sync/service';
import { syncServiceFor } from '../../core/sync/timer';
import type { SyncSummary } from '../../shared/api/methods/sync';
import { AppError } from '../../shared/errors';
import type { Command } from '../command';
import { EXIT, type CliIo } from '../io';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';

const USAGE = `用法：shance sync --server 地址 --user 用户名 --password-stdin [--db 路径] [--json]

  与总会服务器同步项目库：上传本区县改动过的项目（含图片），下载本区县在其他电脑上的改动、
  其他区县已提交的项目（只读，用于相似项目和同质化检查）、总会发布的规则包和手册。

  --server          总会服务器地址，如 http://192.168.1.10:8787
  --user            用户名
  --password-stdin  从标准输入读取密码（密码不能写在命令行上）
  --db              项目库文件（默认 $SHANCE_DB 或 ~/.shance/library.db）
  --json            以 JSON 输出同步结果

  密码错误或无法连接服务器时以非零状态退出，项目库不做任何更改。`;

function printSummary(io: CliIo, s: SyncSummary, pending: number): void {
  io.out(`同步完成（${s.finishedAt}）`);
  io.out(`  上传项目 ${s.uploaded} 个，图片 ${s.images} 张${s.deleted ? `，删除 ${s.deleted} 个` : ''}${s.rejected ? `，被服务器拒绝 ${s.rejected} 个` : ''}`);
  io.out(`  下载本区县项目 ${s.downloaded} 个，其他区县已提交项目 ${s.remote} 个`);
  if (s.conflicts) io.out(`  冲突 ${s.conflicts} 个：另一版本已保存在该项目的历史版本中`);
  for (const p of s.packs) io.out(`  新规则包：${p.id} ${p.version}（${p.effectiveDate} 生效）`);
  for (const v of s.handbooks) io.out(`  新手册：${v} 版`);
  for (const w of s.warnings) io.out(`  注意：${w}`);
  if (pending) io.out(`  仍有 ${pending} 个项目待上传`);
}

export const syncCommand: Command = {
  name: 'sync',
  usage: USAGE,
  run(args, io) {
    const options = { ...LIBRARY_OPTIONS, server: { type: 'string' }, user: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } } as const;
    return withParsedArgs(io, args, options, USAGE, async ({ values }) => {
      if (!values.server || !values.user) throw new AppError('INVALID_INPUT', '请用 --server 和 --user 指定总会服务器地址和用户名。加 --help 查看用法。');
      if (!values['password-stdin']) throw new AppError('INVALID_INPUT', '请用 --password-stdin 从标准输入提供密码（密码不能写在命令行上）。');
      if (!io.readStdin) throw new AppError('INVALID_INPUT', '无法读取标准输入中的密码');
      // One line: a trailing newline from `echo` or a here-string is not part of the password.
      const password = (await io.readStdin()).replace(/\r?\n$/, '');
      if (!password) throw new AppError('INVALID_INPUT', '标准输入中没有密码');
      // Log in before the library is even opened: a wrong password or a dead server changes nothing.
      const { http, session } = await login(values.server, values.user, password);
      const lib = openLibrary(io, values.db);
      try {
        const sync = syncServiceFor(openCore(lib, defaultTemplatesDir(io.env)));
        sync.state.saveLogin(http.baseUrl, session.user, session.token, session.expiresAt);
        const summary = await sync.sync();
        const pending = sync.state.pendingCount();
        if (values.json) io.out(JSON.stringify({ ...summary, pending, server: http.baseUrl, user: session.user }));
        else printSummary(io, summary, pending);
        return EXIT.ok;
      } finally {
        lib.close();
      }
    });
  },
};
