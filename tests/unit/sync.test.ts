import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/openCore';
import { defaultTemplatesDir } from '../../src/core/paths';
import { FederationHttp } from '../../src/core/sync/http';
import { syncServiceFor } from '../../src/core/sync/timer';
import { SessionTokenFile } from '../../src/core/sync/tokenStore';
import { Library } from '../../src/core/library/library';
import { textToDoc } from '../../src/shared/domain/richText';
import type { Proposal } from '../../src/shared/domain/proposal';
import type { RulePack } from '../../src/shared/rules/pack';
import { cjkText } from './helpers/dedupeText';
import { makeProposal } from './helpers/proposals';
import { revised, zipPackage } from './helpers/handbook';
import { desk, type Desk } from './helpers/syncDesk';
import { PASSWORD, startSyncServer } from './helpers/syncServer';

// One real federation server (PGlite in memory) for the whole file: its first start takes seconds.
let fed: Awaited<ReturnType<typeof startSyncServer>>;
beforeAll(async () => {
  fed = await startSyncServer([
    { name: 'jiangbei', district: '江北区', role: 'drafter' },
    { name: 'jiangbei2', district: '江北区', role: 'drafter' },
    { name: 'yubei', district: '渝北区', role: 'drafter' },
    { name: 'shanghu', district: '江北区', role: 'drafter' },
    { name: 'teacher', district: '江北区', role: 'trainer' },
    { name: 'guanli', district: '市慈善总会（本级）', role: 'admin' },
  ]);
}, 180_000);
afterAll(async () => {
  await fed?.stop();
});

const later = (ms: number) => new Date(Date.now() + ms).toISOString();
const withText = (p: Proposal, background: string, at: string): Proposal => ({
  ...p,
  sections: { ...p.sections, background: { doc: textToDoc(background), text: background } },
  updatedAt: at,
});

async function connected(user: string, keep = false): Promise<Desk & { close(): void }> {
  const d = desk({ keep });
  await d.sync.connect(fed.server.url, user, PASSWORD);
  // connect() starts the first sync in the background; wait for it like the settings screen does.
  await d.sync.sync();
  return d;
}

