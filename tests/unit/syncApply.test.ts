import { describe, expect, it } from 'vitest';
import { applyPullPage } from '../../src/core/sync/apply';
import { SyncState } from '../../src/core/sync/state';
import { contentHash } from '../../src/core/util/contentHash';
import type { Proposal } from '../../src/shared/domain/proposal';
import type { FederationOutput, ServerProposal } from '../../src/shared/federation/contract';
import { makeProposal } from './helpers/proposals';
import { tmpLibrary } from './helpers/tmp';

const served = (p: Proposal, district: string, rev = 1): ServerProposal => ({ proposal: p, rev, hash: contentHash(p), district: district as ServerProposal['district'], by: 'someone', at: new Date().toISOString() });

const page = (proposals: ServerProposal[], cursor: number): FederationOutput<'sync.pull'> => ({
  proposals,
  changes: [],
  removed: [],
  packs: [],
  handbooks: [],
  conflicts: [],
  cursor,
  more: false,
  serverTime: new Date().toISOString(),
});

function configured() {
  const lib = tmpLibrary();
  const state = new SyncState(lib.db);
  state.saveLogin('http://127.0.0.1:8787', { name: 'yubei', district: '渝北区', role: 'drafter' }, 'token', new Date(Date.now() + 3600_000).toISOString());
  return { lib, state };
}

describe('a pull page is applied whole or not at all', () => {
  it('leaves no proposal of a page, and the cursor where it was, when writing any part of it fails', () => {
    const { lib, state } = configured();
    const own = makeProposal({ title: '本区县在另一台电脑上写的', district: '渝北区' });
    const other = makeProposal({ title: '写入时出错的项目', district: '江北区', status: 'submitted' });
    // The disk fills up (or the app is killed) while the page's second proposal is being written.
    lib.db.exec(`CREATE TRIGGER fail BEFORE INSERT ON remote_proposals WHEN NEW.title = '写入时出错的项目' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => applyPullPage(lib, state, '渝北区', page([served(own, '渝北区'), served(other, '江北区')], 7), new Map())).toThrow('disk full');
    expect(lib.proposals.find(own.id)).toBeUndefined();
    expect(state.synced(own.id)).toBeUndefined();
    expect(state.server()!.cursor).toBe(0);

    // The next sync asks for the same page again and completes it.
    lib.db.exec('DROP TRIGGER fail');
    const outcome = applyPullPage(lib, state, '渝北区', page([served(own, '渝北区'), served(other, '江北区')], 7), new Map());
    expect(outcome).toMatchObject({ own: 1, remote: 1 });
    expect(lib.proposals.get(own.id).title).toBe('本区县在另一台电脑上写的');
    expect(state.server()!.cursor).toBe(7);
  });

  it('never overwrites a change the desk has not sent yet; it waits for the push to settle it', () => {
    const { lib, state } = configured();
    const p = lib.proposals.insert(makeProposal({ title: '本机版本', district: '渝北区' }));
    state.markSynced(p.id, 1, contentHash(p), p.updatedAt);
    const edited = lib.proposals.save({ ...p, title: '本机改过、尚未上传', updatedAt: new Date(Date.now() + 1000).toISOString() }).proposal;
    const fromServer = { ...p, title: '另一台电脑的修改', updatedAt: new Date(Date.now() + 2000).toISOString() };
    applyPullPage(lib, state, '渝北区', page([served(fromServer, '渝北区', 2)], 3), new Map());
    expect(lib.proposals.get(p.id).title).toBe(edited.title);
    expect(state.pendingCount()).toBe(1);

    // Without a local change, the server's newer revision replaces the desk's copy.
    const q = lib.proposals.insert(makeProposal({ title: '未改动', district: '渝北区' }));
    state.markSynced(q.id, 1, contentHash(q), q.updatedAt);
    applyPullPage(lib, state, '渝北区', page([served({ ...q, title: '服务器上的新版本', updatedAt: new Date(Date.now() + 3000).toISOString() }, '渝北区', 2)], 4), new Map());
    expect(lib.proposals.get(q.id).title).toBe('服务器上的新版本');
    expect(state.synced(q.id)!.rev).toBe(2);
  });
});
