import { statusLabel } from '../../shared/domain/catalog';
import { AppError } from '../../shared/errors';
import { reviewActionLabel, reviewRoleLabel } from '../../shared/review/actions';
import { compareProposals } from '../../core/review/compare';
import type { Command } from '../command';
import { EXIT, type CliIo } from '../io';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';
import type { Library } from '../../core/library/library';

const USAGE = `用法：shance history 项目编号 [--diff 版本 版本] [--db 路径] [--json]

  列出项目每次提交的版本（版本号、时间、提交时状态、提交人、内容校验值）和审核记录。
  --diff A B  比较第 A 版和第 B 版：逐章节标出增删的文字（〔-删除-〕〔+新增+〕），并列出结构化字段的变化
  --json      以 JSON 输出：{"revisions":[{"n","at","status","by","hash","frozen"}],"log":[…]}；
              加 --diff 时为 {"from","to","sections":[{"section","label","changed","coarse","parts":[{"op","text"}]}],"changes":[{"field","text"}]}`;

function revisionNumber(text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new AppError('INVALID_INPUT', `版本号「${text ?? ''}」无效，应为正整数，如 --diff 1 2`);
  return n;
}

function printDiff(lib: Library, io: CliIo, id: string, a: number, b: number, json: boolean): void {
  const cmp = compareProposals(lib.review.revision(id, a).proposal, lib.review.revision(id, b).proposal);
  if (json) return io.out(JSON.stringify({ from: a, to: b, ...cmp }));
  io.out(`第 ${a} 版 → 第 ${b} 版`);
  if (cmp.changes.length) {
    io.out('字段变化：');
    for (const c of cmp.changes) io.out(`  ${c.text}`);
  }
  const changed = cmp.sections.filter((s) => s.changed);
  if (!changed.length && !cmp.changes.length) io.out('两个版本内容相同');
  for (const s of changed) {
    io.out(`【${s.label}】${s.coarse ? '（文字差异较大，按整句比较）' : ''}`);
    io.out(s.parts.map((p) => (p.op === 'equal' ? p.text : p.op === 'delete' ? `〔-${p.text}-〕` : `〔+${p.text}+〕`)).join(''));
  }
}

export const historyCommand: Command = {
  name: 'history',
  usage: USAGE,
  run(args, io) {
    return withParsedArgs(io, args, { ...LIBRARY_OPTIONS, diff: { type: 'string' } }, USAGE, async ({ values, positionals }) => {
      const id = positionals[0];
      if (!id) throw new AppError('INVALID_INPUT', '请指定项目编号');
      const lib = openLibrary(io, values.db);
      try {
        lib.proposals.get(id);
        if (values.diff !== undefined) {
          // `--diff 1 2`: the second number comes as a positional after the id.
          printDiff(lib, io, id, revisionNumber(values.diff), revisionNumber(positionals[1]), values.json);
          return EXIT.ok;
        }
        const frozen = lib.review.frozen(id)?.n ?? null;
        const log = lib.review.log(id);
        const statusAt = (n: number) => log.filter((e) => e.revision === n).at(-1)?.to ?? 'submitted';
        const revisions = lib.review.revisions(id).map((r) => ({ ...r, status: statusAt(r.n), frozen: r.n === frozen }));
        if (values.json) io.out(JSON.stringify({ revisions, log }));
        else {
          if (!revisions.length) io.out('该项目还没有提交过');
          for (const r of revisions) io.out(`第 ${r.n} 版\t${r.at}\t${statusLabel(r.status)}${r.frozen ? '（已冻结）' : ''}\t${r.by}\t${r.hash}`);
          if (log.length) io.out('审核记录：');
          for (const e of log) io.out(`  ${e.at}\t${reviewRoleLabel(e.role)} ${e.by}\t${reviewActionLabel(e.action)}\t${statusLabel(e.from)} → ${statusLabel(e.to)}${e.reason ? `\t理由：${e.reason}` : ''}`);
        }
        return EXIT.ok;
      } finally {
        lib.close();
      }
    });
  },
};
