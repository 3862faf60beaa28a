import { describe, expect, test } from 'vitest';
import { proposalFromTemplate } from '../../src/core/handbook/fromTemplate';
import { normalizeForSave } from '../../src/core/library/normalize';
import { checkProposal } from '../../src/core/rules/engine';
import { loadPackDir } from '../../src/core/rules/load';
import { defaultTemplatesDir } from '../../src/core/paths';
import { shippedHandbook } from './helpers/handbook';

// The promise between the handbook and the rules: template text is visibly a placeholder, and the
// legal pack flags every placeholder a proposal still carries.
describe('templates and the legal pack', () => {
  const legal = loadPackDir(`${defaultTemplatesDir()}/rules`).find((p) => p.id === 'legal')!;
  const pkg = shippedHandbook();

  test.each(pkg.templates.map((t) => [t.id, t] as const))('a proposal fresh from template %s is flagged for its placeholders', (_id, t) => {
    const p = normalizeForSave(proposalFromTemplate(t, pkg.version, { title: '测试项目' }));
    const [result] = checkProposal(p, [legal]);
    const placeholders = result!.findings.filter((f) => f.ruleId.includes('placeholder'));
    expect(placeholders.length).toBeGreaterThan(0);
    // Each one points at a real 【…】 passage.
    for (const f of placeholders.filter((x) => x.range && x.field?.startsWith('sections.'))) {
      const text = p.sections[f.field!.slice('sections.'.length) as keyof typeof p.sections].text;
      expect(text.slice(f.range!.start, f.range!.end)).toMatch(/^【.*】$/);
    }
  });
});
