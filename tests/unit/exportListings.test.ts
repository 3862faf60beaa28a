import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { removeListing, setListing } from '../../src/core/listings/listings';
import type { Library } from '../../src/core/library/library';
import type { Envelope } from '../../src/shared/api/contract';
import type { Proposal } from '../../src/shared/domain/proposal';
import { FIXTURE_TEMPLATES, sampleProposal } from './helpers/exportFixtures';
import { tmpLibrary } from './helpers/tmp';

function api(lib: Library) {
  const dispatch = createDispatch(createHandlers({ lib, templatesDir: FIXTURE_TEMPLATES }), () => {});
  return (method: string, payload: unknown) => dispatch(method, payload) as Promise<Envelope<Proposal>>;
}

const live = { platform: 'tencent', projectNumber: '202509001', url: 'https://gongyi.qq.com/succor/detail.htm?id=202509001', liveDate: '2025-09-01', status: 'live' };

const livePlatforms = (lib: Library, id: string) => lib.proposals.list({ query: '', focusArea: null, district: null, status: null, sort: 'updated', order: 'desc', trash: false, limit: 10, offset: 0 }).items.find((i) => i.id === id)!.livePlatforms;

describe('listing tracker', () => {
  it('records, updates and removes listings, and the library says where the project is live', async () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(sampleProposal());
    const call = api(lib);
    expect(livePlatforms(lib, p.id)).toEqual([]);

    const a = await call('listing.set', { id: p.id, listing: live });
    expect(a.ok).toBe(true);
    const b = await call('listing.set', { id: p.id, listing: { platform: 'alipay', status: 'submitted', projectNumber: ' ZFB-88 ' } });
    if (!b.ok) throw new Error(b.error.message);
    expect(b.value.listings.map((l) => [l.platform, l.status, l.projectNumber])).toEqual([
      ['tencent', 'live', '202509001'],
      ['alipay', 'submitted', 'ZFB-88'],
    ]);
    expect(livePlatforms(lib, p.id)).toEqual(['tencent']);

    // Alipay goes live: update in place.
    const c = await call('listing.set', { id: p.id, index: 1, listing: { platform: 'alipay', status: 'live', projectNumber: 'ZFB-88', url: 'https://example.org/zfb/88', liveDate: '2025-09-10' } });
    if (!c.ok) throw new Error(c.error.message);
    expect(c.value.listings).toHaveLength(2);
    expect(livePlatforms(lib, p.id).sort()).toEqual(['alipay', 'tencent']);
    expect(lib.proposals.get(p.id).listings[1]!.liveDate).toBe('2025-09-10');

    const d = await call('listing.remove', { id: p.id, index: 0, platform: 'tencent' });
    if (!d.ok) throw new Error(d.error.message);
    expect(d.value.listings.map((l) => l.platform)).toEqual(['alipay']);
    expect(livePlatforms(lib, p.id)).toEqual(['alipay']);
  });

  it('accepts only http(s) addresses and real dates, with Chinese messages', async () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(sampleProposal());
    const call = api(lib);
    for (const url of ['ftp://gongyi.qq.com/1', 'javascript:alert(1)', 'gongyi.qq.com/1', 'https://localhost/x']) {
      const r = await call('listing.set', { id: p.id, listing: { ...live, url } });
      expect(r.ok, url).toBe(false);
      if (!r.ok) expect((r.error.details ?? []).join('\n')).toMatch(/网址应为以 http:\/\/ 或 https:\/\/ 开头的完整网址/);
    }
    for (const liveDate of ['2025-02-30', '2025-13-01', '2025/09/01']) {
      const r = await call('listing.set', { id: p.id, listing: { ...live, liveDate } });
      expect(r.ok, liveDate).toBe(false);
      if (!r.ok) expect((r.error.details ?? []).join('\n')).toMatch(/日期格式应为 YYYY-MM-DD/);
    }
    const badPlatform = await call('listing.set', { id: p.id, listing: { ...live, platform: 'myspace' } });
    expect(badPlatform.ok).toBe(false);
    // Nothing was saved by the refused calls.
    expect(lib.proposals.get(p.id).listings).toEqual([]);
    // The core checks too, for callers that do not go through the API.
    expect(() => setListing(lib, p.id, null, { ...live, url: 'file:///etc/passwd' } as never)).toThrow(/上线信息不符合要求/);
  });

  it('refuses duplicates, stale indexes and projects in the trash', () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(sampleProposal());
    setListing(lib, p.id, null, live as never);
    expect(() => setListing(lib, p.id, null, live as never)).toThrow(/腾讯公益的项目编号「202509001」已登记过/);
    expect(() => setListing(lib, p.id, 5, live as never)).toThrow(/要修改的上线记录不存在/);
    expect(() => removeListing(lib, p.id, 0, 'alipay')).toThrow(/上线记录已变化/);
    expect(lib.proposals.get(p.id).listings).toHaveLength(1);
    lib.proposals.softDelete(p.id);
    expect(() => setListing(lib, p.id, null, { ...live, projectNumber: 'x' } as never)).toThrow(/回收站/);
    expect(() => setListing(lib, 'no-such-id', null, live as never)).toThrow(/项目不存在/);
  });

  it('is not lost when an editor saves its own copy of the proposal afterwards', () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(sampleProposal());
    const editorCopy = lib.proposals.get(p.id);
    setListing(lib, p.id, null, live as never);
    // The editor still holds the copy from before the listing and saves a later edit of it.
    const later = new Date(Date.now() + 60_000).toISOString();
    const saved = lib.proposals.save({ ...editorCopy, summary: '编辑器里的新改动', updatedAt: later });
    expect(saved.stale).toBe(false);
    expect(saved.proposal.listings).toHaveLength(1);
    const stored = lib.proposals.get(p.id);
    expect(stored.summary).toBe('编辑器里的新改动');
    expect(stored.listings.map((l) => l.projectNumber)).toEqual(['202509001']);
  });

  it('does not make an edit typed before it look stale: the editor keeps its unsaved text', () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(sampleProposal());
    // The user types (the edit is stamped now) and, before autosave runs, records a listing.
    const typedAt = new Date().toISOString();
    const unsaved = { ...lib.proposals.get(p.id), summary: '还没来得及保存的改动', updatedAt: typedAt };
    setListing(lib, p.id, null, live as never);
    const saved = lib.proposals.save(unsaved);
    expect(saved.stale).toBe(false);
    expect(lib.proposals.get(p.id).summary).toBe('还没来得及保存的改动');
    expect(lib.proposals.get(p.id).listings).toHaveLength(1);
  });
});
