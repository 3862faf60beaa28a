import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SECTION_IDS, sectionLabel, statusLabel, type SectionId } from '../../shared/domain/catalog';
import { AppError } from '../../shared/errors';
import { REVIEW_ACTION_IDS, reviewActionLabel, reviewRoleLabel, type ReviewActionId } from '../../shared/review/actions';
import type { Library } from '../../core/library/library';
import { exportResults, importResults } from '../../core/review/results';
import { buildDossier } from '../../core/review/dossier';
import { actThroughServer, reviewedProposal, serverSession } from '../../core/sync/reviewEvents';
import type { Command } from '../command';
import { EXIT, type CliIo } from '../io';
import { savedLogin } from '../serverOrigin';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';

const USAGE = `用法：shance review 操作 项目编号 [--reason 理由] [--section 章节,…] [--db 路径] [--json]
      shance review queue [--db 路径] [--json]
      shance review desk district|federation [--name 姓名] [--federation-key 公钥文件] [--db 路径] [--json]
      shance review results 项目编号 --out 文件 [--db 路径]      （总会审核台：导出签名的审核结果）
      shance review receive 文件 [--db 路径] [--json]             （区县：导入审核结果，核验总会签名）
      shance review dossier 项目编号 --out 文件.zip [--db 路径]   （审核档案：全部版本、决定、记录、批注和摘要 DOCX）

  操作        submit 提交审核、withdraw 撤回提交（尚未开始审核时）、take 开始审核、return 退回修改、approve 通过、reject 不予通过、
              amend 发起变更、golive 标记已上线、close 标记已结束
  --reason    理由（return 和 reject 必须填写）
  --section   退回时需要修改的章节，逗号分隔：${SECTION_IDS.join(',')}
  results     导出某项目的审核结果（决定带总会签名、批注），交给未连接服务器的区县
  receive     导入审核结果：每个决定都须通过总会公钥核验，未签名、被改动或他人签发的整份拒绝
  dossier     导出审核档案供审计：每个提交版本（JSON）、批注、审核决定（含签名）、审核记录、上线与披露记录，
              以及公文格式的摘要 DOCX，打成一个 zip
  queue       待我审核：已提交和审核中的项目，等待最久的在前
  desk        设定本机身份：district 区县（可用 --federation-key 配置总会公钥，用于核验交换包中的决定），
              federation 总会审核台（首次设定时生成签名密钥并输出公钥，发给各区县）
  --json      以 JSON 输出

  已连接总会服务器时，按服务器账号的角色决定能做哪些操作；未连接时按本机身份。
  不允许的操作（如通过草稿、区县自己通过、退回不写理由）会被拒绝，项目不做任何更改。`;

const OPTIONS = {
  ...LIBRARY_OPTIONS,
  reason: { type: 'string' },
  section: { type: 'string' },
  name: { type: 'string' },
  'federation-key': { type: 'string' },
  out: { type: 'string' },
} as const;

function sectionsOf(flag: string | undefined): SectionId[] {
  if (!flag) return [];
  const asked = flag.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
  const unknown = asked.filter((s) => !SECTION_IDS.includes(s as SectionId));
  if (unknown.length) throw new AppError('INVALID_INPUT', `--section 中有未知的章节「${unknown.join('、')}」。可用：${SECTION_IDS.join(', ')}`);
  return asked as SectionId[];
}

const minutes = (ms: number) => (ms < 3_600_000 ? `${Math.round(ms / 60_000)} 分钟` : ms < 86_400_000 ? `${(ms / 3_600_000).toFixed(1)} 小时` : `${(ms / 86_400_000).toFixed(1)} 天`);

