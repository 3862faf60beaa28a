import { LATEST_VERSION } from '../../src/core/db/migrations';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Library } from '../../src/core/library/library';
import { contentHash } from '../../src/core/util/contentHash';
import type { Actor } from '../../src/core/review/store';
import { textToDoc } from '../../src/shared/domain/richText';
import { makeProposal } from './helpers/proposals';
import { refusalOf } from './helpers/refusal';
import { tmpDir } from './helpers/tmp';

const DISTRICT: Actor = { role: 'district', name: '渝北区 张敏' };
const REVIEWER: Actor = { role: 'reviewer', name: '总会 李审' };
const NEED = '渝北区双龙湖街道有独居老人320名，其中高龄老人占四成。社区食堂距离较远，老人就餐不便。';

function library() {
  const lib = Library.open(join(tmpDir(), 'library.db'));
  const p = lib.proposals.insert(makeProposal({ title: '双龙湖长者助餐', district: '渝北区', sections: { background: NEED } }));
  return { lib, p };
}


/** An editor's save of the current text with one section changed, a second later. */
function edit(lib: Library, id: string, text: string) {
  const p = lib.proposals.get(id);
  return lib.proposals.save({ ...p, sections: { ...p.sections, background: { doc: textToDoc(text), text } }, updatedAt: new Date(Date.parse(p.updatedAt) + 1000).toISOString() });
}

