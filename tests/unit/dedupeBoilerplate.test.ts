import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD } from '../../src/shared/api/methods/dedupe';
import { Boilerplate, handbookBoilerplateTexts, loadBoilerplate } from '../../src/core/dedupe/boilerplate';
import { proposalFromTemplate } from '../../src/core/handbook/fromTemplate';
import type { Proposal } from '../../src/shared/domain/proposal';
import { copyTemplates, SHIPPED_TEMPLATES, shippedHandbook } from './helpers/handbook';
import { proposalDoc } from '../../src/core/dedupe/parts';
import { estimate, exactScore, sketchDoc, weightedShingles } from '../../src/core/dedupe/sketch';
import { createHandlers } from '../../src/core/api/handlers';
import { createDispatch } from '../../src/core/api/dispatch';
import { placeholder } from '../../src/shared/domain/placeholders';
import { makeProposal } from './helpers/proposals';
import { tmpDir, tmpLibrary } from './helpers/tmp';
import { cjkText } from './helpers/dedupeText';

/** A focus-area template: more than half of each section, with placeholders the writer fills in. */
const template = {
  background: `${cjkText(1, 500)}${placeholder('受益老人人数')}${cjkText(2, 300)}`,
  plan: `${cjkText(3, 600)}${placeholder('送餐频次')}${cjkText(4, 200)}`,
};

/** An unrelated project written from the template: its own text after the template's. */
function fromTemplate(id: string, seed: number) {
  return makeProposal({
    id,
    title: `项目${seed}`,
    sections: {
      background: template.background.replace(placeholder('受益老人人数'), String(seed * 7)) + cjkText(seed * 10, 500),
      plan: template.plan.replace(placeholder('送餐频次'), `每周${seed}次`) + cjkText(seed * 10 + 1, 400),
    },
  });
}

/** A fresh library holding just these proposals. */
function tmpLibraryWith(...proposals: Proposal[]) {
  const lib = tmpLibrary();
  for (const p of proposals) lib.proposals.insert(p);
  return lib;
}

describe('template boilerplate', () => {
  it('would make unrelated proposals from one template look alike, and is discounted', () => {
    const a = proposalDoc(fromTemplate('a', 1));
    const b = proposalDoc(fromTemplate('b', 2));
    const none = Boilerplate.none;
    const bp = Boilerplate.fromTexts(Object.values(template));
    // Without the discount the template alone pushes them over the threshold…
    expect(exactScore(weightedShingles(a, none), weightedShingles(b, none))).toBeGreaterThan(DEFAULT_THRESHOLD);
    // …with it, only their own text counts, and they have none in common.
    expect(exactScore(weightedShingles(a, bp), weightedShingles(b, bp))).toBeLessThan(0.02);
    expect(estimate(sketchDoc(a, bp)!, 0, sketchDoc(b, bp)!, 0)).toBeLessThan(0.1);
  });

  it('still finds a real copy among proposals written from the template', () => {
    const bp = Boilerplate.fromTexts(Object.values(template));
    const original = fromTemplate('a', 1);
    const copy = { ...original, id: 'c', district: '巫溪县' };
    expect(estimate(sketchDoc(proposalDoc(original), bp)!, 0, sketchDoc(proposalDoc(copy), bp)!, 0)).toBe(1);
  });

  it('takes the handbook’s templates and guide examples, not its workshop samples', () => {
    const pkg = shippedHandbook();
    const texts = handbookBoilerplateTexts(pkg);
    const meals = pkg.templates.find((t) => t.id === 'elderly-meals')!;
    expect(texts).toContain(meals.sections.background.skeleton);
    expect(texts).toContain(pkg.steps[0]!.page.examples[0]!.good);
    const sample = pkg.samples[0]!;
    expect(texts).not.toContain(sample.proposal.sections.background);
    expect(loadBoilerplate(tmpDir()).size).toBe(0);
    expect(loadBoilerplate(SHIPPED_TEMPLATES).size).toBeGreaterThan(1000);
  });

  it('is applied by the live check through the API, from the library’s current handbook', async () => {
    const pkg = shippedHandbook();
    const t = pkg.templates.find((x) => x.id === 'elderly-meals')!;
    // Two unrelated projects started from the same real template, each with its own few lines.
    const own = (p: Proposal, seed: number): Proposal => ({
      ...p,
      sections: { ...p.sections, background: { doc: null, text: `${p.sections.background.text}\n${cjkText(seed, 120)}` } },
    });
    const a = own(proposalFromTemplate(t, pkg.version, { id: 'a', title: '甲街道助餐' }), 11);
    const b = own(proposalFromTemplate(t, pkg.version, { id: 'b', title: '乙街道助餐' }), 22);

    const lib = tmpLibrary();
    lib.proposals.insert(a);
    const withHandbook = createDispatch(createHandlers({ lib, templatesDir: copyTemplates() }));
    const res = await withHandbook('dedupe.similar', { proposal: b });
    expect(res).toMatchObject({ ok: true, value: { items: [] } });
    // The same library without a handbook reports the template-sharing proposal.
    const bare = createDispatch(createHandlers({ lib: tmpLibraryWith(a), templatesDir: tmpDir() }));
    const res2 = await bare('dedupe.similar', { proposal: b });
    expect(res2.ok && (res2.value as { items: { id: string }[] }).items.map((i) => i.id)).toEqual(['a']);
  });
});