const tableCount = (d: Desk, table: string) => (d.lib.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('logging in changes nothing unless it succeeds', () => {
  it('refuses a wrong password with the server\'s Chinese message and stores no server, user or session', async () => {
    const d = desk();
    d.lib.proposals.insert(makeProposal({ title: '本机项目', district: '江北区' }));
    const res = await d.dispatch('sync.connect', { server: fed.server.url, user: 'shanghu', password: '错误的密码-0000' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('UNAUTHORIZED');
    expect(res.error.message).toMatch(/用户名或密码不正确/);
    expect(tableCount(d, 'sync_server')).toBe(0);
    expect(tableCount(d, 'sync_proposals')).toBe(0);
    expect((await d.call('sync.status', {})).state).toBe('unconfigured');
  });

  it('says the server cannot be reached, in Chinese, and stores nothing', async () => {
    const d = desk();
    // A port nothing listens on: the server's, after a throwaway server there was closed.
    const res = await d.dispatch('sync.connect', { server: 'http://127.0.0.1:9', user: 'jiangbei', password: PASSWORD });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('OFFLINE');
    expect(res.error.message).toMatch(/无法连接总会服务器/);
    expect(tableCount(d, 'sync_server')).toBe(0);
  });

  it('refuses an answer that does not match the contract, whatever answered', async () => {
    // Something on the intranet that is not a ShanCe server answers with an envelope of the wrong shape.
    const impostor = createServer((_req, res) => res.end(JSON.stringify({ ok: true, value: { token: 42 } })));
    await new Promise<void>((r) => impostor.listen(0, '127.0.0.1', r));
    try {
      const d = desk();
      const res = await d.dispatch('sync.connect', { server: `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`, user: 'jiangbei', password: PASSWORD });
      expect(res.ok ? null : res.error.code).toBe('SERVER_ERROR');
      expect(tableCount(d, 'sync_server')).toBe(0);
    } finally {
      impostor.close();
    }
  });
});

describe('two districts share one library', () => {
  let jiangbei: Desk & { close(): void };
  let yubei: Desk & { close(): void };
  let submitted: Proposal;
  const background = cjkText(11, 900);
  const plan = cjkText(12, 700);

  beforeAll(async () => {
    jiangbei = await connected('jiangbei', true);
    yubei = await connected('yubei', true);
  }, 120_000);
  afterAll(() => {
    jiangbei?.close();
    yubei?.close();
  });

  it('sends the district\'s changed proposals up and counts them as pending until then', async () => {
    submitted = jiangbei.lib.proposals.insert(
      makeProposal({ title: '江北区社区长者助餐', district: '江北区', status: 'submitted', sections: { background, plan } }),
    );
    jiangbei.lib.proposals.insert(makeProposal({ title: '江北区草稿', district: '江北区', sections: { background: cjkText(13, 400) } }));
    expect((await jiangbei.call('sync.status', {})).pending).toBe(2);
    const summary = await jiangbei.sync.sync();
    expect(summary.uploaded).toBe(2);
    const status = await jiangbei.call('sync.status', {});
    expect(status.pending).toBe(0);
    expect(status.state).toBe('synced');
    // A second sync has nothing to send.
    expect((await jiangbei.sync.sync()).uploaded).toBe(0);
  });

  it('brings other districts\' submitted proposals down read-only, apart from the library list, and never their drafts', async () => {
    const summary = await yubei.sync.sync();
    expect(summary.remote).toBe(1);
    const list = await yubei.call('proposal.list', { limit: 100 });
    expect(list.total).toBe(0);
    const rows = yubei.lib.db.prepare('SELECT id, district, status FROM remote_proposals').all();
    expect(rows).toEqual([{ id: submitted.id, district: '江北区', status: 'submitted' }]);
  });

  it('shows the other district\'s proposal in 相似项目 and 同质化检查 for a near-copy', async () => {
    const draft = makeProposal({ title: '渝北区长者助餐', district: '渝北区', sections: { background: background.slice(0, 800) + cjkText(14, 200), plan } });
    const similar = await yubei.call('dedupe.similar', { proposal: draft, limit: 10, minScore: 0.25 });
    expect(similar.items.map((i) => [i.id, i.district, i.remote])).toEqual([[submitted.id, '江北区', true]]);
    // 对照 opens the remote proposal's text.
    const cmp = await yubei.call('dedupe.compare', { a: { proposal: draft }, b: { id: submitted.id } });
    expect(cmp.b.title).toBe('江北区社区长者助餐');

    yubei.lib.proposals.insert(draft);
    const report = await yubei.call('dedupe.report', { threshold: 0.25 });
    expect(report.clusters.map((c) => c.members.map((m) => [m.id, m.remote]).sort())).toEqual([
      [
        [submitted.id, true],
        [draft.id, false],
      ].sort(),
    ]);
    // It opens read-only, with the district that filed it.
    const remote = await yubei.call('sync.remoteProposal', { id: submitted.id });
    expect([remote.district, remote.by, remote.proposal.sections.plan.text]).toEqual(['江北区', 'jiangbei', plan]);
  });

  it('stops comparing a proposal the server no longer shows (sent back to 草稿)', async () => {
    // Status moves only through the review path now; an amendment (变更) is what brings a proposal back to 草稿.
    const back = jiangbei.lib.proposals.replace({ ...jiangbei.lib.proposals.get(submitted.id), status: 'draft', updatedAt: later(1000) });
    expect(back.status).toBe('draft');
    await jiangbei.sync.sync();
    await yubei.sync.sync();
    expect(tableCount(yubei, 'remote_proposals')).toBe(0);
    const draft = makeProposal({ title: '渝北区长者助餐二', district: '渝北区', sections: { background, plan } });
    const similar = await yubei.call('dedupe.similar', { proposal: draft, limit: 10, minScore: 0.25 });
    expect(similar.items.filter((i) => i.id === submitted.id)).toEqual([]);
  });

  it('keeps a proposal the server refused out of the queue until it changes, with the reason', async () => {
    const other = yubei.lib.proposals.insert(makeProposal({ title: '误填区县的项目', district: '江北区' }));
    const summary = await yubei.sync.sync();
    expect(summary.rejected).toBeGreaterThanOrEqual(1);
    const status = await yubei.call('sync.status', {});
    expect(status.rejected.map((r) => r.id)).toContain(other.id);
    expect(status.rejected.find((r) => r.id === other.id)!.reason).toMatch(/只能上传本区县的项目/);
    expect((await yubei.sync.sync()).rejected).toBe(0);
  });
});

describe('images travel once, by SHA-256', () => {
  it('uploads a picture two proposals share once, and a second desk of the district gets it', async () => {
    const a = await connected('jiangbei2');
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).png().toBuffer();
    const ref = await a.lib.images.add(png, '合影.png');
    a.lib.proposals.insert(makeProposal({ title: '图片项目一', district: '江北区', images: [ref] }));
    a.lib.proposals.insert(makeProposal({ title: '图片项目二', district: '江北区', images: [{ ...ref, id: 'img-2' }] }));
    const first = await a.sync.sync();
    expect(first.images).toBe(1);

    const b = await connected('jiangbei2');
    expect(b.lib.images.get(ref.sha256).data.equals(png)).toBe(true);
    const titles = (await b.call('proposal.list', { limit: 100 })).items.map((i) => i.title);
    expect(titles).toEqual(expect.arrayContaining(['图片项目一', '图片项目二']));
  });
});

describe('a proposal changed on two desks since the last sync', () => {
  it('keeps the earlier edit as a revision on the desk whose edit lost, with a notice, and it can be taken over', async () => {
    const a = await connected('jiangbei');
    const p = a.lib.proposals.insert(makeProposal({ title: '冲突测试项目', district: '江北区', sections: { background: '共同的起点' } }));
    await a.sync.sync();
    const b = await connected('jiangbei');
    expect(b.lib.proposals.get(p.id).sections.background.text).toBe('共同的起点');

    // A edits first, B later; B syncs first, then A: A's edit is the older one and loses.
    a.lib.proposals.save(withText(a.lib.proposals.get(p.id), '甲电脑上写的背景', later(1000)));
    b.lib.proposals.save(withText(b.lib.proposals.get(p.id), '乙电脑上写的背景', later(2000)));
    await b.sync.sync();
    const summary = await a.sync.sync();
    expect(summary.conflicts).toBe(1);

    expect(a.lib.proposals.get(p.id).sections.background.text).toBe('乙电脑上写的背景');
    const [conflict] = (await a.call('sync.conflicts', { id: p.id })).items;
    expect(conflict).toMatchObject({ by: 'jiangbei', dismissed: false });
    const losing = await a.call('proposal.revision', { id: p.id, rev: conflict!.rev });
    expect(losing.sections.background.text).toBe('甲电脑上写的背景');
    expect((await a.call('sync.status', {})).conflicts).toBe(1);

    // B had the later edit; the next sync brings it A's losing version as a conflict revision too.
    await b.sync.sync();
    const bConflicts = (await b.call('sync.conflicts', { id: p.id })).items;
    expect(bConflicts).toHaveLength(1);
    expect((await b.call('proposal.revision', { id: p.id, rev: bConflicts[0]!.rev })).sections.background.text).toBe('甲电脑上写的背景');
    expect(b.lib.proposals.get(p.id).sections.background.text).toBe('乙电脑上写的背景');

    // Taking the losing version over is an ordinary save, which goes up at the next sync.
    a.lib.proposals.save({ ...losing, updatedAt: later(3000) });
    await a.call('sync.dismissConflict', { id: p.id, conflictRev: conflict!.conflictRev });
    expect((await a.sync.sync()).uploaded).toBe(1);
    await b.sync.sync();
    expect(b.lib.proposals.get(p.id).sections.background.text).toBe('甲电脑上写的背景');
  });
});

describe('offline', () => {
  it('keeps working when the server cannot be reached: the header says 离线, the change waits, nothing is lost', async () => {
    const d = await connected('shanghu');
    const p = d.lib.proposals.insert(makeProposal({ title: '离线时写的项目', district: '江北区', sections: { background: '断网时写下的文字' } }));
    const cursor = d.sync.state.server()!.cursor;
    // The server moved away (or the cable was pulled).
    d.lib.db.prepare("UPDATE sync_server SET url = 'http://127.0.0.1:9'").run();
    await expect(d.sync.sync()).rejects.toMatchObject({ code: 'OFFLINE' });
    const status = await d.call('sync.status', {});
    expect([status.state, status.pending]).toEqual(['offline', 1]);
    expect(status.lastError).toMatch(/无法连接总会服务器/);
    expect(d.lib.proposals.get(p.id).sections.background.text).toBe('断网时写下的文字');
    expect(d.sync.state.server()!.cursor).toBe(cursor);
    // Back online: the waiting change goes up.
    d.lib.db.prepare('UPDATE sync_server SET url = ?').run(fed.server.url);
    expect((await d.sync.sync()).uploaded).toBe(1);
    expect((await d.call('sync.status', {})).state).toBe('synced');
  });
});

describe('an expired or forged session', () => {
  it('asks for the password again and changes nothing', async () => {
    const d = await connected('shanghu');
    d.lib.proposals.insert(makeProposal({ title: '会话失效时写的项目', district: '江北区' }));
    new SessionTokenFile(`${d.lib.path}.session`).write('forged-token');
    const cursor = d.sync.state.server()!.cursor;
    await expect(d.sync.sync()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const status = await d.call('sync.status', {});
    expect([status.state, status.pending]).toEqual(['needsLogin', 1]);
    expect(d.sync.state.server()!.cursor).toBe(cursor);
    // Logging in again (the settings screen) sends the waiting change.
    await d.call('sync.connect', { server: fed.server.url, user: 'shanghu', password: PASSWORD });
    await d.sync.sync();
    expect((await d.call('sync.status', {})).pending).toBe(0);
  });
});

describe('what the federation publishes', () => {
  it('imports a published rule pack version into the desk\'s rule pack store', async () => {
    const shipped = JSON.parse(readFileSync(join(defaultTemplatesDir(), 'rules', 'weibo.json'), 'utf8')) as RulePack;
    const pack: RulePack = {
      ...shipped,
      version: '2099.1',
      effectiveDate: '2026-01-01',
      changelog: [...shipped.changelog, { version: '2099.1', date: '2026-01-01', summary: '总会统一发布的测试版本' }],
    };
    const teacher = new FederationHttp(fed.server.url);
    const session = await teacher.call('auth.login', { user: 'teacher', password: PASSWORD });
    teacher.setToken(session.token);
    await teacher.call('rules.publish', { pack });

    const d = await connected('yubei');
    expect(d.sync.status().lastResult?.packs).toEqual([{ id: pack.id, version: '2099.1', effectiveDate: '2026-01-01' }]);
    const packs = (await d.call('rules.packs', {})).packs.find((p) => p.id === pack.id)!;
    expect(packs.versions.map((v) => v.version)).toContain('2099.1');
    expect(packs.versions.find((v) => v.version === '2099.1')!.origin).toBe('imported');
  });

  it('makes a published handbook version the desk\'s current handbook', async () => {
    const teacher = new FederationHttp(fed.server.url);
    teacher.setToken((await teacher.call('auth.login', { user: 'teacher', password: PASSWORD })).token);
    await teacher.call('handbook.publish', { version: '9.1', package: Buffer.from(zipPackage(revised('9.1'))).toString('base64') });

    const d = await connected('yubei');
    expect(d.sync.status().lastResult?.handbooks).toEqual(['9.1']);
    const versions = await d.call('handbook.versions', {});
    expect(versions.items.find((v) => v.current)?.version).toBe('9.1');
  });
});

describe('a deletion travels', () => {
  it('deletes on the server a proposal moved to the trash, drops it from other desks, and a restore brings it back', async () => {
    const background = cjkText(71, 900);
    const plan = cjkText(72, 700);
    const a = await connected('jiangbei');
    const p = a.lib.proposals.insert(makeProposal({ title: '江北区将被删除的项目', district: '江北区', status: 'submitted', sections: { background, plan } }));
    await a.sync.sync();
    const b = await connected('jiangbei2');
    const other = await connected('yubei');
    expect(b.lib.proposals.find(p.id)?.deletedAt).toBeNull();
    expect(other.lib.db.prepare('SELECT id FROM remote_proposals WHERE id = ?').get(p.id)).toEqual({ id: p.id });
    const nearCopy = makeProposal({ title: '渝北区助餐', district: '渝北区', sections: { background, plan } });
    const serverFinds = async () => (await fed.store.similar.similar({ name: 'yubei', district: '渝北区', role: 'drafter' }, nearCopy, 10)).map((m) => m.id);
    expect(await serverFinds()).toContain(p.id);

    await a.call('proposal.delete', { id: p.id });
    expect((await a.call('sync.status', {})).pending).toBe(1);
    expect((await a.sync.sync()).deleted).toBe(1);
    expect((await a.call('sync.status', {})).pending).toBe(0);
    const [row] = await fed.store.db.query<{ deleted_at: Date | null }>('SELECT deleted_at FROM proposals WHERE id = $1', [p.id]);
    expect(row?.deleted_at).toBeInstanceOf(Date);
    expect(await serverFinds()).not.toContain(p.id);

    await other.sync.sync();
    expect(other.lib.db.prepare('SELECT id FROM remote_proposals WHERE id = ?').get(p.id)).toBeUndefined();
    const similar = await other.call('dedupe.similar', { proposal: nearCopy, limit: 10, minScore: 0.25 });
    expect(similar.items.map((i) => i.id)).not.toContain(p.id);
    // The district's other desk keeps its copy in the trash, where nothing is lost.
    await b.sync.sync();
    expect(b.lib.proposals.find(p.id)?.deletedAt).toEqual(expect.any(String));

    await a.call('proposal.restore', { id: p.id });
    expect((await a.sync.sync()).uploaded).toBe(1);
    expect(await serverFinds()).toContain(p.id);
    await other.sync.sync();
    expect(other.lib.db.prepare('SELECT id FROM remote_proposals WHERE id = ?').get(p.id)).toEqual({ id: p.id });
    await b.sync.sync();
    expect(b.lib.proposals.find(p.id)?.deletedAt).toBeNull();
  });
});

describe('the session token is kept out of the library file', () => {
  const libraryBytes = (path: string) => ['', '-wal', '-journal'].map((ext) => (existsSync(path + ext) ? readFileSync(path + ext) : Buffer.alloc(0)));

  it('keeps the token in a 0600 file beside the library, never in it, and syncs again after reopening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shance-token-'));
    try {
      const path = join(dir, 'library.db');
      let lib = Library.open(path);
      let sync = syncServiceFor(openCore(lib, defaultTemplatesDir()));
      await sync.connect(fed.server.url, 'jiangbei', PASSWORD);
      await sync.sync();
      lib.proposals.insert(makeProposal({ title: '令牌测试项目', district: '江北区' }));
      expect((await sync.sync()).uploaded).toBe(1);
      const token = new SessionTokenFile(`${path}.session`).read();
      expect(token).toMatch(/^[\w-]{40,}$/);
      expect(statSync(`${path}.session`).mode & 0o777).toBe(0o600);
      for (const bytes of libraryBytes(path)) expect(bytes.includes(Buffer.from(token!))).toBe(false);
      lib.close();
      for (const bytes of libraryBytes(path)) expect(bytes.includes(Buffer.from(token!))).toBe(false);

      lib = Library.open(path);
      sync = syncServiceFor(openCore(lib, defaultTemplatesDir()));
      expect(sync.status().state).not.toBe('needsLogin');
      lib.proposals.insert(makeProposal({ title: '重新打开后写的项目', district: '江北区' }));
      expect((await sync.sync()).uploaded).toBe(1);
      // A copy of the library file alone carries no session: it asks for the password.
      lib.close();
      copyFileSync(path, join(dir, 'copy.db'));
      const copy = Library.open(join(dir, 'copy.db'));
      expect(syncServiceFor(openCore(copy, defaultTemplatesDir())).status().state).toBe('needsLogin');
      copy.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('moves a token an older version stored in the library out of it, and wipes it there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shance-token-'));
    try {
      const path = join(dir, 'library.db');
      const { token } = await new FederationHttp(fed.server.url).call('auth.login', { user: 'jiangbei', password: PASSWORD });
      let lib = Library.open(path);
      lib.db
        .prepare(`INSERT INTO sync_server (id, url, user_name, district, role, token, token_expires_at, cursor) VALUES (1, ?, 'jiangbei', '江北区', 'drafter', ?, ?, 0)`)
        .run(fed.server.url, token, later(86_400_000));
      lib.close();
      expect(libraryBytes(path).some((b) => b.includes(Buffer.from(token)))).toBe(true);
      lib = Library.open(path);
      const sync = syncServiceFor(openCore(lib, defaultTemplatesDir()));
      await sync.sync();
      lib.close();
      expect(libraryBytes(path).some((b) => b.includes(Buffer.from(token)))).toBe(false);
      expect(new SessionTokenFile(`${path}.session`).read()).toBe(token);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('账号管理 from a desk', () => {
  it('lets a desk signed in as admin manage accounts through its session, and refuses a drafter\'s desk in Chinese', async () => {
    const admin = await connected('guanli');
    const added = await admin.call('sync.addAccount', { name: 'dazu', district: '大足区', role: 'drafter', password: '大足区的密码-2026' });
    expect(added).toMatchObject({ name: 'dazu', district: '大足区', disabled: false });
    expect((await admin.call('sync.accounts', {})).accounts.map((a) => a.name)).toContain('dazu');
    expect((await admin.call('sync.setAccountDisabled', { name: 'dazu', disabled: true })).disabled).toBe(true);
    const bad = await admin.dispatch('sync.addAccount', { name: 'x', district: '火星区', role: 'drafter', password: '12345678' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const drafter = await connected('yubei');
    const refused = await drafter.dispatch('sync.accounts', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只有管理员可以管理账号' } });
  });
});
