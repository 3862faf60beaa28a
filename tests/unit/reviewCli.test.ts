import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { Library } from '../../src/core/library/library';
import { textToDoc } from '../../src/shared/domain/richText';
import { cli } from './helpers/cli';
import { FIXTURE_TEMPLATES } from './helpers/exportFixtures';
import { makeProposal } from './helpers/proposals';
import { tmpDir } from './helpers/tmp';

const NEED = '渝北区双龙湖街道有独居老人320名。社区食堂距离较远，老人就餐不便。';

function setup() {
  const db = join(tmpDir(), 'library.db');
  const lib = Library.open(db);
  const id = lib.proposals.insert(makeProposal({ title: '双龙湖长者助餐', district: '渝北区', sections: { background: NEED } })).id;
  lib.close();
  return { db, id };
}

/** Let the district change its text, as the editor would. */
function districtEdits(db: string, id: string, text: string) {
  const lib = Library.open(db);
  const p = lib.proposals.get(id);
  lib.proposals.save({ ...p, sections: { ...p.sections, background: { doc: textToDoc(text), text } }, updatedAt: new Date(Date.now() + 1000).toISOString() });
  lib.close();
}

describe('shance review / shance history', () => {
  test('a district desk submits; it may not approve its own proposal', async () => {
    const { db, id } = setup();
    const submit = await cli(['review', 'submit', id, '--db', db]);
    expect(submit.code).toBe(0);
    expect(submit.out).toContain('提交审核：「草稿」→「已提交」');
    const approve = await cli(['review', 'approve', id, '--db', db, '--json']);
    expect(approve.code).toBe(2);
    expect(JSON.parse(approve.out).error.message).toContain('区县不能通过');
  });

  test('the federation desk returns with reasons (required), approves, and history shows revisions and the diff', async () => {
    const { db, id } = setup();
    await cli(['review', 'submit', id, '--db', db]);
    const desk = await cli(['review', 'desk', 'federation', '--name', '总会 李审', '--db', db, '--json']);
    expect(JSON.parse(desk.out).publicKey).toContain('BEGIN PUBLIC KEY');

    const bare = await cli(['review', 'return', id, '--db', db]);
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('退回修改必须填写理由');
    const ret = await cli(['review', 'return', id, '--reason', '受益人数请核实', '--section', 'background', '--db', db, '--json']);
    expect(JSON.parse(ret.out).entry).toMatchObject({ to: 'returned', reason: '受益人数请核实', sections: ['background'], by: '总会 李审' });

    await cli(['review', 'desk', 'district', '--name', '渝北区 张敏', '--db', db]);
    districtEdits(db, id, NEED.replace('320', '340'));
    expect((await cli(['review', 'submit', id, '--db', db])).code).toBe(0);
    await cli(['review', 'desk', 'federation', '--db', db]);
    const queue = JSON.parse((await cli(['review', 'queue', '--db', db, '--json'])).out);
    expect(queue.items.map((q: { id: string }) => q.id)).toEqual([id]);
    const approve = await cli(['review', 'approve', id, '--db', db]);
    expect(approve.out).toContain('已用总会密钥签名');

    const history = JSON.parse((await cli(['history', id, '--db', db, '--json'])).out);
    expect(history.revisions.map((r: { n: number; status: string; frozen: boolean }) => [r.n, r.status, r.frozen])).toEqual([
      [2, 'approved', true],
      [1, 'returned', false],
    ]);
    expect(history.revisions[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(history.log.map((e: { action: string }) => e.action)).toEqual(['submit', 'return', 'submit', 'approve']);

    const diff = await cli(['history', id, '--diff', '1', '2', '--db', db]);
    expect(diff.out).toContain('【项目背景与需求】');
    expect(diff.out).toContain('独居老人3〔-2-〕〔+4+〕0名');
    const json = JSON.parse((await cli(['history', id, '--diff', '1', '2', '--db', db, '--json'])).out);
    expect(json.sections.find((s: { section: string }) => s.section === 'background').parts).toContainEqual({ op: 'insert', text: '4' });
  });

  test('bad input is refused in Chinese', async () => {
    const { db, id } = setup();
    expect((await cli(['review', 'fly', id, '--db', db])).err).toContain('未知的审核操作');
    expect((await cli(['history', id, '--diff', '1', 'x', '--db', db])).err).toContain('版本号「x」无效');
    expect((await cli(['history', id, '--diff', '1', '2', '--db', db])).err).toContain('没有第 1 版');
    expect((await cli(['review', 'return', id, '--reason', '不行', '--section', 'nowhere', '--db', db])).err).toContain('未知的章节');
  });
});

describe('exports come from the frozen revision', () => {
  test('the review copy of an approved proposal under amendment shows the approved text, its revision number and hash', async () => {
    const { db, id } = setup();
    const dir = tmpDir();
    await cli(['review', 'submit', id, '--db', db]);
    await cli(['review', 'desk', 'federation', '--db', db]);
    await cli(['review', 'approve', id, '--db', db]);
    await cli(['review', 'desk', 'district', '--db', db]);
    expect((await cli(['review', 'amend', id, '--db', db])).code).toBe(0);
    districtEdits(db, id, '变更中尚未审核的新文字。');
    const hash = JSON.parse((await cli(['history', id, '--db', db, '--json'])).out).revisions[0].hash;

    const exp = await cli(['export', id, '--internal', '--out', dir, '--db', db], { env: { SHANCE_TEMPLATES: FIXTURE_TEMPLATES } });
    expect(exp.err).toBe('');
    const docx = readdirSync(dir).find((f) => f.endsWith('.docx'))!;
    const xml = strFromU8(unzipSync(readFileSync(join(dir, docx)))['word/document.xml']!);
    expect(xml).toContain(`依据审核通过并冻结的第 1 版，内容校验值 SHA-256：${hash}`);
    expect(xml).toContain('独居老人320名');
    expect(xml).not.toContain('变更中尚未审核的新文字');
  });
});
