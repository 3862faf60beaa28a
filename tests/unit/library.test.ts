import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Library } from '../../src/core/library/library';
import { REVISION_INTERVAL_MS } from '../../src/core/library/proposals';
import { AppError } from '../../src/shared/errors';
import { makeProposal } from './helpers/proposals';
import { LIST_ALL } from './helpers/queries';
import { tmpDir, tmpLibrary } from './helpers/tmp';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

describe('saving', () => {
  test('the newer edit wins when an older autosave arrives after it', () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(makeProposal({ createdAt: at(0), updatedAt: at(0) }));
    const older = { ...p, summary: '第一稿', updatedAt: at(1000) };
    const newer = { ...p, summary: '第二稿，更新的文字', updatedAt: at(2000) };

    expect(lib.proposals.save(newer).stale).toBe(false);
    const late = lib.proposals.save(older);
    expect(late.stale).toBe(true);
    expect(late.proposal.summary).toBe('第二稿，更新的文字');
    expect(lib.proposals.get(p.id).summary).toBe('第二稿，更新的文字');
  });

  test('two connections to one file racing: the newer text wins whatever the order', () => {
    const path = join(tmpDir(), 'race.db');
    const one = Library.open(path);
    const two = Library.open(path);
    try {
      const p = one.proposals.insert(makeProposal({ createdAt: at(0), updatedAt: at(0) }));
      // Edits 1..40 arrive shuffled (i·7 mod 41 is a permutation), alternating between the two
      // connections; the newest (40) arrives in the middle, so whatever is written last is older.
      const order = Array.from({ length: 40 }, (_, i) => ((i + 1) * 7) % 41);
      expect(order.indexOf(40)).toBeLessThan(39);
      const stale = order.map((n, i) => (i % 2 === 0 ? one : two).proposals.save({ ...p, summary: `版本 ${n}`, updatedAt: at(n * 1000) }).stale);
      // An edit is refused exactly when a newer one was stored before it, through either connection.
      expect(stale).toEqual(order.map((n, i) => order.slice(0, i).some((m) => m > n)));
      expect(one.proposals.get(p.id).summary).toBe('版本 40');
      expect(two.proposals.get(p.id).summary).toBe('版本 40');
    } finally {
      one.close();
      two.close();
    }
  });

  test('section text is derived from the rich text, never trusted from the client', () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(makeProposal({ sections: { goals: '让三百名老人吃上热饭' } }));
    const lying = { ...p, sections: { ...p.sections, goals: { doc: p.sections.goals.doc, text: '伪造的纯文本' } }, updatedAt: at(10 ** 12) };
    expect(lib.proposals.save(lying).proposal.sections.goals.text).toBe('让三百名老人吃上热饭');
  });

  test('a proposal in the trash cannot be saved over, and comes back with restore', () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(makeProposal({ title: '要删除的项目' }));
    lib.proposals.softDelete(p.id);
    expect(lib.proposals.list(LIST_ALL).items).toHaveLength(0);
    expect(lib.proposals.list({ ...LIST_ALL, trash: true }).items.map((i) => i.title)).toEqual(['要删除的项目']);
    expect(() => lib.proposals.save({ ...p, updatedAt: at(10 ** 12) })).toThrow(/回收站/);
    lib.proposals.restore(p.id);
    expect(lib.proposals.list(LIST_ALL).items.map((i) => i.id)).toEqual([p.id]);
  });

  test('the list counts characters as the editor does: a joined emoji is one', () => {
    const lib = tmpLibrary();
    // 助老 + a family emoji (five code points joined into one) + e with a combining accent (two).
    lib.proposals.insert(makeProposal({ title: '助老\u{1F468}\u200D\u{1F469}\u200D\u{1F467}e\u0301', summary: '', sections: { goals: '热饭' } }));
    expect(lib.proposals.list(LIST_ALL).items[0]!.chars).toBe(6);
  });

  test('saving an id that is not in the library says so', () => {
    const lib = tmpLibrary();
    expect(() => lib.proposals.save(makeProposal())).toThrow(AppError);
  });
});

