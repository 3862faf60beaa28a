import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Library } from '../../src/core/library/library';
import { generateSigningKeys } from '../../src/core/review/signing';
import { cli } from './helpers/cli';
import { makeProposal } from './helpers/proposals';
import { tmpDir } from './helpers/tmp';

const NEED = '城口县高观镇有留守儿童86名，放学后无人看护。';

/** A district desk and the federation's review desk, apart: only files travel between them. */
async function twoDesks() {
  const dir = tmpDir();
  const district = join(dir, 'district.db');
  const federation = join(dir, 'federation.db');
  const lib = Library.open(district);
  const id = lib.proposals.insert(makeProposal({ title: '高观镇留守儿童课堂', district: '城口县', sections: { background: NEED } })).id;
  lib.close();
  const desk = JSON.parse((await cli(['review', 'desk', 'federation', '--name', '总会 李审', '--db', federation, '--json'])).out);
  writeFileSync(join(dir, 'federation.pem'), desk.publicKey);
  await cli(['review', 'desk', 'district', '--name', '城口县', '--federation-key', join(dir, 'federation.pem'), '--db', district]);
  expect((await cli(['review', 'submit', id, '--db', district])).code).toBe(0);
  await cli(['export', id, '--out', join(dir, 'submitted.shance'), '--db', district]);
  expect((await cli(['import', join(dir, 'submitted.shance'), '--db', federation])).code).toBe(0);
  return { dir, district, federation, id };
}

describe('review results in a file, signed by the federation', () => {
  test('the district takes in a signed return with its comment; the status and reasons follow', async () => {
    const { dir, district, federation, id } = await twoDesks();
    const fed = Library.open(federation);
    fed.review.comment(id, { section: 'background', quote: '留守儿童86名', body: '请附名单' });
    fed.close();
    expect((await cli(['review', 'return', id, '--reason', '人数请核实', '--db', federation])).code).toBe(0);
    const file = join(dir, 'results.json');
    expect((await cli(['review', 'results', id, '--out', file, '--db', federation])).code).toBe(0);

    const got = await cli(['review', 'receive', file, '--db', district, '--json']);
    expect(got.err).toBe('');
    expect(JSON.parse(got.out)).toEqual({ decisions: 1, comments: 1 });
    const lib = Library.open(district);
    expect(lib.proposals.get(id).status).toBe('returned');
    expect(lib.review.log(id).at(-1)).toMatchObject({ action: 'return', reason: '人数请核实', origin: 'bundle', verified: true, by: '总会 李审' });
    expect(lib.review.comments(id).map((c) => c.body)).toEqual(['请附名单']);
    lib.close();
    // Again: nothing new.
    expect(JSON.parse((await cli(['review', 'receive', file, '--db', district, '--json'])).out)).toEqual({ decisions: 0, comments: 0 });
  });

  test('a tampered or unsigned decision, or one checked against another key: refused, nothing changes', async () => {
    const { dir, district, federation, id } = await twoDesks();
    await cli(['review', 'return', id, '--reason', '人数请核实', '--db', federation]);
    const file = join(dir, 'results.json');
    await cli(['review', 'results', id, '--out', file, '--db', federation]);
    const genuine = JSON.parse(readFileSync(file, 'utf8'));

    const tampered = structuredClone(genuine);
    tampered.decisions[0].action = 'approve';
    tampered.decisions[0].to = 'approved';
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const t = await cli(['review', 'receive', join(dir, 'tampered.json'), '--db', district]);
    expect(t.code).not.toBe(0);
    expect(t.err).toContain('没有有效的总会签名');
    // The decision is named by when it was made, as a reader in Chongqing reads a time.
    expect(t.err).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d（北京时间） 的审核决定/);
    expect(t.err).not.toContain(genuine.decisions[0].at);

    const unsigned = structuredClone(genuine);
    unsigned.decisions[0].signature = null;
    writeFileSync(join(dir, 'unsigned.json'), JSON.stringify(unsigned));
    expect((await cli(['review', 'receive', join(dir, 'unsigned.json'), '--db', district])).err).toContain('没有有效的总会签名');

    // A district desk configured with some other key does not trust the federation's signature.
    writeFileSync(join(dir, 'stranger.pem'), generateSigningKeys().publicKey);
    await cli(['review', 'desk', 'district', '--federation-key', join(dir, 'stranger.pem'), '--db', district]);
    expect((await cli(['review', 'receive', file, '--db', district])).err).toContain('没有有效的总会签名');

    const lib = Library.open(district);
    expect(lib.proposals.get(id).status).toBe('submitted');
    expect(lib.review.log(id).map((e) => e.action)).toEqual(['submit']);
    lib.close();
  });

  test('a desk that is not the federation cannot export decisions others would trust', async () => {
    const { dir, district, id } = await twoDesks();
    const lib = Library.open(district);
    lib.review.act(id, 'approve', {}, { role: 'reviewer', name: '冒充者' });
    lib.close();
    const r = await cli(['review', 'results', id, '--out', join(dir, 'x.json'), '--db', district]);
    expect(r.err).toContain('没有总会签名');
  });
});
