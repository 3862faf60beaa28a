import { describe, expect, test } from 'vitest';
import { createDispatch } from '../../src/core/api/dispatch';
import type { Envelope, Method, MethodInput, MethodOutput } from '../../src/shared/api/contract';
import { createHandlers } from '../../src/core/api/handlers';
import { FIXTURE_TEMPLATES } from './helpers/exportFixtures';
import { makeProposal } from './helpers/proposals';
import { tmpLibrary } from './helpers/tmp';
import type { Library } from '../../src/core/library/library';
import { generateSigningKeys } from '../../src/core/review/signing';

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

type Call = <M extends Method>(method: M, input: MethodInput<M>) => Promise<Envelope<MethodOutput<M>>>;
type Failure = { ok: false; error: { code: string; message: string; details: readonly string[] } };

/** A desk on its own library, reached only through the API (as the GUI reaches it). */
function desk(): { lib: Library; call: Call; raw: (method: string, input: unknown) => Promise<Failure | { ok: true }> } {
  const lib = tmpLibrary();
  const dispatch = createDispatch(createHandlers({ lib, templatesDir: FIXTURE_TEMPLATES }), () => {});
  const call: Call = async (method, input) => (await dispatch(method, input)) as Envelope<MethodOutput<typeof method>>;
  return { lib, call, raw: async (method, input) => (await dispatch(method, input)) as Failure | { ok: true } };
}

