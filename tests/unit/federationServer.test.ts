import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SERVER_SCHEMA_VERSION } from '../../src/federation/db/migrations';
import { login } from '../../src/federation/accounts';
import { contentHash } from '../../src/core/util/contentHash';
import { parseProposal } from '../../src/shared/domain/factory';
import { textToDoc } from '../../src/shared/domain/richText';
import { applyChange } from '../../src/core/sync/changes';
import { loadPackFile } from '../../src/core/rules/load';
import { defaultTemplatesDir } from '../../src/core/paths';
import type { Proposal } from '../../src/shared/domain/proposal';
import type { ConflictNotice, PublishedPack, ServerProposal } from '../../src/shared/federation/contract';
import { makeProposal } from './helpers/proposals';
import { cjkText } from './helpers/dedupeText';
import { ACCOUNTS, DATABASES, PASSWORD, startFederationWithAccounts, type TestFederation } from './helpers/federation';
import { join } from 'node:path';

const BOOT = 180_000;

function proposal(district: string, seed: number, init: Partial<Omit<Proposal, 'sections'>> = {}): Proposal {
  return makeProposal({ district, title: `${district}助餐项目${seed}`, sections: { background: cjkText(seed, 900), plan: cjkText(seed + 1000, 600) }, ...init });
}

