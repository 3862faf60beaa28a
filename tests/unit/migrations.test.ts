import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, schemaVersionOf, updateSchema } from '../../src/core/db/migrations';
import { openDatabase } from '../../src/core/db/open';
import { Library } from '../../src/core/library/library';
import { normalizeForSave, searchBody } from '../../src/core/library/normalize';
import { SECTION_IDS } from '../../src/shared/domain/catalog';
import { AppError } from '../../src/shared/errors';
import { makeProposal } from './helpers/proposals';
import { LIST_ALL } from './helpers/queries';
import { tmpDir } from './helpers/tmp';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('migrations', () => {
  test('an empty file is brought to the latest version with every table', () => {
    const path = join(tmpDir(), 'new.db');
    const { db } = openDatabase(path);
    expect(schemaVersionOf(db)).toBe(LATEST_VERSION);
    expect(tables(db)).toEqual(expect.arrayContaining(['proposals', 'revisions', 'images', 'proposal_fts']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  // A library left at every earlier version, with a proposal in it, upgrades without losing it.
  for (const stop of MIGRATIONS.slice(0, -1)) {
    test(`a library at version ${stop.version} upgrades to ${LATEST_VERSION} and keeps its proposals`, () => {
      const path = join(tmpDir(), `v${stop.version}.db`);
      const old = new Database(path);
      updateSchema(
        old,
        MIGRATIONS.filter((m) => m.version <= stop.version),
      );
      expect(schemaVersionOf(old)).toBe(stop.version);
      const p = makeProposal({ title: '升级前的老项目', sections: { background: '升级前写下的背景与需求' } });
      old
        .prepare('INSERT INTO proposals (id, title, focus_area, district, status, created_at, updated_at, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(p.id, p.title, p.focusArea, p.district, p.status, p.createdAt, p.updatedAt, JSON.stringify(p));
      // From the version with search on, the app of that version indexed what it saved.
      const hasSearch = old.prepare("SELECT 1 FROM sqlite_master WHERE name = 'proposal_fts'").get() !== undefined;
      if (hasSearch) old.prepare('INSERT INTO proposal_fts (id, title, body) VALUES (?, ?, ?)').run(p.id, p.title, p.sections.background.text);
      old.close();

      const lib = Library.open(path);
      try {
        expect(lib.schemaVersion).toBe(LATEST_VERSION);
        expect(lib.proposals.get(p.id).title).toBe('升级前的老项目');
        // Search covers proposals saved before (or since) the search table existed.
        expect(lib.proposals.list({ ...LIST_ALL, query: '背景与需求' }).items.map((i) => i.id)).toEqual([p.id]);
      } finally {
        lib.close();
      }
    });
  }

  // Migration 3 keeps a frozen copy of the search text (see 003-search.ts); it must index a
  // version-2 library exactly as saving indexes a proposal today, or search would differ by age.
  test('migration 3 indexes an older library with the text searchBody gives on save', () => {
    const old = new Database(join(tmpDir(), 'v2.db'));
    updateSchema(
      old,
      MIGRATIONS.filter((m) => m.version <= 2),
    );
    const sections = Object.fromEntries(SECTION_IDS.map((id, i) => [id, `第${i + 1}节 ${id} 的内容\n第二行`]));
    const p = normalizeForSave(makeProposal({ title: '检索文本', summary: '一句话概述', sections }));
    old
      .prepare('INSERT INTO proposals (id, title, focus_area, district, status, created_at, updated_at, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(p.id, p.title, p.focusArea, p.district, p.status, p.createdAt, p.updatedAt, JSON.stringify(p));
    updateSchema(
      old,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    const row = old.prepare('SELECT title, body FROM proposal_fts WHERE id = ?').get(p.id) as { title: string; body: string };
    old.close();
    expect(row.title).toBe('检索文本');
    expect(row.body).toBe(searchBody(p));
    // Written out too, so a change to searchBody that drops a section is seen here and not only as a mismatch.
    expect(row.body.split('\n')).toEqual(['一句话概述', ...SECTION_IDS.flatMap((id, i) => [`第${i + 1}节 ${id} 的内容`, '第二行'])]);
  });

  test('a failing step leaves the file exactly at its old version', () => {
    const path = join(tmpDir(), 'fail.db');
    const db = new Database(path);
    updateSchema(db, MIGRATIONS.slice(0, 1));
    const broken = [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'broken', up: () => { throw new Error('boom'); } }];
    expect(() => updateSchema(db, broken)).toThrow('boom');
    expect(schemaVersionOf(db)).toBe(1);
    expect(tables(db)).not.toContain('images');
    db.close();
  });

  test('a database from a newer ShanCe is refused with a Chinese message and not touched', () => {
    const path = join(tmpDir(), 'future.db');
    const db = new Database(path);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.exec('CREATE TABLE something_new (x)');
    db.close();
    const before = readFileSync(path);

    let err: unknown;
    try {
      Library.open(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DB_TOO_NEW');
    expect((err as AppError).message).toContain('更新版本的善策');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  test('a file that is not a database gets a clear message', () => {
    const path = join(tmpDir(), 'notes.db');
    writeFileSync(path, '这不是数据库文件，只是一段文字。'.repeat(100));
    expect(() => Library.open(path)).toThrow(/不是善策项目库/);
  });
});

