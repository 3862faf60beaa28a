import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import type { CliIo } from '../../src/cli/io';
import { Library } from '../../src/core/library/library';
import { completeProposal, PACKS_DIR } from './helpers/rules';
import { tmpDir } from './helpers/tmp';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A folder with a passing and a failing proposal file. */
function workspace() {
  const dir = tmpDir();
  const good = completeProposal({ id: 'good', platforms: ['tencent'] });
  const bad = completeProposal({ id: 'bad', platforms: ['tencent'], targetFen: 1 });
  bad.sections = { ...bad.sections, background: { doc: null, text: '联系人身份证11010519491231002X' } };
  writeFileSync(join(dir, 'good.json'), JSON.stringify(good));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
  return dir;
}

interface PackJson {
  version: string;
  changelog: unknown[];
  rules: { [key: string]: unknown; phrases?: string[] }[];
  fields: { maxLength: { limit: number } }[];
}

function tencentV(version: string, edit: (p: PackJson) => void): PackJson {
  const p = JSON.parse(readFileSync(join(PACKS_DIR, 'tencent.json'), 'utf8')) as PackJson;
  p.version = version;
  p.changelog.push({ version, date: '2027-01-01', summary: `版本 ${version}` });
  edit(p);
  return p;
}

describe('shance validate', () => {
  it('exits 0 when there is no error', async () => {
    const dir = workspace();
    const r = await cli(['validate', 'good.json'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('腾讯公益 1.0.0：通过');
    expect(r.out).toContain('没有错误');
  });

  it('exits 1 when errors are found, and --json prints exactly the documented shape', async () => {
    const dir = workspace();
    const r = await cli(['validate', 'bad.json', '--json'], dir);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { results: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['results']);
    expect(json.results.map((x) => [x.proposalId, x.platform, x.ok])).toEqual([
      ['bad', 'legal', false],
      ['bad', 'tencent', false],
    ]);
    for (const res of json.results) {
      expect(Object.keys(res)).toEqual(['proposalId', 'platform', 'ok', 'findings']);
      for (const f of res.findings as Record<string, unknown>[]) {
        expect(Object.keys(f)).toEqual(['ruleId', 'severity', 'field', 'message', 'fix', 'blocksExport', 'source', 'sourceKind', 'verified', 'secondary']);
        expect(typeof f.source).toBe('string');
        expect(typeof f.fix).toBe('string');
        expect(typeof f.verified).toBe('boolean');
      }
    }
    type JsonFinding = { ruleId: string; field: string; source: string; fix: string; sourceKind: string; verified: boolean; message: string };
    const legal = json.results[0]!.findings as JsonFinding[];
    expect(legal[0]).toMatchObject({ ruleId: 'legal.privacy.id-number', field: 'sections.background', sourceKind: 'law', verified: true });
    expect(legal[0]!.source).toContain('个人信息保护法');
    expect(legal[0]!.fix).toContain('删除身份证号');
    const tencent = json.results[1]!.findings as JsonFinding[];
    const sum = tencent.find((f) => f.ruleId === 'tencent.budget.sum')!;
    expect(sum.source).toContain('【总会清单默认值，待核实】');
    expect(sum).toMatchObject({ sourceKind: 'federation', verified: false });
    // The federation's unconfirmed default speaks as the federation, not as the platform.
    expect(sum.message).toMatch(/^总会清单要求：/);
    expect(sum.message).toContain('腾讯公益的规则待核实');
  });

  it('checks a folder of proposal files and .shance bundles, on the platforms asked for', async () => {
    const dir = workspace();
    const lib = Library.open(join(dir, 'lib.db'));
    lib.proposals.insert(completeProposal({ id: 'bundled', platforms: [], images: [] }));
    mkdirSync(join(dir, 'district'));
    writeFileSync(join(dir, 'district', 'from-chengkou.shance'), lib.exportBundle(['bundled']).bytes);
    lib.close();

    const all = JSON.parse((await cli(['validate', '.', '--json'], dir)).out) as { results: { proposalId: string; platform: string }[] };
    expect(all.results.map((r) => `${r.proposalId}:${r.platform}`)).toEqual(['bad:legal', 'bad:tencent', 'bundled:legal', 'good:legal', 'good:tencent']);

    const some = await cli(['validate', 'good.json', 'district', '--platform', 'jd,alipay', '--json'], dir);
    // The bundled proposal has no pictures, which both platforms require.
    expect(some.code).toBe(1);
    const results = (JSON.parse(some.out) as { results: { proposalId: string; platform: string; ok: boolean }[] }).results;
    expect(results.map((r) => [r.proposalId, r.platform, r.ok])).toEqual([
      ['good', 'legal', true],
      ['good', 'jd', true],
      ['good', 'alipay', true],
      ['bundled', 'legal', true],
      ['bundled', 'jd', false],
      ['bundled', 'alipay', false],
    ]);
    expect((await cli(['validate', 'good.json', '--platform', 'jd,alipay'], dir)).code).toBe(0);

    const every = JSON.parse((await cli(['validate', 'good.json', '--platform', 'all', '--json'], dir)).out) as { results: unknown[] };
    expect(every.results).toHaveLength(14);
  });

  it('exits 2 on bad input, with a Chinese message', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'broken.json'), '{"schemaVersion": 1, "id": ');
    writeFileSync(join(dir, 'pack.json'), readFileSync(join(PACKS_DIR, 'jd.json')));
    const cases: [string[], RegExp][] = [
      [['validate'], /请指定要检查的项目文件/],
      [['validate', 'nothing-here.json'], /找不到「.*nothing-here\.json」/],
      [['validate', 'broken.json'], /broken\.json.*不是有效的 JSON/],
      [['validate', 'pack.json'], /pack\.json.*缺少格式版本/],
      [['validate', 'good.json', '--platform', 'taobao'], /未知的平台「taobao」/],
      [['validate', 'good.json', '--rules', 'no-such-dir'], /找不到规则包文件夹/],
      [['validate', 'good.json', '--strict'], /参数错误/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
    }
  });

  it('--rules uses another folder of packs, and a malformed pack there names the file and the field', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'rules'));
    const pack = tencentV('5.0', (p) => {
      p.rules = [{ id: 'tencent.no-books', kind: 'phrases', severity: 'error', message: '不要写图书', fix: '删去', phrases: ['图书'], source: { kind: 'federation', title: '测试', verified: false } }];
    });
    writeFileSync(join(dir, 'rules', 'tencent.json'), JSON.stringify(pack));
    const r = await cli(['validate', 'good.json', '--rules', 'rules', '--json'], dir);
    expect(r.code).toBe(1);
    const results = (JSON.parse(r.out) as { results: { platform: string; findings: { ruleId: string }[] }[] }).results;
    expect(results.map((x) => x.platform)).toEqual(['tencent']);
    expect(new Set(results[0]!.findings.map((f) => f.ruleId))).toEqual(new Set(['tencent.no-books']));

    pack.rules[0]!.phrases = [];
    writeFileSync(join(dir, 'rules', 'tencent.json'), JSON.stringify(pack));
    const bad = await cli(['validate', 'good.json', '--rules', 'rules'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('规则包「tencent.json」格式有误');
    expect(bad.err).toContain('规则（rules） 第 1 条（tencent.no-books） · phrases');
  });
});

