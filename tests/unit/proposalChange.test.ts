import { describe, expect, it } from 'vitest';
import { diffProposal } from '../../src/federation/proposalChange';

// What a push changed, taken by the server against the revision before (federation/proposalRows.ts).
// A proposal the server stored through jsonb comes back with its editor documents' keys reordered:
// that is not a change.

const doc = (text: string) => ({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text, format: 0 }] }] } });
const reordered = (text: string) => ({ root: { children: [{ children: [{ format: 0, text, type: 'text' }], type: 'paragraph' }], type: 'root' } });

const before = {
  id: 'p1',
  title: '社区长者助餐',
  summary: '旧摘要',
  platforms: ['tencent', 'alipay'],
  sections: { background: { doc: doc('独居老人320名'), text: '独居老人320名' }, plan: { doc: doc('每周三次'), text: '每周三次' } },
};

describe('diffProposal', () => {
  it('finds nothing when only the order of keys differs, at any depth', () => {
    const after = {
      sections: { plan: { text: '每周三次', doc: reordered('每周三次') }, background: { text: '独居老人320名', doc: reordered('独居老人320名') } },
      platforms: ['tencent', 'alipay'],
      summary: '旧摘要',
      title: '社区长者助餐',
      id: 'p1',
    };
    expect(diffProposal(before, after)).toEqual({ set: {}, unset: [], sections: {} });
  });

  it('names the section whose text changed deep inside its document, and only that one', () => {
    const after = { ...before, sections: { ...before.sections, plan: { doc: reordered('每周四次'), text: '每周三次' } } };
    expect(diffProposal(before, after)).toEqual({ set: {}, unset: [], sections: { plan: after.sections.plan } });
  });

  it('sees a reordered list, a changed field, a removed field and a field set to nothing', () => {
    const after: Record<string, unknown> = { ...before, platforms: ['alipay', 'tencent'], summary: '新摘要', extra: undefined };
    delete after.title;
    expect(diffProposal(before, after)).toEqual({ set: { platforms: ['alipay', 'tencent'], summary: '新摘要' }, unset: ['title'], sections: {} });
  });

  it('tells a list from an object with the same entries, and null from an empty object', () => {
    expect(diffProposal({ a: ['x'], b: null }, { a: { 0: 'x' }, b: {} }).set).toEqual({ a: { 0: 'x' }, b: {} });
  });
});