describe('revisions', () => {
  test('saves close together update one snapshot; a later save adds one', () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(makeProposal({ title: '第一版' }));
    lib.proposals.save({ ...p, title: '第二版', updatedAt: at(10 ** 12) });
    lib.proposals.save({ ...p, title: '第三版', updatedAt: at(10 ** 12 + 1) });
    let revs = lib.proposals.revisions(p.id);
    // Creation is always its own snapshot; the two quick saves share the next one.
    expect(revs.map((r) => r.title)).toEqual(['第三版', '第一版']);

    // Pretend the latest snapshot is older than the throttle interval.
    const old = new Date(Date.now() - REVISION_INTERVAL_MS - 1000).toISOString();
    lib.db.prepare('UPDATE revisions SET saved_at = ? WHERE proposal_id = ? AND rev = 2').run(old, p.id);
    lib.proposals.save({ ...p, title: '第四版', updatedAt: at(10 ** 12 + 2) });
    revs = lib.proposals.revisions(p.id);
    expect(revs.map((r) => r.title)).toEqual(['第四版', '第三版', '第一版']);
    expect(lib.proposals.revision(p.id, revs[1]!.rev).title).toBe('第三版');
  });
});

describe('search and listing', () => {
  function library() {
    const lib = tmpLibrary();
    lib.proposals.insert(makeProposal({ title: '渝北区独居老人助餐', focusArea: 'elderly', district: '渝北区', sections: { background: '八十岁以上独居老人三百人' } }));
    lib.proposals.insert(makeProposal({ title: '城口县乡村太阳能路灯', focusArea: 'publicService', district: '城口县', sections: { plan: '为十二个村安装路灯' } }));
    lib.proposals.insert(makeProposal({ title: '北碚区儿童图书角', focusArea: 'children', district: '北碚区', status: 'submitted', summary: '给留守儿童一个读书的地方' }));
    return lib;
  }
  const titles = (lib: Library, q: Partial<typeof LIST_ALL>) => lib.proposals.list({ ...LIST_ALL, ...q }).items.map((i) => i.title);

  test('finds Chinese substrings of three or more characters in titles and text', () => {
    const lib = library();
    expect(titles(lib, { query: '太阳能路灯' })).toEqual(['城口县乡村太阳能路灯']);
    expect(titles(lib, { query: '三百人' })).toEqual(['渝北区独居老人助餐']);
    expect(titles(lib, { query: '留守儿童' })).toEqual(['北碚区儿童图书角']);
  });

  test('finds two-character words too, and every term must match', () => {
    const lib = library();
    expect(titles(lib, { query: '路灯' })).toEqual(['城口县乡村太阳能路灯']);
    expect(titles(lib, { query: '儿童 读书' })).toEqual(['北碚区儿童图书角']);
    expect(titles(lib, { query: '儿童 路灯' })).toEqual([]);
    expect(titles(lib, { query: '100%' })).toEqual([]);
  });

  test('filters by focus area, district and status', () => {
    const lib = library();
    expect(titles(lib, { focusArea: 'elderly' })).toEqual(['渝北区独居老人助餐']);
    expect(titles(lib, { district: '城口县' })).toEqual(['城口县乡村太阳能路灯']);
    expect(titles(lib, { status: 'submitted' })).toEqual(['北碚区儿童图书角']);
    expect(lib.proposals.list(LIST_ALL).districts).toEqual(['北碚区', '城口县', '渝北区'].sort());
  });

  test('sorts titles by pinyin, and pages', () => {
    const lib = library();
    // bei < cheng < yu
    expect(titles(lib, { sort: 'title', order: 'asc' })).toEqual(['北碚区儿童图书角', '城口县乡村太阳能路灯', '渝北区独居老人助餐']);
    expect(titles(lib, { sort: 'title', order: 'asc', limit: 1, offset: 1 })).toEqual(['城口县乡村太阳能路灯']);
    expect(lib.proposals.list({ ...LIST_ALL, limit: 1 }).total).toBe(3);
  });
});

describe('a crash in the middle of writing', () => {
  test('killing the writer loses nothing it had committed, and the file passes integrity_check', async () => {
    const path = join(tmpDir(), 'crash.db');
    Library.open(path).close();
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/writer.ts'), path], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        committed.push(...lines);
        if (committed.length >= 60) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => (committed.length >= 60 ? resolve() : reject(new Error(`writer stopped early: ${stderr}`))));
    });
    await new Promise((r) => child.on('close', r));
    expect(child.signalCode).toBe('SIGKILL');

    const lib = Library.open(path);
    try {
      expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const id of committed) expect(lib.proposals.find(id), `proposal ${id} was reported committed`).toBeDefined();
      expect(lib.proposals.count()).toBeGreaterThanOrEqual(committed.length);
    } finally {
      lib.close();
    }
  }, 60_000);
});