describe('shance rules', () => {
  it('diff prints the differences and the proposals whose result changes', async () => {
    const dir = workspace();
    const db = join(dir, 'lib.db');
    const lib = Library.open(db);
    lib.proposals.insert(completeProposal({ id: 'p-long', title: '城口县乡村小学图书角', platforms: ['tencent'] }));
    lib.proposals.insert(completeProposal({ id: 'p-short', title: '图书角', platforms: ['tencent'] }));
    lib.close();
    writeFileSync(join(dir, 'old.json'), readFileSync(join(PACKS_DIR, 'tencent.json')));
    writeFileSync(join(dir, 'new.json'), JSON.stringify(tencentV('1.1.0', (p) => (p.fields[0]!.maxLength.limit = 6))));

    const r = await cli(['rules', 'diff', 'old.json', 'new.json', '--db', db], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('「腾讯公益」规则包 1.0.0');
    expect(r.out).toContain('修改「项目名称」：字数上限：25 字');
    expect(r.out).toContain('变为不通过 1 个，变为通过 0 个');
    expect(r.out).toMatch(/变为不通过 {2}《城口县乡村小学图书角》（p-long/);
    expect(r.out).toContain('+ [fields.title.maxLength]');
    expect(r.out).not.toContain('p-short');

    const j = JSON.parse((await cli(['rules', 'diff', 'old.json', 'new.json', '--db', db, '--json'], dir)).out);
    expect(j.proposals.map((p: { id: string }) => p.id)).toEqual(['p-long']);
    expect(j.library).toBe(db);

    const missing = await cli(['rules', 'diff', 'old.json', 'new.json', '--db', join(dir, 'none.db')], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('找不到项目库');
    expect((await cli(['rules', 'diff', 'old.json'], dir)).code).toBe(2);
  });

  it('import, list and pin versions in the library', async () => {
    const dir = workspace();
    const env = { SHANCE_DB: join(dir, 'lib.db') };
    writeFileSync(join(dir, 'new.json'), JSON.stringify(tencentV('1.1.0', () => {})));
    writeFileSync(join(dir, 'bad.pack.json'), JSON.stringify(tencentV('1.2.0', (p) => (p.rules[0]!.severity = 'fatal'))));

    const refused = await cli(['rules', 'import', 'new.json', 'bad.pack.json'], dir, env);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('bad.pack.json');
    const none = JSON.parse((await cli(['rules', 'list', '--json'], dir, env)).out);
    expect(none.packs.find((p: { id: string }) => p.id === 'tencent').versions).toHaveLength(1);

    const ok = await cli(['rules', 'import', 'new.json'], dir, env);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('tencent 1.1.0：已导入，正在使用');
    const list = await cli(['rules', 'list'], dir, env);
    expect(list.out).toMatch(/tencent\t腾讯公益\t使用 1\.1\.0/);
    expect(list.out).toMatch(/ {3}1\.0\.0\t.*随善策发布/);

    expect((await cli(['rules', 'pin', 'tencent', '1.0.0'], dir, env)).out).toContain('现在使用 1.0.0 版（已固定）');
    expect((await cli(['rules', 'pin', 'tencent', '--latest'], dir, env)).out).toContain('现在使用 1.1.0 版（最新版本）');
    expect((await cli(['rules', 'frobnicate'], dir, env)).code).toBe(2);
  });
});

describe('the real shance command', () => {
  it('runs validate in a child process with the documented exit codes', () => {
    const dir = workspace();
    const bin = join(ROOT, 'bin', 'shance.mjs');
    const bad = spawnSync(process.execPath, [bin, 'validate', join(dir, 'bad.json'), '--json'], { encoding: 'utf8', cwd: dir });
    expect(bad.status).toBe(1);
    expect((JSON.parse(bad.stdout) as { results: unknown[] }).results).toHaveLength(2);
    const good = spawnSync(process.execPath, [bin, 'validate', join(dir, 'good.json')], { encoding: 'utf8', cwd: dir });
    expect(good.status).toBe(0);
    const missing = spawnSync(process.execPath, [bin, 'validate', join(dir, 'missing.json')], { encoding: 'utf8', cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('找不到');
  });
});
