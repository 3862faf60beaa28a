import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposalFromTemplate } from '../../src/core/handbook/fromTemplate';
import { readHandbookFolder } from '../../src/core/handbook/readPackage';
import { checkProposal } from '../../src/core/rules/engine';
import { loadPackFile } from '../../src/core/rules/load';
import { findPlaceholders, PLACEHOLDER_PATTERN } from '../../src/shared/domain/placeholders';
import type { Proposal } from '../../src/shared/domain/proposal';
import { fieldText, type FieldSource } from '../../src/shared/rules/fieldSources';
import { PACKS_DIR, TEMPLATES_DIR } from './helpers/rules';

const legal = loadPackFile(join(PACKS_DIR, 'legal.json'));
const handbook = readHandbookFolder(join(TEMPLATES_DIR, 'handbook'));

/** Every placeholder the legal pack's placeholder rule reports, by its text. */
function reported(p: Proposal): string[] {
  const [result] = checkProposal(p, [legal]);
  return result!.findings
    .filter((f) => f.ruleId === 'legal.placeholders')
    .map((f) => fieldText(p, f.field as FieldSource).slice(f.range!.start, f.range!.end));
}

/**
 * Every placeholder in the model, wherever it sits. Skipped: the rich-text document (its plain text
 * is `text`, which is walked) and what a template never writes and a user never types into a form
 * (ids, hashes, file names, dates, the template reference, listing records, merge sources).
 */
const NOT_TEXT = new Set(['doc', 'id', 'sha256', 'mime', 'fileName', 'template', 'brandSources', 'listings', 'createdAt', 'updatedAt', 'status', 'schemaVersion', 'origin', 'mergedInto']);
function placeholdersIn(value: unknown, key = ''): string[] {
  if (NOT_TEXT.has(key)) return [];
  if (typeof value === 'string') return findPlaceholders(value).map((ph) => ph.text);
  if (Array.isArray(value)) return value.flatMap((v) => placeholdersIn(v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => placeholdersIn(v, k));
  return [];
}

describe('the placeholder rule sees every placeholder in the model', () => {
  it.each(handbook.templates.map((t) => [t.id, t] as const))('a new proposal from template %s', (_, t) => {
    const p = proposalFromTemplate(t, handbook.version, { title: '测试项目', district: '渝北区' });
    const everywhere = placeholdersIn(p).sort();
    // The budget lines' 测算依据 are among them: the case the rule used to miss.
    expect(p.budget.lines.some((l) => findPlaceholders(l.note).length > 0)).toBe(true);
    expect(reported(p).sort()).toEqual(everywhere);
  });

  it('a placeholder typed into any budget note is reported at that note', () => {
    const p = proposalFromTemplate(handbook.templates[0]!, handbook.version, { title: '测试项目' });
    const clean: Proposal = JSON.parse(JSON.stringify(p).replace(PLACEHOLDER_PATTERN, '已填写')) as Proposal;
    expect(reported(clean)).toEqual([]);
    clean.budget.lines = clean.budget.lines.map((l, i) => (i === 1 ? { ...l, note: '每餐【请填写：单价】元' } : l));
    expect(reported(clean)).toEqual(['【请填写：单价】']);
  });
});
