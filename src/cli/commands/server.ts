import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROLE_IDS } from '../../shared/federation/contract';
import { AppError } from '../../shared/errors';
import { addUser, importBundle, openFederationStore, serverStatus, startFederationServer, type FederationStore } from '../../federation';
import type { Command } from '../command';
import { EXIT, type CliIo } from '../io';
import { OUTPUT_OPTIONS, parse, reportError } from '../support';

const STORE_OPTIONS = {
  data: { type: 'string' },
  'database-url': { type: 'string' },
  ...OUTPUT_OPTIONS,
} as const;

/** --database-url beats SHANCE_DATABASE_URL beats PGlite in --data (default ~/.shance/server). */
export function storeTarget(values: { data?: string; 'database-url'?: string }, env: NodeJS.ProcessEnv): { dataDir?: string; databaseUrl?: string } {
  const url = values['database-url'] ?? env.SHANCE_DATABASE_URL;
  if (url) return { databaseUrl: url };
  return { dataDir: resolve(values.data ?? env.SHANCE_SERVER_DATA ?? join(homedir(), '.shance', 'server')) };
}

async function withStore<T>(io: CliIo, values: { data?: string; 'database-url'?: string }, fn: (store: FederationStore) => Promise<T>): Promise<T> {
  const store = await openFederationStore({ ...storeTarget(values, io.env), templatesDir: io.env.SHANCE_TEMPLATES });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function readPassword(io: CliIo): Promise<string> {
  if (!io.readStdin) throw new AppError('INVALID_INPUT', '无法读取标准输入中的密码');
  // One line: a trailing newline from `echo` or a here-string is not part of the password.
  return (await io.readStdin()).replace(/\r?\n$/, '');
}

const USAGE = `用法：
  shance server [--data 文件夹 | --database-url postgres://…] [--host 127.0.0.1] [--port 8787] [--tls-cert 文件 --tls-key 文件]
      启动总会服务器。不加参数时数据保存在内置的 PostgreSQL（PGlite）中，位于 ~/.shance/server/；
      生产环境请用 --database-url（或环境变量 SHANCE_DATABASE_URL）连接 PostgreSQL 15 以上版本。
      默认只监听 127.0.0.1；在内网提供服务时用 --host 0.0.0.0，并放在带 TLS 的反向代理之后（或用 --tls-cert/--tls-key）。
  shance server user add 用户名 --district 区县 --role drafter|reviewer|trainer|admin --password-stdin [--data | --database-url]
      添加账号。密码从标准输入读取（例如 printf '%s' "$密码" | shance server user add …），不会出现在命令行参数里。
  shance server user list [--json]
  shance server status [--json]     数据库类型、结构版本、账号、各区县最近一次同步
  shance server import 文件.shance [--as 用户名]
      把区县发来的交换包导入总会服务器：与同步相同的记录和冲突规则，要么全部导入，要么不做任何修改。

角色：drafter 区县撰写人，reviewer 总会审核人，trainer 培训老师，admin 管理员。`;

async function runServer(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    ...STORE_OPTIONS,
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8787' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
  });
  if (values.help) return io.out(USAGE), EXIT.ok;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('INVALID_INPUT', `端口「${values.port}」无效`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new AppError('INVALID_INPUT', '--tls-cert 和 --tls-key 需要同时给出');
  const store = await openFederationStore({ ...storeTarget(values, io.env), templatesDir: io.env.SHANCE_TEMPLATES });
  const tls = values['tls-cert'] && values['tls-key'] ? { cert: values['tls-cert'], key: values['tls-key'] } : undefined;
  const running = await startFederationServer({ store, host: values.host, port, tls });
  io.out(`善策总会服务器已启动：${running.url}（数据库：${store.db.kind === 'pglite' ? '内置 PGlite' : 'PostgreSQL'}）`);
  io.out(`健康检查：${running.url}/healthz；按 Ctrl+C 停止`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  await store.close();
  io.out('服务器已停止');
  return EXIT.ok;
}

async function runUser(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parse(rest, {
    ...STORE_OPTIONS,
    district: { type: 'string' },
    role: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  });
  if (values.help || !action) return io.out(USAGE), action ? EXIT.ok : EXIT.badInput;
  if (action === 'list') {
    return withStore(io, values, async (store) => {
      const { users } = await serverStatus(store);
      if (values.json) io.out(JSON.stringify({ users }));
      else if (users.length === 0) io.out('还没有账号。用 shance server user add 添加。');
      else for (const u of users) io.out(`${u.name}\t${u.district}\t${u.role}`);
      return EXIT.ok;
    });
  }
  if (action !== 'add') throw new AppError('INVALID_INPUT', `未知的操作「${action}」：应为 add 或 list`);
  const name = positionals[0];
  if (!name) throw new AppError('INVALID_INPUT', '请给出用户名：shance server user add 用户名 …');
  if (!values.district) throw new AppError('INVALID_INPUT', '请用 --district 给出区县，例如 --district 渝北区（总会工作人员用 --district 市慈善总会（本级））');
  if (!values.role) throw new AppError('INVALID_INPUT', `请用 --role 给出角色：${ROLE_IDS.join('、')}`);
  if (!values['password-stdin']) throw new AppError('INVALID_INPUT', '请用 --password-stdin 从标准输入提供密码（密码不能写在命令行参数里）');
  const password = await readPassword(io);
  return withStore(io, values, async (store) => {
    const user = await addUser(store, { name, district: values.district!, role: values.role!, password });
    if (values.json) io.out(JSON.stringify({ user }));
    else io.out(`已添加账号 ${user.name}（${user.district}，${user.role}）`);
    return EXIT.ok;
  });
}

async function runStatus(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, STORE_OPTIONS);
  if (values.help) return io.out(USAGE), EXIT.ok;
  return withStore(io, values, async (store) => {
    const status = await serverStatus(store);
    if (values.json) {
      io.out(JSON.stringify(status));
      return EXIT.ok;
    }
    io.out(`数据库：${status.database === 'pglite' ? '内置 PGlite' : 'PostgreSQL'}，结构版本 ${status.schemaVersion}`);
    io.out(`项目：${status.proposals} 个；账号：${status.users.length} 个`);
    if (status.lastSync.length === 0) io.out('还没有区县同步过。');
    for (const s of status.lastSync) io.out(`${s.district}\t最近同步 ${new Date(s.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`);
    return EXIT.ok;
  });
}

async function runImport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { ...STORE_OPTIONS, as: { type: 'string', default: 'import' } });
  if (values.help) return io.out(USAGE), EXIT.ok;
  const file = positionals[0];
  if (!file) throw new AppError('INVALID_INPUT', '请给出要导入的交换包：shance server import 文件.shance');
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(io.cwd, file));
  } catch {
    throw new AppError('NOT_FOUND', `找不到文件「${file}」`);
  }
  return withStore(io, values, async (store) => {
    const r = await importBundle(store, bytes, values.as);
    if (values.json) io.out(JSON.stringify(r));
    else io.out(`已导入：新增 ${r.added} 个，更新 ${r.updated} 个，未变 ${r.unchanged} 个，冲突 ${r.conflicts} 个（两个版本都已保留），图片 ${r.images} 张`);
    return EXIT.ok;
  });
}

export const serverCommand: Command = {
  name: 'server',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    const json = args.includes('--json');
    try {
      if (sub === 'user') return await runUser(rest, io);
      if (sub === 'status') return await runStatus(rest, io);
      if (sub === 'import') return await runImport(rest, io);
      return await runServer(args, io);
    } catch (e) {
      return reportError(io, e, json);
    }
  },
};