describe.each(DATABASES)('federation server on %s', (kind) => {
  let fed: TestFederation;
  let yubei: string;
  let jiangbei: string;
  let reviewer: string;
  let trainer: string;
  let admin: string;

  beforeAll(async () => {
    ({ fed, as: { yubei, jiangbei, reviewer, trainer, admin } } = await startFederationWithAccounts(kind));
  }, BOOT);
  afterAll(async () => fed?.close(), BOOT);

  it('answers /healthz without a session, naming its database and schema version', async () => {
    const res = await fetch(`${fed.server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: kind, schemaVersion: SERVER_SCHEMA_VERSION });
  });

  describe('accounts and sessions', () => {
    it('stores passwords only as scrypt hashes and sessions only as token hashes', async () => {
      const users = await fed.store.db.query<{ password_hash: string }>('SELECT password_hash FROM users');
      for (const u of users) {
        expect(u.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
        expect(u.password_hash).not.toContain(PASSWORD);
      }
      const sessions = await fed.store.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
      expect(sessions.length).toBeGreaterThan(0);
      expect(sessions.map((s) => s.token_hash)).not.toContain(yubei);
    });

    it('refuses a wrong password and an unknown user with the same Chinese message, and audits both without the password', async () => {
      const wrong = await fed.call('auth.login', { user: 'yubei', password: 'not-the-password' });
      const unknown = await fed.call('auth.login', { user: 'nobody', password: 'not-the-password' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: '用户名或密码不正确' } });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: '用户名或密码不正确' } });
      const rows = await fed.store.db.query<{ user_name: string; outcome: string; detail: string; target: string }>(
        `SELECT user_name, outcome, detail, target FROM audit WHERE action = 'auth.login' AND outcome = 'refused'`,
      );
      expect(rows.map((r) => r.user_name)).toEqual(expect.arrayContaining(['yubei', 'nobody']));
      expect(JSON.stringify(rows)).not.toContain('not-the-password');
    });

    it('slows repeated failures: after five wrong passwords even the right one must wait', async () => {
      await fed.user('guesser', '万州区', 'drafter');
      for (let i = 0; i < 5; i++) await fed.call('auth.login', { user: 'guesser', password: `wrong-${i}-xxxx` });
      const locked = await fed.call('auth.login', { user: 'guesser', password: PASSWORD });
      expect(locked.ok).toBe(false);
      if (!locked.ok) expect(locked.error.message).toMatch(/错误次数过多，请 \d+ 秒后再试/);
    });

    it('refuses calls without a session, with a forged token and with an expired session', async () => {
      expect(await fed.call('auth.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      expect(await fed.call('auth.me', {}, 'forged-token')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      const longAgo = new Date(Date.now() - 30 * 86_400_000);
      const old = await login(fed.store.db, ACCOUNTS.jiangbei.name, PASSWORD, longAgo);
      expect(await fed.call('auth.me', {}, old.token)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' } });
      expect(await fed.ok('auth.me', {}, jiangbei)).toEqual({ name: 'jiangbei', district: '江北区', role: 'drafter' });
    });

    it('ends a session on logout', async () => {
      await fed.user('leaver', '黔江区', 'drafter');
      const { token } = await fed.ok('auth.login', { user: 'leaver', password: PASSWORD });
      await fed.ok('auth.logout', {}, token);
      expect(await fed.call('auth.me', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    });
  });

  describe('who may do what', () => {
    it('lets a drafter store their district’s proposal and refuses one that names another district', async () => {
      const own = proposal('渝北区', 1);
      const forged = proposal('江北区', 2);
      const { results } = await fed.ok('sync.push', { items: [{ proposal: own, baseRev: null }, { proposal: forged, baseRev: null }] }, yubei);
      expect(results[0]).toMatchObject({ id: own.id, status: 'accepted', rev: 1, hash: contentHash(own) });
      expect(results[1]).toMatchObject({ id: forged.id, status: 'rejected', code: 'FORBIDDEN' });
      const stored = await fed.store.db.query('SELECT id FROM proposals WHERE id = $1', [forged.id]);
      expect(stored).toHaveLength(0);
      const audited = await fed.store.db.query<{ detail: string }>(`SELECT detail FROM audit WHERE target = $1 AND outcome = 'refused'`, [forged.id]);
      expect(audited[0]?.detail).toContain('江北区');
    });

    it('never lets one district overwrite another district’s proposal, whatever the payload says', async () => {
      const p = proposal('江北区', 3);
      await fed.ok('sync.push', { items: [{ proposal: p, baseRev: null }] }, jiangbei);
      const hijack = { ...p, district: '渝北区', title: '被改掉的标题' };
      const { results } = await fed.ok('sync.push', { items: [{ proposal: hijack, baseRev: 1 }] }, yubei);
      expect(results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
      const [row] = await fed.store.db.query<{ title: string; district: string }>('SELECT title, district FROM proposals WHERE id = $1', [p.id]);
      expect(row).toEqual({ title: p.title, district: '江北区' });
    });

    it('refuses proposal writes from reviewers, trainers and admins: they comment and decide, the district holds the pen', async () => {
      for (const token of [reviewer, trainer, admin]) {
        const { results } = await fed.ok('sync.push', { items: [{ proposal: proposal('市慈善总会（本级）', 4), baseRev: null }] }, token);
        expect(results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
      }
    });

    it('shows a drafter another district’s proposal only once it is submitted; reviewers see drafts too', async () => {
      const draft = proposal('江北区', 5);
      await fed.ok('sync.push', { items: [{ proposal: draft, baseRev: null }] }, jiangbei);
      const ids = async (token: string) => (await pullAll(fed, token)).proposals.map((p) => p.proposal.id);
      expect(await ids(yubei)).not.toContain(draft.id);
      expect(await ids(reviewer)).toContain(draft.id);
      expect(await ids(jiangbei)).toContain(draft.id);
      const submitted = { ...draft, status: 'submitted' as const, updatedAt: new Date(Date.now() + 1000).toISOString() };
      await fed.ok('sync.push', { items: [{ proposal: submitted, baseRev: 1 }] }, jiangbei);
      const seen = (await pullAll(fed, yubei)).proposals.find((p) => p.proposal.id === draft.id);
      expect(seen).toMatchObject({ rev: 2, district: '江北区', by: 'jiangbei' });
      expect(seen?.proposal.status).toBe('submitted');
    });

    it('lets only trainers and admins publish rule packs; a role sent in the payload changes nothing', async () => {
      const pack = loadPackFile(join(defaultTemplatesDir(), 'rules', 'alipay.json'));
      const version = `${pack.version}.9`;
      const next = { ...pack, version, effectiveDate: '2026-12-01', changelog: [...pack.changelog, { version, date: '2026-11-30', summary: '总会发布的测试版本' }] };
      for (const token of [yubei, reviewer]) {
        const r = await fed.call('rules.publish', { pack: next, role: 'admin', user: { role: 'admin' } }, token);
        expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只有培训老师和管理员可以发布规则包' } });
      }
      expect(await fed.ok('rules.publish', { pack: next }, trainer)).toEqual({ id: 'alipay', version: next.version, effectiveDate: '2026-12-01' });
      expect(await fed.call('rules.publish', { pack: next }, admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      const pulled = await pullAll(fed, jiangbei);
      expect(pulled.packs.map((p) => `${p.pack.id}@${p.pack.version}@${p.pack.effectiveDate}@${p.publishedBy}`)).toContain(`alipay@${next.version}@2026-12-01@peixun`);
    });

    it('refuses a malformed rule pack without storing it', async () => {
      const pack = loadPackFile(join(defaultTemplatesDir(), 'rules', 'jd.json'));
      const broken = { ...pack, version: '99.1', rules: [{ id: 'x', kind: 'no-such-kind' }] };
      const r = await fed.call('rules.publish', { pack: broken }, trainer);
      expect(r.ok).toBe(false);
      expect(await fed.store.db.query(`SELECT 1 FROM rule_packs WHERE version = '99.1'`)).toHaveLength(0);
    });
  });

  describe('conflicts and whole changes', () => {
    it('keeps both versions when two desks changed a proposal since their last sync: the later edit is current', async () => {
      const base = proposal('渝北区', 10);
      await fed.ok('sync.push', { items: [{ proposal: base, baseRev: null }] }, yubei);
      const deskA = { ...base, title: '桌面A改的标题', updatedAt: new Date(Date.now() + 10_000).toISOString() };
      const deskB = { ...base, title: '桌面B改的标题', updatedAt: new Date(Date.now() + 20_000).toISOString() };
      const a = await fed.ok('sync.push', { items: [{ proposal: deskA, baseRev: 1 }] }, yubei);
      expect(a.results[0]).toMatchObject({ status: 'accepted', rev: 2 });
      const b = await fed.ok('sync.push', { items: [{ proposal: deskB, baseRev: 1 }] }, yubei);
      const r = b.results[0]!;
      expect(r.status).toBe('conflict');
      if (r.status !== 'conflict') return;
      expect(r.yoursWon).toBe(true);
      expect(r.current.proposal.title).toBe('桌面B改的标题');
      expect(r.current.rev).toBe(3);
      const notices = (await pullAll(fed, yubei)).conflicts.filter((c) => c.id === base.id);
      expect(notices.map((c) => c.proposal.title)).toEqual(['桌面A改的标题']);
      expect(notices[0]!.conflictRev).toBe(r.conflictRev);

      const stale = { ...base, title: '更早的修改', updatedAt: new Date(Date.now() + 5_000).toISOString() };
      const c = await fed.ok('sync.push', { items: [{ proposal: stale, baseRev: 1 }] }, yubei);
      expect(c.results[0]).toMatchObject({ status: 'conflict', yoursWon: false, current: { rev: 3 } });
      const [row] = await fed.store.db.query<{ title: string; rev: number }>('SELECT title, rev FROM proposals WHERE id = $1', [base.id]);
      expect(row).toEqual({ title: '桌面B改的标题', rev: 3 });
      const kept = await fed.store.db.query<{ doc: Proposal }>('SELECT doc FROM conflicts WHERE proposal_id = $1 ORDER BY id', [base.id]);
      expect(kept.map((k) => k.doc.title)).toEqual(['桌面A改的标题', '更早的修改']);
      // The other district sees no conflict notice of 渝北区's.
      expect((await pullAll(fed, jiangbei)).conflicts.filter((n) => n.id === base.id)).toEqual([]);
    });

    it('answers unchanged for content the server already has, adding no revision', async () => {
      const p = proposal('渝北区', 11);
      await fed.ok('sync.push', { items: [{ proposal: p, baseRev: null }] }, yubei);
      const again = await fed.ok('sync.push', { items: [{ proposal: p, baseRev: null }] }, yubei);
      expect(again.results[0]).toMatchObject({ status: 'unchanged', rev: 1 });
      expect(await fed.store.db.query('SELECT rev FROM proposal_revisions WHERE proposal_id = $1', [p.id])).toHaveLength(1);
    });

    it('refuses a proposal whose images were not uploaded, storing nothing of it', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');
      const { sha256Hex } = await import('../../src/core/util/imageBytes');
      const sha = sha256Hex(png);
      const p = proposal('渝北区', 12, {
        images: [{ id: 'img1', sha256: sha, fileName: 'a.png', mime: 'image/png', width: 1, height: 1, bytes: png.length, caption: '', source: '', isCover: true, focalPoint: { x: 0.5, y: 0.5 }, consent: { identifiablePeople: false, portraitConsent: false, minors: false, guardianConsent: false } }],
      });
      const before = await fed.ok('sync.push', { items: [{ proposal: p, baseRev: null }] }, yubei);
      expect(before.results[0]).toMatchObject({ status: 'rejected', code: 'FILE_INVALID' });
      expect(await fed.store.db.query('SELECT 1 FROM proposals WHERE id = $1', [p.id])).toHaveLength(0);
      expect(await fed.ok('images.missing', { sha256: [sha] }, yubei)).toEqual({ missing: [sha] });
      expect(await fed.ok('images.put', { sha256: sha, mime: 'image/png', data: png.toString('base64') }, yubei)).toEqual({ stored: true });
      expect(await fed.ok('images.put', { sha256: sha, mime: 'image/png', data: png.toString('base64') }, jiangbei)).toEqual({ stored: false });
      expect(await fed.store.db.query('SELECT 1 FROM images WHERE sha256 = $1', [sha])).toHaveLength(1);
      const wrongHash = await fed.call('images.put', { sha256: 'a'.repeat(64), mime: 'image/png', data: png.toString('base64') }, yubei);
      expect(wrongHash).toMatchObject({ ok: false, error: { code: 'FILE_INVALID' } });
      const after = await fed.ok('sync.push', { items: [{ proposal: p, baseRev: null }] }, yubei);
      expect(after.results[0]).toMatchObject({ status: 'accepted' });
      // Found stored once, never asked about again (the server never deletes an image).
      const queries = vi.spyOn(fed.store.db, 'query');
      try {
        const again = await fed.ok('sync.push', { items: [{ proposal: { ...p, summary: '再改一次', updatedAt: new Date(Date.now() + 1000).toISOString() }, baseRev: 1 }] }, yubei);
        expect(again.results[0]).toMatchObject({ status: 'accepted', rev: 2 });
        expect(queries.mock.calls.map((c) => c[0]).filter((sql) => sql.includes('FROM images'))).toEqual([]);
      } finally {
        queries.mockRestore();
      }
      const image = await fed.ok('images.get', { sha256: sha }, jiangbei);
      expect(Buffer.from(image.data, 'base64').equals(png)).toBe(true);
    });
  });

  describe('pull', () => {
    it('pages through every change once, in order, whatever the page size', async () => {
      const desk = await fed.user(`paging${kind}`, '大足区', 'drafter');
      const made = Array.from({ length: 7 }, (_, i) => proposal('大足区', 100 + i));
      for (const p of made) await fed.ok('sync.push', { items: [{ proposal: p, baseRev: null }] }, desk);
      const seen: string[] = [];
      let cursor = 0;
      let pages = 0;
      for (;;) {
        const page = await fed.ok('sync.pull', { cursor, limit: 3 }, desk);
        pages += 1;
        expect(page.cursor).toBeGreaterThanOrEqual(cursor);
        seen.push(...page.proposals.filter((p) => p.district === '大足区').map((p) => p.proposal.id));
        cursor = page.cursor;
        if (!page.more) break;
      }
      expect(pages).toBeGreaterThan(2);
      expect(seen).toEqual(made.map((p) => p.id));
      const after = await fed.ok('sync.pull', { cursor }, desk);
      expect(after.proposals).toEqual([]);
    });
  });

  describe('pull answers for one moment', () => {
    it('leaves the cursor where it was when nothing is new, and never moves it past a change committed after the pull began', async () => {
      const desk = await fed.user(`moment${kind}`, '綦江区', 'drafter');
      const mine = proposal('綦江区', 400);
      await fed.ok('sync.push', { items: [{ proposal: mine, baseRev: null }] }, desk);
      const { cursor } = await pullAll(fed, desk);
      const before = Date.now() - 1000;
      const idle = await fed.ok('sync.pull', { cursor, changes: true }, desk);
      expect(idle).toMatchObject({ proposals: [], changes: [], removed: [], packs: [], handbooks: [], conflicts: [], cursor, more: false });
      // Still logged as the district's last sync (shance server status), though nothing was new.
      const [logged] = await fed.store.db.query<{ district: string; at: Date }>('SELECT district, at FROM sync_log WHERE user_name = $1', [`moment${kind}`]);
      expect(logged?.district).toBe('綦江区');
      expect(logged!.at.getTime()).toBeGreaterThan(before);

      // A row numbered past the last committed change: what a pull sees of a writer that took its
      // number after the pull's first question. It waits for the next pull rather than being skipped.
      await fed.store.db.query('UPDATE proposals SET seq = (SELECT seq + 5 FROM change_counter) WHERE id = $1', [mine.id]);
      const early = await fed.ok('sync.pull', { cursor }, desk);
      expect(early.proposals.map((p) => p.proposal.id)).not.toContain(mine.id);
      expect(early.cursor).toBe(cursor);
      await fed.store.db.query('UPDATE change_counter SET seq = seq + 5');
      const later = await fed.ok('sync.pull', { cursor }, desk);
      expect(later.proposals.map((p) => p.proposal.id)).toContain(mine.id);
    });
  });

  describe('changes instead of whole proposals', () => {
    it('sends a desk that pulled the previous revision only what changed, which rebuilds the server\'s exact content; others get it whole', async () => {
      const desk = await fed.user(`changes${kind}`, '荣昌区', 'drafter');
      const other = await fed.user(`changesOther${kind}`, '铜梁区', 'drafter');
      const first = proposal('荣昌区', 300);
      await fed.ok('sync.push', { items: [{ proposal: first, baseRev: null }] }, desk);
      const before = await fed.ok('sync.pull', { cursor: 0, changes: true }, desk);
      const held = before.proposals.find((p) => p.proposal.id === first.id)!;
      expect(held.rev).toBe(1);
      const cursor = before.cursor;
      const edited: Proposal = {
        ...first,
        summary: '改过的摘要',
        sections: { ...first.sections, plan: { doc: textToDoc('每周三次上门送餐。'), text: '每周三次上门送餐。' } },
        updatedAt: new Date(Date.now() + 1000).toISOString(),
      };
      const { results } = await fed.ok('sync.push', { items: [{ proposal: edited, baseRev: 1 }] }, desk);
      expect(results[0]).toMatchObject({ status: 'accepted', rev: 2 });

      const page = await fed.ok('sync.pull', { cursor, changes: true }, desk);
      expect(page.proposals.map((p) => p.proposal.id)).not.toContain(first.id);
      const change = page.changes.find((c) => c.id === first.id)!;
      expect(change).toMatchObject({ baseRev: 1, rev: 2, hash: contentHash(edited), district: '荣昌区' });
      expect(Object.keys(change.change.set).sort()).toEqual(['summary', 'updatedAt']);
      expect(Object.keys(change.change.sections)).toEqual(['plan']);
      const rebuilt = parseProposal(applyChange(held.proposal as unknown as Record<string, unknown>, change.change));
      expect(contentHash(rebuilt)).toBe(contentHash(edited));
      expect(JSON.stringify(change)).not.toContain(first.sections.background.text.slice(0, 40));
      expect(JSON.stringify(change).length * 4).toBeLessThan(JSON.stringify(edited).length);

      // Without asking, from before the revision it was taken from, or as another district: whole, or not at all.
      expect((await fed.ok('sync.pull', { cursor }, desk)).proposals.find((p) => p.proposal.id === first.id)?.rev).toBe(2);
      const fromStart = await fed.ok('sync.pull', { cursor: 0, changes: true }, desk);
      expect(fromStart.changes).toEqual([]);
      expect(fromStart.proposals.find((p) => p.proposal.id === first.id)?.hash).toBe(contentHash(edited));
      const stranger = await fed.ok('sync.pull', { cursor, changes: true }, other);
      expect(stranger.changes.map((c) => c.id)).not.toContain(first.id);
      expect(stranger.removed).toContain(first.id);

      // Asked for whole (a desk that could not apply the change): only what the caller may see.
      const whole = await fed.ok('sync.get', { ids: [first.id, 'no-such-proposal'] }, desk);
      expect(whole.proposals.map((p) => [p.proposal.id, p.rev, p.hash])).toEqual([[first.id, 2, contentHash(edited)]]);
      expect(whole.removed).toEqual(['no-such-proposal']);
      expect(await fed.ok('sync.get', { ids: [first.id] }, other)).toEqual({ proposals: [], removed: [first.id] });
    });
  });

  describe('accounts managed by an administrator', () => {
    const calls = [
      ['accounts.list', {}],
      ['accounts.add', { name: 'intruder', district: '渝北区', role: 'admin', password: 'a-long-password' }],
      ['accounts.setDisabled', { name: 'jiangbei', disabled: true }],
      ['accounts.resetPassword', { name: 'jiangbei', password: 'a-long-password' }],
    ] as const;

    it('refuses every account method to drafters, reviewers and trainers, and audits the refusal', async () => {
      for (const token of [yubei, reviewer, trainer]) {
        for (const [method, payload] of calls) {
          expect(await fed.call(method, payload, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        }
      }
      const refused = await fed.store.db.query<{ action: string }>(`SELECT action FROM audit WHERE action LIKE 'accounts.%' AND outcome = 'refused'`);
      expect(refused).toHaveLength(12);
      expect(await fed.store.db.query(`SELECT name FROM users WHERE name = 'intruder'`)).toHaveLength(0);
      expect(await fed.call('auth.login', { user: ACCOUNTS.jiangbei.name, password: PASSWORD })).toMatchObject({ ok: true });
    });

    it('lets an admin list, add, disable, enable and reset an account, audited without the password', async () => {
      const added = await fed.ok('accounts.add', { name: 'xinren', district: '万州区', role: 'drafter', password: '新人的初始密码-1' }, admin);
      expect(added).toMatchObject({ name: 'xinren', district: '万州区', role: 'drafter', disabled: false });
      expect(await fed.call('accounts.add', { name: 'xinren', district: '万州区', role: 'drafter', password: '新人的初始密码-1' }, admin)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: '用户「xinren」已存在' },
      });
      const { accounts } = await fed.ok('accounts.list', {}, admin);
      expect(accounts.map((a) => a.name)).toEqual(expect.arrayContaining(['xinren', 'yubei', 'guanli']));

      const session = (await fed.ok('auth.login', { user: 'xinren', password: '新人的初始密码-1' })).token;
      expect((await fed.ok('accounts.setDisabled', { name: 'xinren', disabled: true }, admin)).disabled).toBe(true);
      expect(await fed.call('auth.me', {}, session)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      expect(await fed.call('auth.login', { user: 'xinren', password: '新人的初始密码-1' })).toMatchObject({ ok: false, error: { message: '该账号已停用，请联系总会管理员' } });
      expect(await fed.call('accounts.setDisabled', { name: 'guanli', disabled: true }, admin)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

      await fed.ok('accounts.setDisabled', { name: 'xinren', disabled: false }, admin);
      await fed.ok('accounts.resetPassword', { name: 'xinren', password: '管理员重设的密码-2' }, admin);
      expect(await fed.call('auth.login', { user: 'xinren', password: '新人的初始密码-1' })).toMatchObject({ ok: false });
      expect(await fed.call('auth.login', { user: 'xinren', password: '管理员重设的密码-2' })).toMatchObject({ ok: true });
      expect(await fed.call('accounts.resetPassword', { name: 'xinren', password: 'short' }, admin)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

      const audited = await fed.store.db.query<{ action: string; target: string; detail: string }>(
        `SELECT action, target, detail FROM audit WHERE action LIKE 'accounts.%' AND outcome = 'ok' ORDER BY id`,
      );
      expect(audited.map((a) => a.action)).toEqual(['accounts.add', 'accounts.setDisabled', 'accounts.setDisabled', 'accounts.resetPassword']);
      expect(JSON.stringify(audited)).not.toMatch(/新人的初始密码|管理员重设的密码/);
    });
  });

  describe('deletions', () => {
    it('lets only the owning district’s drafter delete, tombstones the proposal for every desk and the similar check, and a push restores it', async () => {
      const p = proposal('江北区', 400, { status: 'submitted' });
      await fed.ok('sync.push', { items: [{ proposal: p, baseRev: null }] }, jiangbei);
      const copy = makeProposal({ district: '渝北区', title: '渝北区的同类项目', sections: { background: cjkText(400, 900), plan: cjkText(1400, 600) } });
      const found = async () => (await fed.ok('dedupe.similar', { proposal: copy }, yubei)).matches.map((m) => m.id);
      expect(await found()).toContain(p.id);

      for (const token of [yubei, reviewer, admin]) {
        const { results } = await fed.ok('sync.delete', { ids: [p.id] }, token);
        expect(results[0]).toMatchObject({ id: p.id, status: 'rejected', code: 'FORBIDDEN' });
      }
      const refused = await fed.store.db.query(`SELECT user_name FROM audit WHERE action = 'sync.delete' AND target = $1 AND outcome = 'refused'`, [p.id]);
      expect(refused).toHaveLength(3);
      const before = await pullAll(fed, yubei);
      expect(before.proposals.map((x) => x.proposal.id)).toContain(p.id);

      expect((await fed.ok('sync.delete', { ids: [p.id] }, jiangbei)).results).toEqual([{ id: p.id, status: 'deleted' }]);
      const after = await pullAll(fed, yubei);
      expect(after.proposals.map((x) => x.proposal.id)).not.toContain(p.id);
      expect(after.removed).toContain(p.id);
      expect((await pullAll(fed, reviewer)).removed).toContain(p.id);
      expect(await found()).not.toContain(p.id);
      // The text is kept: a tombstone, with its revisions.
      const [row] = await fed.store.db.query<{ deleted_at: Date | null; title: string }>('SELECT deleted_at, title FROM proposals WHERE id = $1', [p.id]);
      expect(row).toMatchObject({ title: p.title, deleted_at: expect.any(Date) });

      // Restored from the district's trash: sent again, from a desk that forgot the server's revision.
      const { results } = await fed.ok('sync.push', { items: [{ proposal: p, baseRev: null }] }, jiangbei);
      expect(results[0]).toMatchObject({ status: 'accepted', rev: 2 });
      const restored = await pullAll(fed, yubei);
      expect(restored.proposals.map((x) => x.proposal.id)).toContain(p.id);
      expect(restored.removed).not.toContain(p.id);
      expect(await found()).toContain(p.id);
    });
  });

  describe('the federation-wide similar check', () => {
    it('finds a submitted near-copy from another district, and never another district’s draft', async () => {
      const original = proposal('江北区', 200, { status: 'submitted' });
      const hidden = proposal('江北区', 300);
      await fed.ok('sync.push', { items: [{ proposal: original, baseRev: null }, { proposal: hidden, baseRev: null }] }, jiangbei);
      const copy = makeProposal({ district: '渝北区', title: '渝北区的助餐项目', sections: { background: cjkText(200, 900), plan: cjkText(9999, 600) } });
      const { matches } = await fed.ok('dedupe.similar', { proposal: copy }, yubei);
      expect(matches[0]).toMatchObject({ id: original.id, district: '江北区' });
      expect(matches[0]!.score).toBeGreaterThan(0.25);
      const draftCopy = makeProposal({ district: '渝北区', sections: { background: cjkText(300, 900), plan: cjkText(300 + 1000, 600) } });
      expect((await fed.ok('dedupe.similar', { proposal: draftCopy }, yubei)).matches.map((m) => m.id)).not.toContain(hidden.id);
      expect((await fed.ok('dedupe.similar', { proposal: draftCopy }, reviewer)).matches.map((m) => m.id)).toContain(hidden.id);
    });
  });

  describe('bad requests', () => {
    it('refuses malformed JSON, an unknown method, a body that is not JSON and an oversized body, in Chinese', async () => {
      const post = (path: string, body: string, type = 'application/json', extra: Record<string, string> = {}) =>
        fetch(`${fed.server.url}${path}`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${yubei}`, ...extra }, body });
      const bad = await post('/api/sync.pull', '{not json');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ ok: false, error: { message: '请求内容不是有效的 JSON' } });
      const unknown = await post('/api/nope.nothing', '{}');
      expect(unknown.status).toBe(404);
      expect((await post('/api/sync.pull', '{}', 'text/plain')).status).toBe(400);
      const huge = await post('/api/sync.pull', 'x'.repeat(17 * 1024 * 1024));
      expect(huge.status).toBe(413);
      const invalid = await fed.call('sync.push', { items: [] }, yubei);
      expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    });
  });
});

async function pullAll(fed: TestFederation, token: string) {
  const out = { proposals: [] as ServerProposal[], removed: [] as string[], conflicts: [] as ConflictNotice[], packs: [] as PublishedPack[] };
  let cursor = 0;
  for (;;) {
    const page = await fed.ok('sync.pull', { cursor }, token);
    out.proposals.push(...page.proposals);
    out.removed.push(...page.removed);
    out.conflicts.push(...page.conflicts);
    out.packs.push(...page.packs);
    cursor = page.cursor;
    if (!page.more) return { ...out, cursor };
  }
}