async function run(lib: Library, io: CliIo, verb: string, positionals: string[], values: { reason?: string; section?: string; name?: string; 'federation-key'?: string; out?: string; json: boolean }): Promise<number> {
  if (verb === 'results') {
    if (!positionals[0] || !values.out) throw new AppError('INVALID_INPUT', '用法：shance review results 项目编号 --out 文件');
    const results = exportResults(lib.review, positionals[0]);
    await writeFile(resolve(io.cwd, values.out), JSON.stringify(results, null, 1));
    io.out(`已导出审核结果：决定 ${results.decisions.length} 个，批注 ${results.comments.length} 条 → ${values.out}`);
    return EXIT.ok;
  }
  if (verb === 'receive') {
    if (!positionals[0]) throw new AppError('INVALID_INPUT', '请指定审核结果文件');
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(resolve(io.cwd, positionals[0]), 'utf8'));
    } catch {
      throw new AppError('FILE_INVALID', `无法读取审核结果文件「${positionals[0]}」`);
    }
    const r = importResults(lib.db, lib.proposals, lib.review, raw);
    if (values.json) io.out(JSON.stringify(r));
    else io.out(`已导入审核结果：决定 ${r.decisions} 个（均已通过总会签名核验），批注 ${r.comments} 条`);
    return EXIT.ok;
  }
  if (verb === 'dossier') {
    if (!positionals[0] || !values.out) throw new AppError('INVALID_INPUT', '用法：shance review dossier 项目编号 --out 文件.zip');
    const d = await buildDossier(lib.review, reviewedProposal(lib, positionals[0]));
    await writeFile(resolve(io.cwd, values.out), d.data);
    if (values.json) io.out(JSON.stringify({ out: values.out, entries: d.entries }));
    else io.out(`已导出审核档案（${d.entries.length} 个文件）→ ${values.out}`);
    return EXIT.ok;
  }
  if (verb === 'queue') {
    const queue = lib.review.queue();
    if (values.json) io.out(JSON.stringify({ items: queue }));
    else if (queue.length === 0) io.out('没有等待审核的项目');
    else for (const q of queue) io.out(`${q.id}\t${q.title}\t${q.district}\t${statusLabel(q.status)}\t第 ${q.revision ?? '—'} 版\t已等待 ${minutes(q.waitingMs)}`);
    return EXIT.ok;
  }
  if (verb === 'desk') {
    const kind = positionals[0];
    if (kind !== 'district' && kind !== 'federation') throw new AppError('INVALID_INPUT', '请指定本机身份：district（区县）或 federation（总会审核台）');
    const key = values['federation-key'] ? await readFile(resolve(io.cwd, values['federation-key']), 'utf8') : undefined;
    const desk = lib.review.setDesk(kind, values.name ?? '', key);
    if (values.json) io.out(JSON.stringify({ kind: desk.kind, userName: desk.userName, publicKey: desk.publicKey, canSign: desk.canSign }));
    else {
      io.out(`本机身份：${desk.kind === 'federation' ? '总会审核台' : '区县'}（${desk.userName}）`);
      if (desk.publicKey) io.out(`${desk.kind === 'federation' ? '总会公钥（发给各区县配置）' : '已配置的总会公钥'}：\n${desk.publicKey}`);
    }
    return EXIT.ok;
  }
  if (!REVIEW_ACTION_IDS.includes(verb as ReviewActionId)) throw new AppError('INVALID_INPUT', `未知的审核操作「${verb}」。可用：${REVIEW_ACTION_IDS.join('、')}、queue、desk、results、receive、dossier`);
  const id = positionals[0];
  if (!id) throw new AppError('INVALID_INPUT', '请指定项目编号');
  const sections = sectionsOf(values.section);
  let entry;
  // Connected, a reviewer's decision is made by the server under the account's role.
  const state = savedLogin(lib);
  if (lib.review.actor().role === 'reviewer' && serverSession(state)) {
    await actThroughServer(lib, state, id, verb as ReviewActionId, values.reason ?? '', sections);
    entry = lib.review.log(id).at(-1)!;
  } else entry = lib.review.act(id, verb as ReviewActionId, { reason: values.reason, sections });
  if (values.json) io.out(JSON.stringify({ entry }));
  else {
    io.out(`${reviewActionLabel(entry.action)}：「${statusLabel(entry.from)}」→「${statusLabel(entry.to)}」（${reviewRoleLabel(entry.role)} ${entry.by}，${entry.at}）`);
    if (entry.revision !== null) io.out(`  版本：第 ${entry.revision} 版`);
    if (entry.reason) io.out(`  理由：${entry.reason}`);
    if (entry.sections.length) io.out(`  需修改：${entry.sections.map(sectionLabel).join('、')}`);
    if (entry.signature) io.out('  已用总会密钥签名');
  }
  return EXIT.ok;
}

export const reviewCommand: Command = {
  name: 'review',
  usage: USAGE,
  run(args, io) {
    return withParsedArgs(io, args, OPTIONS, USAGE, async ({ values, positionals }) => {
      const [verb, ...rest] = positionals;
      if (!verb) throw new AppError('INVALID_INPUT', '请指定审核操作。加 --help 查看用法。');
      const lib = openLibrary(io, values.db);
      try {
        return await run(lib, io, verb, rest, values);
      } finally {
        lib.close();
      }
    });
  },
};