describe('review on a desk', () => {
  test('submit stores an immutable revision with its content hash, and logs who did it', () => {
    const { lib, p } = library();
    const entry = lib.review.act(p.id, 'submit', {}, DISTRICT);
    expect(entry).toMatchObject({ action: 'submit', from: 'draft', to: 'submitted', revision: 1, by: '渝北区 张敏', role: 'district' });
    expect(lib.proposals.get(p.id).status).toBe('submitted');
    const { info, proposal } = lib.review.revision(p.id, 1);
    expect(proposal.sections.background.text).toBe(NEED);
    expect(info.hash).toBe(contentHash(proposal));
    // The revision and the log refuse to be changed, even by SQL.
    expect(() => lib.db.prepare('UPDATE review_revisions SET json = ?').run('{}')).toThrow(/不可修改/);
    expect(() => lib.db.prepare('DELETE FROM review_log').run()).toThrow(/只能追加/);
    lib.close();
  });

  test('the reviewer never edits the district text; a refused step changes nothing', () => {
    const { lib, p } = library();
    lib.review.act(p.id, 'submit', {}, DISTRICT);
    expect(refusalOf(() => edit(lib, p.id, '审核人改的字'))).toContain('不能修改区县的文字');
    expect(refusalOf(() => lib.review.act(p.id, 'approve', {}, DISTRICT))).toContain('区县不能通过');
    expect(refusalOf(() => lib.review.act(p.id, 'return', { reason: ' ' }, REVIEWER))).toBe('退回修改必须填写理由');
    expect(lib.proposals.get(p.id).status).toBe('submitted');
    expect(lib.review.log(p.id)).toHaveLength(1);
    lib.close();
  });

  test('return with reasons → district fixes → resubmit makes revision 2; comments anchored to revision 1 resolve when the quote is changed', () => {
    const { lib, p } = library();
    lib.review.act(p.id, 'submit', {}, DISTRICT);
    lib.review.act(p.id, 'take', {}, REVIEWER);
    const c = lib.review.comment(p.id, { section: 'background', quote: '独居老人320名', body: '人数请附街道名单' }, REVIEWER);
    expect(c.revision).toBe(1);
    expect(refusalOf(() => lib.review.comment(p.id, { section: 'background', quote: '不在文中的话', body: 'x' }, REVIEWER))).toContain('不在第 1 版');
    const ret = lib.review.act(p.id, 'return', { reason: '受益人数需核实', sections: ['background'] }, REVIEWER);
    expect(ret).toMatchObject({ to: 'returned', reason: '受益人数需核实', sections: ['background'] });
    expect(edit(lib, p.id, NEED.replace('320', '340')).stale).toBe(false);
    lib.review.act(p.id, 'submit', {}, DISTRICT);
    expect(lib.review.revisions(p.id).map((r) => r.n)).toEqual([2, 1]);
    expect(lib.review.revision(p.id, 2).proposal.sections.background.text).toContain('340');
    expect(lib.review.comments(p.id)[0]).toMatchObject({ id: c.id, resolution: '区县已修改该段文字' });
    expect(lib.review.log(p.id).map((e) => `${e.action}:${e.by}`)).toEqual(['submit:渝北区 张敏', 'take:总会 李审', 'return:总会 李审', 'submit:渝北区 张敏']);
    lib.close();
  });

  test('approval freezes the revision: edits refused, exports from the frozen text; an amendment goes through review again', () => {
    const { lib, p } = library();
    lib.review.act(p.id, 'submit', {}, DISTRICT);
    lib.review.act(p.id, 'approve', {}, REVIEWER);
    expect(lib.review.frozen(p.id)?.n).toBe(1);
    expect(refusalOf(() => edit(lib, p.id, '通过后偷偷修改'))).toContain('第 1 版已冻结');
    expect(lib.proposals.get(p.id).sections.background.text).toBe(NEED);

    lib.review.act(p.id, 'amend', {}, DISTRICT);
    expect(lib.proposals.get(p.id).status).toBe('draft');
    edit(lib, p.id, `${NEED}变更：增加送餐上门。`);
    // Until the amendment is approved, the approved revision is what exports use.
    expect(lib.review.forExport(p.id).proposal.sections.background.text).toBe(NEED);
    expect(lib.review.forExport(p.id).frozen?.n).toBe(1);
    lib.review.act(p.id, 'submit', {}, DISTRICT);
    expect(lib.review.forExport(p.id).frozen?.n).toBe(1);
    lib.review.act(p.id, 'approve', {}, REVIEWER);
    expect(lib.review.forExport(p.id).frozen?.n).toBe(2);
    expect(lib.review.forExport(p.id).proposal.sections.background.text).toContain('送餐上门');
    lib.close();
  });

  test('a proposal in the trash or gone cannot take a step, and the refusal says which', () => {
    const { lib, p } = library();
    lib.proposals.softDelete(p.id);
    expect(refusalOf(() => lib.review.act(p.id, 'submit', {}, DISTRICT))).toBe('该项目已移入回收站，请先恢复');
    expect(refusalOf(() => lib.review.act('no-such-id', 'submit', {}, DISTRICT))).toBe('项目不存在，可能已被删除');
    lib.proposals.restore(p.id);
    expect(lib.review.act(p.id, 'submit', {}, DISTRICT).to).toBe('submitted');
  });

  test('the save guard cannot be bypassed by an editor setting the status itself', () => {
    const { lib, p } = library();
    const saved = lib.proposals.save({ ...lib.proposals.get(p.id), status: 'approved', updatedAt: new Date(Date.now() + 1000).toISOString() });
    expect(saved.proposal.status).toBe('draft');
    lib.close();
  });

  test('待我审核 lists waiting proposals, longest waiting first', () => {
    const { lib, p } = library();
    const q = lib.proposals.insert(makeProposal({ title: '江北区助学', district: '江北区' }));
    lib.review.act(q.id, 'submit', {}, DISTRICT);
    lib.review.act(p.id, 'submit', {}, DISTRICT);
    const queue = lib.review.queue(Date.now() + 60_000);
    expect(queue.map((x) => x.title)).toEqual(['江北区助学', '双龙湖长者助餐']);
    expect(queue[0]!.waitingMs).toBeGreaterThanOrEqual(60_000);
    lib.review.act(q.id, 'approve', {}, REVIEWER);
    expect(lib.review.queue().map((x) => x.title)).toEqual(['双龙湖长者助餐']);
    lib.close();
  });

  test('a desk set up as the federation signs its decisions; the district desk with the public key verifies them', () => {
    const { lib, p } = library();
    const desk = lib.review.setDesk('federation', '总会 李审');
    expect(desk.canSign).toBe(true);
    expect(lib.review.actor()).toEqual({ role: 'reviewer', name: '总会 李审' });
    lib.review.act(p.id, 'submit', {}, DISTRICT);
    const approval = lib.review.act(p.id, 'approve');
    expect(approval.signature).toBeTruthy();
    const decision = { proposalId: p.id, action: 'approve', revision: 1, hash: lib.review.revision(p.id, 1).info.hash, reason: '', by: '总会 李审', at: approval.at };
    expect(lib.review.verify(decision, approval.signature)).toBe(true);
    expect(lib.review.verify({ ...decision, revision: 2 }, approval.signature)).toBe(false);
    lib.close();
  });

  test('migration 011 turns stored 待审核 into 已提交', () => {
    const { lib, p } = library();
    lib.close();
    // A library as version 10 left it: the old status in the column and in the JSON.
    const raw = Library.open(lib.path);
    raw.db.exec(`DROP TABLE review_revisions; DROP TABLE review_log; DROP TABLE review_comments; DROP TABLE review_desk;
      DROP TABLE review_server_events; DROP TABLE review_outbox; DROP TABLE review_sync; PRAGMA user_version = 10`);
    raw.db.prepare(`UPDATE proposals SET status = 'review', json = json_set(json, '$.status', 'review') WHERE id = ?`).run(p.id);
    raw.close();
    const again = Library.open(lib.path);
    expect(again.schemaVersion).toBe(LATEST_VERSION);
    expect(again.proposals.get(p.id).status).toBe('submitted');
    expect((again.db.prepare('SELECT status FROM proposals WHERE id = ?').get(p.id) as { status: string }).status).toBe('submitted');
    again.close();
  });
});
