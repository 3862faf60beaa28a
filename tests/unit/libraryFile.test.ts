import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { readBundle } from '../../src/core/bundle/readBundle';
import { backupLibrary, listBackups } from '../../src/core/db/backup';
import { LATEST_VERSION } from '../../src/core/db/migrations';
import { defaultTemplatesDir } from '../../src/core/paths';
import { Library } from '../../src/core/library/library';
import { AppError } from '../../src/shared/errors';
import { makeProposal } from './helpers/proposals';
import { tmpDir } from './helpers/tmp';

const digest = (path: string) => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null);
/** The library file and its pending -wal (a missing -wal and an empty one both mean none pending). */
const snapshot = (path: string) => ({ main: digest(path), wal: existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0 ? digest(`${path}-wal`) : null });

function refusal(path: string): AppError {
  try {
    Library.open(path).close();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('the file was opened');
}

describe('never adopt another program’s database', () => {
  test('a new library carries ShanCe’s marker', () => {
    const path = join(tmpDir(), 'library.db');
    Library.open(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(0x53684365);
    db.close();
  });

  test('an unrelated SQLite file is refused and left byte-identical (no tables, no WAL)', () => {
    const path = join(tmpDir(), 'accounts.sqlite');
    const other = new Database(path);
    other.exec("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER); INSERT INTO ledger (amount) VALUES (100)");
    other.close();
    const before = snapshot(path);
    const err = refusal(path);
    expect(err.code).toBe('DB_UNREADABLE');
    expect(err.message).toContain('不是善策项目库');
    expect(err.message).toContain('未做任何修改');
    expect(snapshot(path)).toEqual(before);
  });

  test('a file marked by another program is refused untouched even if it has a proposals table', () => {
    const path = join(tmpDir(), 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE proposals (x); CREATE TABLE revisions (y)');
    other.pragma('user_version = 1');
    other.pragma('application_id = 12345');
    other.close();
    const before = snapshot(path);
    expect(refusal(path).code).toBe('DB_UNREADABLE');
    expect(snapshot(path)).toEqual(before);
  });

  test('a library from before the marker is recognised by its tables and keeps its proposals', () => {
    const path = join(tmpDir(), 'old.db');
    const lib = Library.open(path);
    const p = lib.proposals.insert(makeProposal({ title: '标记之前的项目' }));
    lib.db.pragma('application_id = 0');
    lib.close();
    const again = Library.open(path);
    expect(again.proposals.get(p.id).title).toBe('标记之前的项目');
    expect(again.db.pragma('application_id', { simple: true })).toBe(0x53684365);
    again.close();
  });
});

describe('refusals leave files byte-identical', () => {
  test('a newer-version library with a pending -wal is refused and neither file changes', () => {
    const path = join(tmpDir(), 'future.db');
    const lib = Library.open(path);
    lib.proposals.insert(makeProposal({ title: '未来版本' }));
    lib.db.pragma(`user_version = ${LATEST_VERSION + 3}`);
    // Leave the WAL un-checkpointed, as a crash (or a newer app still running) would.
    const saved = { main: readFileSync(path), wal: readFileSync(`${path}-wal`), shm: readFileSync(`${path}-shm`) };
    lib.close();
    const dir = tmpDir();
    const copy = join(dir, 'future.db');
    writeFileSync(copy, saved.main);
    writeFileSync(`${copy}-wal`, saved.wal);
    writeFileSync(`${copy}-shm`, saved.shm);
    const before = snapshot(copy);
    expect(before.wal).not.toBeNull();
    const err = refusal(copy);
    expect(err.code).toBe('DB_TOO_NEW');
    expect(err.message).toContain('请升级善策');
    expect(snapshot(copy)).toEqual(before);
  });
});

/** A library with a damaged page in the middle of its proposals table. */
function damagedLibrary() {
  const path = join(tmpDir(), 'library.db');
  const lib = Library.open(path);
  const ids: string[] = [];
  for (let i = 0; i < 60; i++) {
    ids.push(lib.proposals.insert(makeProposal({ title: `项目${i}`, sections: { background: `背景${i}`.repeat(300) } })).id);
  }
  const leaves = lib.db.prepare("SELECT pageno FROM dbstat WHERE name = 'proposals' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[];
  const pageSize = lib.db.pragma('page_size', { simple: true }) as number;
  lib.close();
  const victim = leaves[Math.floor(leaves.length / 2)]!.pageno;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (victim - 1) * pageSize);
  closeSync(fd);
  return { path, ids };
}

describe('a damaged library is found at open', () => {
  test('it opens read-only with a Chinese notice; writes are refused in Chinese, not with a false reassurance', async () => {
    const { path } = damagedLibrary();
    const before = snapshot(path);
    const lib = Library.open(path);
    try {
      expect(lib.health.state).toBe('damaged');
      expect(lib.readOnly).toBe(true);
      const dispatch = createDispatch(createHandlers({ lib, templatesDir: defaultTemplatesDir() }), () => {});
      const health = await dispatch('library.health', {});
      expect(health.ok && health.value).toMatchObject({ state: 'damaged', readOnly: true });
      expect(health.ok && (health.value as { notice: string }).notice).toContain('已损坏，已以只读方式打开');
      const create = await dispatch('proposal.create', { title: '新项目' });
      expect(create.ok).toBe(false);
      if (!create.ok) {
        expect(create.error.code).toBe('DB_DAMAGED');
        expect(create.error.message).not.toContain('已保存的内容不受影响');
      }
      const check = await dispatch('library.check', {});
      expect(check.ok && (check.value as { ok: boolean }).ok).toBe(false);
    } finally {
      lib.close();
    }
    expect(snapshot(path)).toEqual(before);
  });

  test('everything still readable can be exported as a bundle, losses named', async () => {
    const { path, ids } = damagedLibrary();
    const lib = Library.open(path);
    const { bytes, count, lost } = lib.exportReadable();
    lib.close();
    expect(count).toBeGreaterThan(30);
    expect(count).toBeLessThan(ids.length);
    expect(lost.length).toBeGreaterThan(0);
    const source = await readBundle(bytes);
    expect(source.proposals.length).toBe(count);
    expect(source.proposals.every((p) => ids.includes(p.id))).toBe(true);
  });

  test('a healthy library passes the full check', async () => {
    const lib = Library.open(join(tmpDir(), 'ok.db'));
    lib.proposals.insert(makeProposal());
    expect(lib.integrityProblems()).toEqual([]);
    expect(lib.health.state).toBe('ok');
    lib.close();
  });
});

describe('备份', () => {
  test('a backup is a consistent library with the same proposals; only the last N are kept', async () => {
    const path = join(tmpDir(), 'library.db');
    const lib = Library.open(path);
    const p = lib.proposals.insert(makeProposal({ title: '要备份的项目' }));
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await backupLibrary(lib.db, path, 3, new Date(2026, 0, 1, 9, 0, i)));
    lib.proposals.insert(makeProposal({ title: '备份之后的项目' }));
    lib.close();
    const kept = listBackups(path);
    expect(kept.map((b) => b.fileName)).toEqual(made.slice(1).reverse().map((b) => b.fileName));
    const restored = join(tmpDir(), 'restored.db');
    copyFileSync(kept[0]!.path, restored);
    const back = Library.open(restored);
    expect(back.health.state).toBe('ok');
    expect(back.proposals.list({ query: '', sort: 'updated', trash: false, offset: 0, limit: 50 } as never).items.map((i) => i.title)).toEqual(['要备份的项目']);
    expect(back.proposals.get(p.id).title).toBe('要备份的项目');
    back.close();
  });
});
