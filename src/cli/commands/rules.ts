import { chongqingToday } from '../../core/rules/dates';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { IMPACT_CHANGE_LABELS, IMPACT_CHANGES, type ImpactChange, type ImpactReport } from '../../shared/api/methods/rules';
import { AppError } from '../../shared/errors';
import { SEVERITY_LABELS } from '../../shared/rules/ruleBase';
import { Library } from '../../core/library/library';
import { defaultTemplatesDir, resolveDbPath } from '../../core/paths';
import { impactReport } from '../../core/rules/diff';
import { loadPackFile, parseJsonText } from '../../core/rules/load';
import type { RulePackStore } from '../../core/rules/store';
import { openCore } from '../../core/openCore';
import type { Command } from '../command';
import { EXIT, type CliIo } from '../io';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';

const USAGE = `用法：
  shance rules list [--db 路径] [--json]
      列出规则包及其各个版本（随善策发布的和导入项目库的），标出正在使用的版本
  shance rules import 文件… [--db 路径] [--json]
      把新版本的规则包导入项目库。所有文件都检查无误才导入，否则什么都不写入。旧版本仍然保留。
  shance rules pin 平台 版本 | shance rules pin 平台 --latest [--db 路径]
      固定使用某个版本；--latest 恢复为使用最新版本
  shance rules diff 旧文件 新文件 [--db 路径] [--json]
      比较同一平台规则包的两个版本，并列出项目库中结果因此改变的项目（变为不通过、变为通过）及相关规则`;


function printReport(io: CliIo, r: ImpactReport, library: string | null): void {
  const d = r.diff;
  io.out(`「${d.name}」规则包 ${d.from.version}（${d.from.effectiveDate} 生效）→ ${d.to.version}（${d.to.effectiveDate} 生效）`);
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    io.out(`\n${title}`);
    for (const l of lines) io.out(`  ${l}`);
  };
  section('规则', [
    ...d.rules.added.map((x) => `新增 [${x.id}]（${SEVERITY_LABELS[x.severity]}）${x.message}`),
    ...d.rules.removed.map((x) => `删除 [${x.id}]（${SEVERITY_LABELS[x.severity]}）${x.message}`),
    ...d.rules.changed.map((x) => `修改 [${x.id}] ${x.message}：${x.changes.join('；')}`),
  ]);
  section('字段', [
    ...d.fields.added.map((x) => `新增「${x.label}」`),
    ...d.fields.removed.map((x) => `删除「${x.label}」`),
    ...d.fields.changed.map((x) => `修改「${x.label}」：${x.changes.join('；')}`),
  ]);
  section('图片规格', [
    ...d.images.added.map((x) => `新增「${x.label}」`),
    ...d.images.removed.map((x) => `删除「${x.label}」`),
    ...d.images.changed.map((x) => `修改「${x.label}」：${x.changes.join('；')}`),
  ]);
  const nothing = !d.rules.added.length && !d.rules.removed.length && !d.rules.changed.length && !d.fields.added.length && !d.fields.removed.length && !d.fields.changed.length && !d.images.added.length && !d.images.removed.length && !d.images.changed.length;
  if (nothing) io.out('\n两个版本的规则、字段和图片规格相同');
  if (library === null) {
    io.out('\n未找到项目库，只比较了规则包。用 --db 指定项目库可查看对项目的影响。');
    return;
  }
  const count = (c: ImpactChange) => r.proposals.filter((p) => p.change === c).length;
  io.out(`\n对项目的影响（项目库 ${library}，检查了 ${r.checked} 个项目）：${IMPACT_CHANGES.map((c) => `${IMPACT_CHANGE_LABELS[c]} ${count(c)} 个`).join('，')}`);
  for (const p of r.proposals) {
    io.out(`  ${IMPACT_CHANGE_LABELS[p.change]}  《${p.title || '（未命名）'}》（${p.id}${p.district ? `，${p.district}` : ''}）`);
    for (const f of p.nowFailing) io.out(`      + [${f.ruleId}] ${f.message}`);
    for (const f of p.nowPassing) io.out(`      - [${f.ruleId}] ${f.message}`);
  }
}

function withStore<T>(io: CliIo, db: string | undefined, fn: (store: RulePackStore) => T): T {
  const lib = openLibrary(io, db);
  try {
    return fn(openCore(lib, defaultTemplatesDir(io.env)).rulePacks);
  } finally {
    lib.close();
  }
}

