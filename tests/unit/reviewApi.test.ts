import { describe, expect, test } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import type { Envelope, Method, MethodInput, MethodOutput } from '../../src/shared/api/contract';
import { createHandlers } from '../../src/core/api/handlers';
import { FIXTURE_TEMPLATES } from './helpers/exportFixtures';
import { makeProposal } from './helpers/proposals';
import { tmpLibrary } from './helpers/tmp';

const NEED = '渝北区双龙湖街道有独居老人320名，社区食堂距离较远。';

describe('review through the API', () => {
  test('submit, comment, return, compare, approve: the state says who holds the pen and what may be done', async () => {
    const lib = tmpLibrary();
    const p = lib.proposals.insert(makeProposal({ title: '双龙湖长者助餐', district: '渝北区', platforms: ['tencent'], sections: { background: NEED } }));
    const dispatch = createDispatch(createHandlers({ lib, templatesDir: FIXTURE_TEMPLATES }));
    const call = async <M extends Method>(method: M, input: MethodInput<M>) => (await dispatch(method, input)) as Envelope<MethodOutput<M>>;
    const first = await call('review.state', { id: p.id });
    expect(first).toMatchObject({ ok: true, value: { status: 'draft', penHolder: 'district', editable: true, actions: ['submit'] } });

    const submitted = await call('review.act', { id: p.id, action: 'submit' });
    expect(submitted).toMatchObject({ ok: true, value: { status: 'submitted', penHolder: 'reviewer', editable: false, actions: ['withdraw'] } });

    lib.review.setDesk('federation', '总会 李审');
    const queue = await call('review.queue', {});
    expect(queue.ok && queue.value.items.map((i) => i.title)).toEqual(['双龙湖长者助餐']);

    const noBody = await call('review.comment', { id: p.id, section: 'background', quote: '320名', body: '  ' });
    expect(noBody.ok).toBe(false);
    expect(JSON.stringify(noBody)).toContain('批注内容不能为空');
    const commented = await call('review.comment', { id: p.id, section: 'background', quote: '320名', body: '请附名单' });
    expect(commented.ok && commented.value.comments.map((c) => [c.section, c.quote, c.revision])).toEqual([['background', '320名', 1]]);

    const refused = await call('review.act', { id: p.id, action: 'return' });
    expect(refused).toMatchObject({ ok: false, error: { message: '退回修改必须填写理由' } });
    const returned = await call('review.act', { id: p.id, action: 'return', reason: '人数需核实', sections: ['background'] });
    expect(returned.ok && returned.value.log.at(-1)).toMatchObject({ action: 'return', reason: '人数需核实', sections: ['background'] });

    lib.review.setDesk('district', '渝北区');
    const cur = lib.proposals.get(p.id);
    lib.proposals.save({ ...cur, sections: { ...cur.sections, background: { doc: null, text: NEED.replace('320', '340') } }, updatedAt: new Date(Date.now() + 1000).toISOString() });
    await call('review.act', { id: p.id, action: 'submit' });
    const cmp = await call('review.compare', { id: p.id, from: 1, to: 2 });
    expect(cmp.ok && cmp.value.sections.find((s) => s.changed)?.parts.filter((x) => x.op !== 'equal')).toEqual([
      { op: 'delete', text: '2' },
      { op: 'insert', text: '4' },
    ]);
    lib.review.setDesk('federation', '总会 李审');
    const approved = await call('review.act', { id: p.id, action: 'approve' });
    expect(approved.ok && approved.value).toMatchObject({ status: 'approved', frozen: { n: 2 }, editable: false });
    const save = await call('proposal.save', { proposal: { ...lib.proposals.get(p.id), title: '改名', updatedAt: new Date(Date.now() + 5000).toISOString() } });
    expect(save).toMatchObject({ ok: false, error: { message: expect.stringContaining('第 2 版已冻结') } });
  });
});
