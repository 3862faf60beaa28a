import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Library } from '../../src/core/library/library';
import { cli, cliProcess } from './helpers/cli';
import { makeProposal } from './helpers/proposals';
import { tmpDir } from './helpers/tmp';

function libraryWith(...titles: string[]) {
  const dir = tmpDir();
  const db = join(dir, 'library.db');
  const lib = Library.open(db);
  const ids = titles.map((t) => lib.proposals.insert(makeProposal({ title: t, district: '永川区' })).id);
  lib.close();
  return { dir, db, ids };
}

describe('shance list / export / import', () => {
  test('list prints the library, as text and as JSON', async () => {
    const { db, ids } = libraryWith('永川区助学图书角', '永川区老年食堂');
    const text = await cli(['list', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('永川区助学图书角');
    expect(text.out).toContain('共 2 个项目');
    const json = await cli(['list', '--db', db, '--json']);
    expect(JSON.parse(json.out).items.map((i: { id: string }) => i.id).sort()).toEqual([...ids].sort());
    const search = await cli(['list', '食堂', '--db', db, '--json']);
    expect(JSON.parse(search.out).items.map((i: { title: string }) => i.title)).toEqual(['永川区老年食堂']);
  });

  test('an empty library says how to begin', async () => {
    const { db } = libraryWith();
    expect((await cli(['list', '--db', db])).out).toContain('项目库中没有项目');
  });

  test('SHANCE_DB chooses the library when --db is not given', async () => {
    const { db } = libraryWith('按环境变量找到的项目');
    expect((await cli(['list'], { env: { SHANCE_DB: db } })).out).toContain('按环境变量找到的项目');
  });

  test('export writes a bundle that import carries into another library; conflicts need a policy', async () => {
    const { dir, db, ids } = libraryWith('永川区助学图书角', '永川区老年食堂');
    const out = join(dir, '发给总会.shance');
    const exp = await cli(['export', ids[0]!, '--out', out, '--db', db]);
    expect(exp.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(`${out}.part`)).toBe(false);

    const other = join(tmpDir(), 'reviewer.db');
    const first = await cli(['import', out, '--db', other, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out).results[0].added).toEqual([ids[0]]);

    const again = await cli(['import', out, '--db', other]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('已在项目库中');
    const both = await cli(['import', out, '--db', other, '--on-conflict', 'keep-both']);
    expect(both.code).toBe(0);
    expect(JSON.parse((await cli(['list', '--db', other, '--json'])).out).total).toBe(2);
  });

  test('import takes a proposal JSON file and a JSONL file; a bad line stops the whole file', async () => {
    const dir = tmpDir();
    const db = join(dir, 'lib.db');
    const one = makeProposal({ title: '单个 JSON 项目' });
    writeFileSync(join(dir, 'one.json'), JSON.stringify(one));
    expect((await cli(['import', 'one.json', '--db', db], { cwd: dir })).code).toBe(0);

    const a = makeProposal({ title: 'JSONL 第一行' });
    const b = makeProposal({ title: 'JSONL 第二行' });
    writeFileSync(join(dir, 'many.jsonl'), `${JSON.stringify(a)}\n{broken\n${JSON.stringify({ ...b, targetFen: 'lots' })}\n${JSON.stringify(a)}\n`);
    const bad = await cli(['import', 'many.jsonl', '--db', db], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('第 2 行');
    expect(bad.err).toContain('第 3 行');
    expect(bad.err).toMatch(/第 4 行：项目编号「.+」与第 1 行重复/);
    expect(JSON.parse((await cli(['list', '--db', db, '--json'])).out).total).toBe(1);

    writeFileSync(join(dir, 'good.jsonl'), `${JSON.stringify(a)}\n\n${JSON.stringify(b)}\n`);
    expect((await cli(['import', 'good.jsonl', '--db', db], { cwd: dir })).code).toBe(0);
    expect(JSON.parse((await cli(['list', '--db', db, '--json'])).out).total).toBe(3);
  });

  test('bad input exits 2 with a Chinese message', async () => {
    const { db } = libraryWith();
    expect((await cli(['import', '/no/such/file.shance', '--db', db])).err).toContain('找不到文件');
    expect((await cli(['export', '--db', db])).code).toBe(2);
    expect((await cli(['import', 'x.json', '--on-conflict', 'merge', '--db', db])).err).toContain('--on-conflict');
    const bogus = await cli(['list', '--bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.err).toContain('未知选项 --bogus');
    expect((await cli(['export', 'x', '--out'])).err).toContain('选项 --out 缺少取值');
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('未知命令');
  });

  test('the real shance command runs from a fresh process', async () => {
    const { dir, db } = libraryWith('子进程里看到的项目');
    const res = await cliProcess(['list', '--db', db, '--json'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out).items[0].title).toBe('子进程里看到的项目');
    const bad = await cliProcess(['import', join(dir, 'nope.shance'), '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('找不到文件');
    expect(readFileSync(db).length).toBeGreaterThan(0);
  }, 30_000);

  test('a reader that closes the pipe early (shance list | head) ends the command quietly', async () => {
    const { db } = libraryWith('永川区助学图书角');
    const child = spawn(process.execPath, [join(__dirname, '../../bin/shance.mjs'), 'list', '--db', db], {
      env: { ...process.env, SHANCE_FROM_SOURCE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the command writes a line: its first write meets a closed pipe.
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(err).not.toContain('EPIPE');
    expect(code).toBe(0);
  }, 30_000);
});
