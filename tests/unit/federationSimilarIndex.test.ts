import { describe, expect, it } from 'vitest';
import { SimilarIndex } from '../../src/federation/similar';
import type { FederationUser } from '../../src/shared/federation/contract';
import type { Proposal } from '../../src/shared/domain/proposal';
import { cjkText } from './helpers/dedupeText';
import { makeProposal } from './helpers/proposals';

// The server indexes pushes lazily (off the push's path); every check must still see every push.

const reviewer: FederationUser = { name: 'shenhe', district: '市慈善总会（本级）', role: 'reviewer' };
const background = cjkText(71, 900);
const plan = cjkText(72, 600);
const filed = (init: Partial<Omit<Proposal, 'sections'>> = {}) =>
  makeProposal({ title: '江北区长者助餐', district: '江北区', status: 'submitted', sections: { background, plan }, ...init });
const draft = () => makeProposal({ title: '渝北区长者助餐', district: '渝北区', sections: { background: background.slice(0, 800) + cjkText(73, 100), plan } });
const found = (index: SimilarIndex) => index.similar(reviewer, draft(), 10).map((m) => m.id);

describe('the federation-wide similar index, updated after the push', () => {
  it('finds a proposal in the first check after its push, with nothing else run in between', () => {
    const index = new SimilarIndex();
    const p = filed();
    index.put(p);
    expect(found(index)).toEqual([p.id]);
    expect(index.size).toBe(1);
  });

  it('applies pushes and removals in the order they came', () => {
    const index = new SimilarIndex();
    const p = filed();
    index.put(p);
    index.remove(p.id);
    expect(found(index)).toEqual([]);
    index.remove(p.id);
    index.put(p);
    expect(found(index)).toEqual([p.id]);
    // Merged into a brand project: no longer a separate proposal to warn about.
    index.put({ ...p, status: 'merged' });
    expect(found(index)).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('takes the latest version of a proposal pushed twice before a check', () => {
    const index = new SimilarIndex();
    const p = filed();
    index.put({ ...p, title: '旧标题' });
    index.put({ ...p, title: '新标题' });
    expect(index.similar(reviewer, draft(), 10).map((m) => m.title)).toEqual(['新标题']);
  });
});