async function value<T>(p: Promise<Envelope<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function failure(p: Promise<unknown>): Promise<Failure['error']> {
  const r = (await p) as Failure | { ok: true };
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

const CHENGKOU = '城口县高观镇有留守儿童86名，放学后无人看护。';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const text = (data: string) => Buffer.from(data, 'base64').toString('utf8');

/** Both desks set up through the API only, the key handed over as the text the API showed. */
async function twoDesks() {
  const federation = desk();
  const district = desk();
  const fed = await value(federation.call('review.setDesk', { kind: 'federation', name: '总会 李审' }));
  await value(district.call('review.setDesk', { kind: 'district', name: '城口县', federationKey: fed.publicKey ?? '' }));
  const id = district.lib.proposals.insert(makeProposal({ title: '高观镇留守儿童课堂', district: '城口县', sections: { background: CHENGKOU } })).id;
  await value(district.call('review.act', { id, action: 'submit' }));
  const bundle = await value(district.call('bundle.export', { ids: [id] }));
  await value(federation.call('bundle.import', { dataBase64: bundle.dataBase64 }));
  return { federation, district, id };
}

describe('审核台设置 over the API', () => {
  test('an unset desk is a district without a key; the review desk makes a key and keeps it', async () => {
    const d = desk();
    expect(await value(d.call('review.desk', {}))).toEqual({ kind: 'district', userName: '本机', publicKey: null, canSign: false });
    const first = await value(d.call('review.setDesk', { kind: 'federation', name: '  总会 李审  ' }));
    expect(first).toMatchObject({ kind: 'federation', userName: '总会 李审', canSign: true });
    expect(first.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const again = await value(d.call('review.setDesk', { kind: 'federation', name: '总会 王审' }));
    expect(again.publicKey).toBe(first.publicKey);
    expect(await value(d.call('review.desk', {}))).toEqual(again);
  });

  test('a district desk takes the federation key pasted with spaces around it, and keeps it when renamed', async () => {
    const d = desk();
    const { publicKey } = generateSigningKeys();
    const set = await value(d.call('review.setDesk', { kind: 'district', name: '城口县', federationKey: `\n  ${publicKey}  \n` }));
    expect(set).toEqual({ kind: 'district', userName: '城口县', publicKey, canSign: false });
    expect((await value(d.call('review.setDesk', { kind: 'district', name: '城口县 张敏' }))).publicKey).toBe(publicKey);
  });

  test('bad input is refused in Chinese and changes nothing', async () => {
    const d = desk();
    const bad = await failure(d.call('review.setDesk', { kind: 'district', name: '城口县', federationKey: '不是公钥' }));
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('总会公钥无效') });
    const empty = await failure(d.call('review.setDesk', { kind: 'district', federationKey: '   ' }));
    expect(empty.details.join()).toContain('请粘贴或导入总会公钥');
    expect((await failure(d.raw('review.setDesk', { kind: 'boss' }))).code).toBe('INVALID_INPUT');
    expect(await value(d.call('review.desk', {}))).toMatchObject({ kind: 'district', userName: '本机', publicKey: null });
  });
});

describe('审核结果 files over the API', () => {
  test('the review desk exports signed results; the district takes them in with the reason and the comment', async () => {
    const { federation, district, id } = await twoDesks();
    await value(federation.call('review.comment', { id, section: 'background', quote: '留守儿童86名', body: '请附名单' }));
    await value(federation.call('review.act', { id, action: 'return', reason: '人数请核实' }));
    const file = await value(federation.call('review.exportResults', { id }));
    expect(file).toMatchObject({ fileName: '审核结果-高观镇留守儿童课堂.json', decisions: 1, comments: 1 });
    expect(JSON.parse(text(file.dataBase64))).toMatchObject({ kind: 'shance-review-results', proposalId: id });

    expect(await value(district.call('review.importResults', { dataBase64: file.dataBase64 }))).toEqual({ proposalId: id, title: '高观镇留守儿童课堂', decisions: 1, comments: 1 });
    const state = await value(district.call('review.state', { id }));
    expect(state.status).toBe('returned');
    expect(state.log.at(-1)).toMatchObject({ action: 'return', reason: '人数请核实', origin: 'bundle', verified: true });
    expect(state.comments.map((c) => c.body)).toEqual(['请附名单']);
    // The same file again brings nothing new.
    expect(await value(district.call('review.importResults', { dataBase64: file.dataBase64 }))).toMatchObject({ decisions: 0, comments: 0 });
  });

  test('a district desk cannot export results others would trust', async () => {
    const { district, id } = await twoDesks();
    district.lib.review.act(id, 'approve', {}, { role: 'reviewer', name: '冒充者' });
    const r = await failure(district.call('review.exportResults', { id }));
    expect(r).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('没有总会签名') });
  });

  test('tampered, unsigned, wrong-key, malformed or non-JSON files are refused in Chinese; nothing changes', async () => {
    const { federation, district, id } = await twoDesks();
    await value(federation.call('review.act', { id, action: 'return', reason: '人数请核实' }));
    const genuine = JSON.parse(text((await value(federation.call('review.exportResults', { id }))).dataBase64));

    const tampered = structuredClone(genuine);
    tampered.decisions[0].reason = '无需修改';
    const unsigned = structuredClone(genuine);
    unsigned.decisions[0].signature = null;
    const refusals: [string, string][] = [
      [b64(JSON.stringify(tampered)), '没有有效的总会签名'],
      [b64(JSON.stringify(unsigned)), '没有有效的总会签名'],
      [b64(JSON.stringify({ ...genuine, kind: 'something-else' })), '审核结果文件内容不符合格式要求'],
      [b64('{"kind": "shance-review-results", '), '无法读取审核结果文件'],
      [Buffer.from([0xff, 0xfe, 0x00]).toString('base64'), '无法读取审核结果文件'],
    ];
    for (const [dataBase64, message] of refusals) {
      expect((await failure(district.call('review.importResults', { dataBase64 }))).message).toContain(message);
    }
    expect((await failure(district.call('review.importResults', { dataBase64: '不是base64' }))).code).toBe('INVALID_INPUT');

    // Configured with another key, the district does not trust the federation's signature.
    await value(district.call('review.setDesk', { kind: 'district', name: '城口县', federationKey: generateSigningKeys().publicKey }));
    const wrongKey = await failure(district.call('review.importResults', { dataBase64: b64(JSON.stringify(genuine)) }));
    expect(wrongKey.message).toContain('没有有效的总会签名');

    const state = await value(district.call('review.state', { id }));
    expect(state.status).toBe('submitted');
    expect(state.log.map((e) => e.action)).toEqual(['submit']);
  });

  test('a decision already taken in, altered in a later file, is refused rather than passed over as nothing new', async () => {
    const { federation, district, id } = await twoDesks();
    await value(federation.call('review.act', { id, action: 'return', reason: '人数请核实' }));
    const file = await value(federation.call('review.exportResults', { id }));
    await value(district.call('review.importResults', { dataBase64: file.dataBase64 }));
    const altered = JSON.parse(text(file.dataBase64));
    altered.decisions[0].reason = '无需修改';
    expect((await failure(district.call('review.importResults', { dataBase64: b64(JSON.stringify(altered)) }))).message).toContain('没有有效的总会签名');
    expect((await value(district.call('review.state', { id }))).log.at(-1)).toMatchObject({ action: 'return', reason: '人数请核实' });
  });

  test('a district desk without the federation key says how to configure it', async () => {
    const { federation, id } = await twoDesks();
    await value(federation.call('review.act', { id, action: 'return', reason: '人数请核实' }));
    const file = await value(federation.call('review.exportResults', { id }));
    const stranger = desk();
    const r = await failure(stranger.call('review.importResults', { dataBase64: file.dataBase64 }));
    expect(r).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('未配置总会公钥') });
  });
});
