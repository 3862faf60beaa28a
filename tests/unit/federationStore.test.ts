import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_SCHEMA_VERSION } from '../../src/federation/db/migrations';
import { importBundle, openFederationStore, type FederationStore } from '../../src/federation';
import { connect } from '../../src/federation/db/sql';
import { cli } from './helpers/cli';
import { cjkText } from './helpers/dedupeText';
import { DATABASES, freshDatabase } from './helpers/federation';
import { makeProposal } from './helpers/proposals';
import { tmpDir, tmpLibrary } from './helpers/tmp';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const BOOT = 180_000;

describe.each(DATABASES)('the federation store on %s', (kind) => {
  let store: FederationStore;
  let target: { dataDir?: string; databaseUrl?: string };
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await freshDatabase(kind);
    target = kind === 'pglite' ? { dataDir: join(tmpDirOnce(), 'server') } : db.target;
    drop = db.drop;
    store = await openFederationStore(target);
  }, BOOT);
  afterAll(async () => {
    await store?.close();
    await drop?.();
  }, BOOT);

  it('stores each proposal document once, in its revision, uncompressed (every push writes one; compressing cost a quarter of the write)', async () => {
    const rows = await store.db.query<{ col: string; storage: string }>(
      `SELECT attrelid::regclass::text || '.' || attname AS col, attstorage AS storage FROM pg_attribute
       WHERE attrelid IN ('proposals'::regclass, 'proposal_revisions'::regclass) AND attname IN ('doc', 'doc_text') AND NOT attisdropped
       ORDER BY 1`,
    );
    // 'e' is EXTERNAL: out of line when large, never compressed ('x', the default, compresses).
    expect(rows).toEqual([{ col: 'proposal_revisions.doc', storage: 'e' }]);
  });

  it('imports a district’s bundle whole, again as unchanged, and an edited copy as a kept conflict', async () => {
    const lib = tmpLibrary();
    const a = lib.proposals.insert(makeProposal({ district: '石柱土家族自治县', title: '石柱助学', sections: { background: cjkText(1, 300) } }));
    const b = lib.proposals.insert(makeProposal({ district: '石柱土家族自治县', title: '石柱助餐', sections: { background: cjkText(2, 300) } }));
    const bundle = lib.exportBundle(null).bytes;
    expect(await importBundle(store, bundle, 'admin')).toEqual({ added: 2, updated: 0, unchanged: 0, conflicts: 0, images: 0 });
    expect(await importBundle(store, bundle, 'admin')).toMatchObject({ added: 0, unchanged: 2 });
    lib.proposals.save({ ...a, title: '石柱助学（修改）', updatedAt: new Date(Date.now() + 5000).toISOString() });
    expect(await importBundle(store, lib.exportBundle([a.id]).bytes, 'admin')).toMatchObject({ conflicts: 1 });
    const rows = await store.db.query<{ id: string; title: string }>('SELECT id, title FROM proposals WHERE id = ANY($1::text[]) ORDER BY title', [[a.id, b.id]]);
    expect(rows.map((r) => r.title)).toEqual(['石柱助学（修改）', '石柱助餐']);
    expect(await store.db.query('SELECT 1 FROM conflicts WHERE proposal_id = $1', [a.id])).toHaveLength(1);
  });

  it('imports nothing from a bundle with one proposal it cannot place', async () => {
    const lib = tmpLibrary();
    const good = lib.proposals.insert(makeProposal({ district: '巫山县', title: '巫山好项目' }));
    lib.proposals.insert(makeProposal({ district: '火星区', title: '不明区县的项目' }));
    await expect(importBundle(store, lib.exportBundle(null).bytes, 'admin')).rejects.toThrow(/火星区.*不是重庆市的区县名称.*未导入任何内容/);
    expect(await store.db.query('SELECT 1 FROM proposals WHERE id = $1', [good.id])).toHaveLength(0);
  });

  it('refuses a database from a newer server without changing it', async () => {
    const other = await freshDatabase(kind);
    const t = kind === 'pglite' ? { dataDir: join(tmpDirOnce(), 'newer') } : other.target;
    try {
      const first = await openFederationStore(t);
      await first.db.query('UPDATE shance_schema SET version = 99');
      await first.db.query('CREATE TABLE from_the_future (x int)');
      await first.close();
      await expect(openFederationStore(t)).rejects.toThrow(/更新版本的善策总会服务器.*数据库版本 99.*未做任何修改/);
      const raw = await connect(t.dataDir ? { dataDir: t.dataDir } : { url: t.databaseUrl! });
      expect(await raw.query('SELECT version FROM shance_schema')).toEqual([{ version: 99 }]);
      await raw.close();
    } finally {
      await other.drop();
    }
  }, BOOT);
});

let sharedTmp: string | null = null;
/** One folder for the whole file: tmpDir() is emptied after each test, the stores live longer. */
function tmpDirOnce(): string {
  sharedTmp ??= mkdtempSync(join(tmpdir(), 'shance-fed-'));
  return sharedTmp;
}

describe('shance server on the command line', () => {
  it('adds a user with the password from standard input, never from an argument, and reports status', async () => {
    const dir = join(tmpDir(), 'server');
    const noStdin = await cli(['server', 'user', 'add', 'wang', '--district', '渝北区', '--role', 'drafter', '--data', dir]);
    expect(noStdin.code).toBe(2);
    expect(noStdin.err).toContain('--password-stdin');
    const stdin = 'a-long-password\n';
    const added = await cli(['server', 'user', 'add', 'wang', '--district', '渝北区', '--role', 'drafter', '--password-stdin', '--data', dir], { stdin });
    expect(added.out).toContain('已添加账号 wang（渝北区，drafter）');
    const badRole = await cli(['server', 'user', 'add', 'li', '--district', '渝北区', '--role', 'boss', '--password-stdin', '--data', dir], { stdin });
    expect(badRole.code).toBe(2);
    expect(badRole.err).toContain('未知的角色');
    const badDistrict = await cli(['server', 'user', 'add', 'li', '--district', '北京市', '--role', 'drafter', '--password-stdin', '--data', dir], { stdin });
    expect(badDistrict.err).toContain('未知的区县');
    const status = await cli(['server', 'status', '--json', '--data', dir]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ database: 'pglite', schemaVersion: SERVER_SCHEMA_VERSION, proposals: 0, users: [{ name: 'wang', district: '渝北区', role: 'drafter' }], lastSync: [] });
  }, BOOT);

  it('says in Chinese when PostgreSQL cannot be reached', async () => {
    const r = await cli(['server', 'status', '--database-url', 'postgres://nobody@127.0.0.1:1/none']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('无法连接 PostgreSQL 数据库');
  });

  it('refuses a bundle file that is not there', async () => {
    const dir = tmpDir();
    writeFileSync(join(dir, 'x.txt'), 'x');
    const r = await cli(['server', 'import', join(dir, 'missing.shance'), '--data', join(dir, 'server')]);
    expect(r.err).toContain('找不到文件');
  });
});
