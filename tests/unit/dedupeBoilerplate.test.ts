import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD } from '../../src/shared/api/methods/dedupe';
import { Boilerplate, loadBoilerplate, readHandbookTexts } from '../../src/core/dedupe/boilerplate';
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

function handbookDir(): string {
  const dir = tmpDir();
  mkdirSync(join(dir, 'handbook', 'elderly'), { recursive: true });
  writeFileSync(join(dir, 'handbook', 'elderly', 'canteen.json'), JSON.stringify({ id: 'canteen', version: '1', sections: template }));
  return dir;
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

  it('reads whatever text the handbook folder holds, and nothing when it is missing', () => {
    const dir = handbookDir();
    writeFileSync(join(dir, 'handbook', 'notes.md'), '# 写作提示\n\n先写清楚需求。');
    writeFileSync(join(dir, 'handbook', 'broken.json'), '{ not json');
    const texts = readHandbookTexts(dir);
    expect(texts).toContain(template.background);
    expect(texts).toContain(template.plan);
    expect(texts.some((t) => t.includes('先写清楚需求'))).toBe(true);
    // Ids and versions are not prose.
    expect(texts).not.toContain('canteen');
    expect(readHandbookTexts(join(dir, 'missing'))).toEqual([]);
    expect(loadBoilerplate(join(dir, 'missing')).size).toBe(0);
    expect(loadBoilerplate(dir).size).toBeGreaterThan(1000);
  });

  it('is applied by the live check through the API', async () => {
    const lib = tmpLibrary();
    const dispatch = createDispatch(createHandlers({ lib, templatesDir: handbookDir() }));
    lib.proposals.insert(fromTemplate('a', 1));
    const res = await dispatch('dedupe.similar', { proposal: fromTemplate('b', 2) });
    expect(res).toMatchObject({ ok: true, value: { items: [], tooShort: false } });
    // The same library without the templates reports the template-sharing proposal.
    const bare = createDispatch(createHandlers({ lib, templatesDir: tmpDir() }));
    const res2 = await bare('dedupe.similar', { proposal: fromTemplate('b', 2) });
    expect(res2.ok && (res2.value as { items: { id: string }[] }).items.map((i) => i.id)).toEqual(['a']);
  });
});
