import { describe, expect, test } from 'vitest';
import { readBundle } from '../../src/core/bundle/readBundle';
import { writeBundle } from '../../src/core/bundle/writeBundle';
import { differences } from '../../src/core/library/conflicts';
import { makeProposal } from './helpers/proposals';
import { tmpLibrary } from './helpers/tmp';

const org = (name: string) => ({ initiator: { name, creditCode: '' }, executors: [], fundraiser: { name: '', creditCode: '' } });

describe('an id already in the library: same project or another one?', () => {
  const yubei = makeProposal({ title: '龙溪街道老年食堂助餐计划', district: '渝北区', roles: org('渝北区慈善会') });

  test('a later version of the same project, even with an edited title, is not flagged', () => {
    const edited = { ...yubei, title: '龙溪街道老年食堂助餐计划（二期）', updatedAt: new Date(Date.now() + 1000).toISOString() };
    expect(differences(edited, yubei)).toEqual([]);
  });

  test('another district, another initiator, another title: each is named', () => {
    const shizhu = { ...yubei, title: '中益乡留守儿童暑期课堂', district: '石柱土家族自治县', roles: org('石柱县慈善会') };
    expect(differences(shizhu, yubei)).toEqual([
      '区县不同：库中为「渝北区」，导入的为「石柱土家族自治县」',
      '发起方不同：库中为「渝北区慈善会」，导入的为「石柱县慈善会」',
      '项目名称差别很大',
    ]);
    // One sign is enough: a copied file whose title was kept still comes from another district.
    expect(differences({ ...yubei, district: '石柱土家族自治县' }, yubei)).toHaveLength(1);
  });

  test("the library's conflict list carries both sides' title, district and last change", async () => {
    const lib = tmpLibrary();
      lib.proposals.insert(yubei);
      const later = new Date(Date.parse(yubei.updatedAt) + 86_400_000).toISOString();
      const shizhu = { ...yubei, title: '中益乡留守儿童暑期课堂', district: '石柱土家族自治县', updatedAt: later };
      const source = await readBundle(writeBundle([shizhu], [], 'test'));
      const stored = lib.proposals.get(yubei.id);
      expect(lib.conflicts(source)).toEqual([
        {
          id: yubei.id,
          incomingTitle: '中益乡留守儿童暑期课堂',
          incomingDistrict: '石柱土家族自治县',
          incomingUpdatedAt: later,
          existingTitle: '龙溪街道老年食堂助餐计划',
          existingDistrict: '渝北区',
          existingUpdatedAt: stored.updatedAt,
          incomingIsNewer: true,
          differentProject: true,
          differences: ['区县不同：库中为「渝北区」，导入的为「石柱土家族自治县」', '项目名称差别很大'],
        },
      ]);
  });
});