async function diff(args: string[], io: CliIo, json: boolean, dbFlag: string | undefined): Promise<number> {
  if (args.length !== 2) throw new AppError('INVALID_INPUT', '请给出两个规则包文件：shance rules diff 旧文件 新文件');
  const [a, b] = args.map((f) => loadPackFile(resolve(io.cwd, f))) as [ReturnType<typeof loadPackFile>, ReturnType<typeof loadPackFile>];
  const dbPath = resolveDbPath({ flag: dbFlag, env: io.env });
  const explicit = dbFlag !== undefined || io.env.SHANCE_DB !== undefined;
  let report: ImpactReport;
  let library: string | null = dbPath;
  if (existsSync(dbPath)) {
    const lib = Library.open(dbPath);
    try {
      report = impactReport(a, b, lib.proposals.all());
    } finally {
      lib.close();
    }
  } else if (explicit) {
    throw new AppError('FILE_INVALID', `找不到项目库「${dbPath}」`);
  } else {
    library = null;
    report = impactReport(a, b, []);
  }
  if (json) io.out(JSON.stringify({ ...report, library }));
  else printReport(io, report, library);
  return EXIT.ok;
}

export const rulesCommand: Command = {
  name: 'rules',
  usage: USAGE,
  run(args, io) {
    return withParsedArgs(io, args, { ...LIBRARY_OPTIONS, latest: { type: 'boolean', default: false } }, this.usage, async ({ values, positionals }) => {
      const [sub, ...rest] = positionals;
      switch (sub) {
        case 'diff':
          return await diff(rest, io, values.json, values.db);
        case 'list': {
          const packs = withStore(io, values.db, (s) => s.list());
          if (values.json) io.out(JSON.stringify({ packs }));
          else {
            for (const p of packs) {
              io.out(
                `${p.id}\t${p.name}\t使用 ${p.activeVersion}${p.pinnedVersion ? '（已固定）' : ''}${p.upcoming ? `；${p.upcoming.version} 将于 ${p.upcoming.effectiveDate} 起取代它` : ''}`,
              );
              for (const v of p.versions) {
                io.out(`  ${v.active ? '*' : ' '} ${v.version}\t${v.effectiveDate} 生效\t${v.origin === 'shipped' ? '随善策发布' : `导入于 ${v.importedAt}`}\t${v.summary}`);
              }
            }
          }
          return EXIT.ok;
        }
        case 'import': {
          if (rest.length === 0) throw new AppError('INVALID_INPUT', '请指定要导入的规则包文件');
          const items = rest.map((f) => {
            const path = resolve(io.cwd, f);
            let text: string;
            try {
              text = readFileSync(path, 'utf8');
            } catch {
              throw new AppError('FILE_INVALID', `找不到规则包文件「${f}」`);
            }
            return { raw: parseJsonText(text, basename(f)), where: basename(f) };
          });
          const imported = withStore(io, values.db, (s) => s.importParsed(items));
          if (values.json) io.out(JSON.stringify({ imported }));
          else {
            for (const i of imported) {
              const later = !i.active && i.effectiveDate > chongqingToday() ? `，将于 ${i.effectiveDate} 生效，届时取代正在使用的版本` : '';
              io.out(`${i.id} ${i.version}：${i.status === 'added' ? '已导入' : '已存在，内容相同，未重复导入'}${i.active ? '，正在使用' : later}`);
            }
          }
          return EXIT.ok;
        }
        case 'pin': {
          const [id, version] = rest;
          if (!id || (!version && !values.latest)) throw new AppError('INVALID_INPUT', '用法：shance rules pin 平台 版本，或 shance rules pin 平台 --latest');
          const info = withStore(io, values.db, (s) => s.pin(id, values.latest ? null : version!));
          if (values.json) io.out(JSON.stringify(info));
          else io.out(`「${info.name}」现在使用 ${info.activeVersion} 版${info.pinnedVersion ? '（已固定）' : '（最新版本）'}`);
          return EXIT.ok;
        }
        default:
          io.err(sub ? `未知的子命令「${sub}」\n\n${USAGE}` : USAGE);
          return EXIT.badInput;
      }
    });
  },
};
