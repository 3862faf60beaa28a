import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/core/library/library';
import type { Actor } from '../../src/core/review/store';
import { textToDoc } from '../../src/shared/domain/richText';
import { cli } from './helpers/cli';
import { convertToPdf, hasPoppler, pdfText, soffice } from './helpers/office';
import { makeProposal } from './helpers/proposals';
import { tmpDir } from './helpers/tmp';

const DISTRICT: Actor = { role: 'district', name: '渝北区 张敏' };
const REVIEWER: Actor = { role: 'reviewer', name: '总会 李审' };
const NEED = '渝北区双龙湖街道有独居老人320名，其中高龄老人占四成。社区食堂距离较远，老人就餐不便。';
const needsOffice = !soffice || !hasPoppler;
const it_ = needsOffice && process.env.CI !== 'true' ? it.skip : it;

/** A proposal through submit → comment → return → fix → submit → approve → live on the federation's review desk (which signs). */
function reviewedLibrary() {
  const path = join(tmpDir(), 'library.db');
  const lib = Library.open(path);
  lib.review.setDesk('federation', '总会 李审');
  const p = lib.proposals.insert(makeProposal({ title: '双龙湖长者助餐', district: '渝北区', sections: { background: NEED } }));
  lib.review.act(p.id, 'submit', {}, DISTRICT);
  lib.review.comment(p.id, { section: 'background', quote: '独居老人320名', body: '请附民政名册' }, REVIEWER);
  lib.review.act(p.id, 'return', { reason: '受益人数缺少依据', sections: ['background'] }, REVIEWER);
  const cur = lib.proposals.get(p.id);
  const fixed = NEED.replace('320', '340');
  lib.proposals.save({ ...cur, sections: { ...cur.sections, background: { doc: textToDoc(fixed), text: fixed } }, updatedAt: new Date(Date.parse(cur.updatedAt) + 1000).toISOString() });
  lib.review.act(p.id, 'submit', {}, DISTRICT);
  lib.review.act(p.id, 'approve', {}, REVIEWER);
  lib.close();
  return { path, id: p.id };
}

describe('the dossier (审核档案)', () => {
  it('holds every revision, the decisions with their signatures, the whole log and the comments', async () => {
    const { path, id } = reviewedLibrary();
    const out = join(mkdtempSync(join(tmpdir(), 'shance-dossier-')), '档案.zip');
    const r = await cli(['review', 'dossier', id, '--out', out, '--db', path]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导出审核档案');
    const zip = unzipSync(readFileSync(out));
    expect(Object.keys(zip).sort()).toEqual(['上线与披露.json', '审核决定.json', '审核记录.json', '批注.json', '清单.json', '版本/第1版.json', '版本/第2版.json', '双龙湖长者助餐-审核档案.docx'].sort());
    const text = (name: string) => JSON.parse(new TextDecoder().decode(zip[name])) as unknown;
    const v1 = text('版本/第1版.json') as { n: number; hash: string; proposal: { sections: { background: { text: string } } } };
    const v2 = text('版本/第2版.json') as typeof v1;
    expect([v1.proposal.sections.background.text, v2.proposal.sections.background.text]).toEqual([NEED, NEED.replace('320', '340')]);
    expect(v1.hash).toMatch(/^[0-9a-f]{64}$/);
    const decisions = text('审核决定.json') as { action: string; signature: string | null; reason: string }[];
    expect(decisions.map((d) => d.action)).toEqual(['return', 'approve']);
    expect(decisions.every((d) => typeof d.signature === 'string' && d.signature.length > 40)).toBe(true);
    expect((text('审核记录.json') as { action: string }[]).map((e) => e.action)).toEqual(['submit', 'return', 'submit', 'approve']);
    expect(text('批注.json')).toMatchObject([{ quote: '独居老人320名', body: '请附民政名册', revision: 1 }]);
    expect(text('清单.json')).toMatchObject({ kind: 'shance-review-dossier', proposalId: id, frozen: { n: 2, hash: v2.hash } });
  });

  it('refuses without --out, and an unknown proposal, in Chinese', async () => {
    const { path, id } = reviewedLibrary();
    expect((await cli(['review', 'dossier', id, '--db', path])).err).toContain('用法：shance review dossier');
    expect((await cli(['review', 'dossier', 'no-such-id', '--out', join(tmpDir(), 'x.zip'), '--db', path])).err).toMatch(/不存在|不在本机/);
  });

  it_('has a DOCX summary LibreOffice opens, naming the revisions, the decisions and what changed', async () => {
    if (needsOffice) throw new Error('需要 LibreOffice（soffice）和 poppler-utils 才能检查审核档案');
    const { path, id } = reviewedLibrary();
    const lib = Library.open(path);
    const dir = mkdtempSync(join(tmpdir(), 'shance-dossier-docx-'));
    const { buildDossier } = await import('../../src/core/review/dossier');
    const d = await buildDossier(lib.review, lib.proposals.get(id));
    lib.close();
    const docx = join(dir, 'summary.docx');
    writeFileSync(docx, unzipSync(d.data)['双龙湖长者助餐-审核档案.docx']!);
    const [pdf] = convertToPdf([docx], dir);
    // Page numbers (—2—) land wherever a page breaks, even mid-sentence: read the text without them.
    const pdfTextFlat = pdfText(pdf!).replace(/\s+/g, '').replace(/—\d+—/g, '');
    for (const expected of ['双龙湖长者助餐审核档案', '一、提交版本', '第1版：', '第2版：', '（已冻结）', '三、审核决定', '退回修改（已提交→退回修改）', '受益人数缺少依据', '通过（已提交→已通过）', '总会审核台签名', '引文「独居老人320名」', '请附民政名册', '第1版→第2版', '改动的章节：项目背景与需求']) {
      expect(pdfTextFlat).toContain(expected.replace(/\s+/g, ''));
    }
  }, 200_000);
});
