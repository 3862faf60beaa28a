import { describe, expect, it } from 'vitest';
import { assessProposal } from '../../src/core/handbook/assess';
import { proposalFromTemplate } from '../../src/core/handbook/fromTemplate';
import { sampleProposalForCheck, SAMPLE_MARK, solve } from '../../src/core/handbook/samples';
import { exerciseStatus } from '../../src/core/handbook/workshop';
import { FOCUS_AREA_IDS, SECTION_IDS } from '../../src/shared/domain/catalog';
import { findPlaceholders } from '../../src/shared/domain/placeholders';
import { proposalSchema, type Proposal } from '../../src/shared/domain/proposal';
import { sampleSchema, templateSchema, type Sample } from '../../src/shared/handbook/schema';
import { STEP_IDS, STEP_SECTIONS } from '../../src/shared/handbook/steps';
import { shippedHandbook } from './helpers/handbook';

const pkg = shippedHandbook();

const build = (s: Sample): Proposal => sampleProposalForCheck(s, pkg.version);

const jaccard = (a: readonly string[], b: readonly string[]) => {
  const A = new Set(a);
  const B = new Set(b);
  return [...A].filter((x) => B.has(x)).length / new Set([...A, ...B]).size;
};

describe('the shipped handbook', () => {
  it('is a versioned package whose change log explains the current version', () => {
    expect(pkg.version).toMatch(/^\d+(\.\d+)*$/);
    expect(pkg.changelog.map((c) => c.version)).toContain(pkg.version);
    expect(pkg.intro.length).toBeGreaterThan(50);
  });

  it('has the ten steps in handbook order, and every section belongs to exactly one step', () => {
    expect(pkg.steps.map((s) => s.id)).toEqual([...STEP_IDS]);
    for (const section of SECTION_IDS) {
      expect(STEP_IDS.filter((s) => STEP_SECTIONS[s].includes(section))).toHaveLength(1);
    }
    for (const step of pkg.steps) {
      // Every page shows a good example next to a weak one, and they differ.
      for (const ex of step.page.examples) expect(ex.good).not.toEqual(ex.weak);
      expect(step.page.questions.length).toBeGreaterThan(1);
      expect(step.page.mistakes.length).toBeGreaterThan(1);
    }
  });

  it('has a template for every focus area, each valid on its own', () => {
    for (const area of FOCUS_AREA_IDS) expect(pkg.templates.some((t) => t.focusArea === area)).toBe(true);
    for (const t of pkg.templates) expect(templateSchema.safeParse(t).success).toBe(true);
    // 养老帮扶 covers 助餐, 助浴 and 独居老人 with templates of their own.
    expect(pkg.templates.filter((t) => t.focusArea === 'elderly').map((t) => t.id).sort()).toEqual(['elderly-alone', 'elderly-bath', 'elderly-meals']);
  });

  it('has templates that differ in structure, not just in title', () => {
    const ts = pkg.templates;
    for (let i = 0; i < ts.length; i += 1) {
      for (let j = i + 1; j < ts.length; j += 1) {
        const [a, b] = [ts[i]!, ts[j]!];
        const pair = `${a.id} / ${b.id}`;
        expect(jaccard(a.budget.categories.map((c) => c.name), b.budget.categories.map((c) => c.name)), pair).toBeLessThan(0.34);
        expect(jaccard(a.beneficiaryTypes.map((x) => x.type), b.beneficiaryTypes.map((x) => x.type)), pair).toBeLessThan(0.34);
        expect(jaccard(a.pitfalls.map((x) => x.text), b.pitfalls.map((x) => x.text)), pair).toBeLessThan(0.34);
        for (const section of ['background', 'goals', 'plan', 'risks'] as const) {
          expect(a.sections[section].skeleton, `${pair} ${section}`).not.toEqual(b.sections[section].skeleton);
          expect(jaccard(a.sections[section].prompts, b.sections[section].prompts), `${pair} ${section}`).toBeLessThan(0.34);
        }
      }
    }
  });

  it('turns every template into a valid proposal that claims nothing about the user’s project', () => {
    for (const t of pkg.templates) {
      const p = proposalFromTemplate(t, pkg.version, { district: '示例县' });
      expect(proposalSchema.parse(p)).toEqual(p);
      expect(p.template).toEqual({ id: t.id, version: pkg.version });
      expect(p.focusArea).toBe(t.focusArea);
      for (const id of SECTION_IDS) {
        expect(findPlaceholders(p.sections[id].text).length, `${t.id} ${id}`).toBeGreaterThan(0);
        expect(p.sections[id].doc).not.toBeNull();
      }
      expect(findPlaceholders(p.title).length).toBeGreaterThan(0);
      // Numbers the user must supply stay empty rather than borrowed from the template's examples.
      expect(p.targetFen).toBeNull();
      expect(p.budget.lines.every((l) => l.amountFen === 0 && findPlaceholders(l.item).length === 1)).toBe(true);
      expect(p.milestones.every((m) => m.date === null && findPlaceholders(m.title).length === 1)).toBe(true);
      expect(p.beneficiaries.every((b) => b.count === null)).toBe(true);
      const a = assessProposal(p, pkg);
      expect(a.completeSteps, t.id).toBe(0);
      expect(a.score, t.id).toBeLessThan(10);
    }
  });

  it('has a strong and a flawed sample for every focus area', () => {
    for (const area of FOCUS_AREA_IDS) {
      const kinds = pkg.samples.filter((s) => s.focusArea === area).map((s) => s.kind);
      expect(kinds, area).toContain('strong');
      expect(kinds, area).toContain('flawed');
    }
    for (const s of pkg.samples) expect(sampleSchema.safeParse(s).success).toBe(true);
  });

  it('builds every sample into a valid proposal marked as a sample', () => {
    for (const s of pkg.samples) {
      const p = build(s);
      expect(proposalSchema.safeParse(p).success, s.id).toBe(true);
      expect(p.title.startsWith(SAMPLE_MARK)).toBe(true);
      expect(p.id).toBe(`sample-${s.id}`);
      expect(p.images).toHaveLength(s.images.length);
    }
  });

  it('scores strong samples high with every step complete, and flawed samples lower', () => {
    for (const area of FOCUS_AREA_IDS) {
      const strong = pkg.samples.filter((s) => s.focusArea === area && s.kind === 'strong');
      const flawed = pkg.samples.filter((s) => s.focusArea === area && s.kind === 'flawed');
      for (const s of strong) {
        const a = assessProposal(build(s), pkg);
        expect(a.score, s.id).toBeGreaterThanOrEqual(95);
        expect(a.steps.filter((st) => st.status !== 'complete').map((st) => st.id), s.id).toEqual([]);
        for (const f of flawed) expect(assessProposal(build(f), pkg).score, `${f.id} < ${s.id}`).toBeLessThan(a.score);
      }
    }
  });

  it('makes each planted problem an exercise: unfixed at first, fixed by its reference fix, and the score rises', () => {
    for (const s of pkg.samples.filter((x) => x.kind === 'flawed')) {
      const before = exerciseStatus(s, build(s), pkg);
      expect(before.fixed, s.id).toBe(0);
      expect(before.total).toBe(s.problems.length);
      for (const problem of s.problems) {
        const fixedSample = solve(s, [problem.id]);
        const after = exerciseStatus(fixedSample, build(fixedSample), pkg);
        expect(after.problems.find((p) => p.id === problem.id)!.fixed, `${s.id}/${problem.id}`).toBe(true);
        expect(after.fixed, `${s.id}/${problem.id}`).toBe(1);
        expect(after.assessment.score, `${s.id}/${problem.id}`).toBeGreaterThan(before.assessment.score);
      }
      const all = solve(s);
      const solved = exerciseStatus(all, build(all), pkg);
      expect(solved.fixed).toBe(s.problems.length);
      expect(solved.assessment.score, s.id).toBeGreaterThanOrEqual(95);
    }
  });
});
