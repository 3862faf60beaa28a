import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseProposal } from '../../src/shared/domain/factory';
import { proposalJsonSchema } from '../../src/shared/domain/jsonSchema';
import { SECTION_IDS } from '../../src/shared/domain/catalog';
import { tmpLibrary } from './helpers/tmp';

const docs = resolve(__dirname, '../../docs');

describe('the published proposal format', () => {
  test('docs/proposal.schema.json is what the zod schema generates (run `npm run schema` after changing the model)', () => {
    const committed = JSON.parse(readFileSync(resolve(docs, 'proposal.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(proposalJsonSchema())));
  });

  test('the schema names every top-level field of the model and requires only what has no default', () => {
    const schema = proposalJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['title', 'roles', 'filing', 'targetFen', 'sections', 'budget', 'images', 'platforms']));
    expect(schema.required.sort()).toEqual(['createdAt', 'id', 'schemaVersion', 'updatedAt']);
  });

  test('the documented example is a valid proposal and imports with its plain-text sections turned into rich text', () => {
    const raw = JSON.parse(readFileSync(resolve(docs, 'example-proposal.json'), 'utf8'));
    const p = parseProposal(raw);
    const lib = tmpLibrary();
    const stored = lib.proposals.insert(p);
    for (const id of SECTION_IDS) {
      expect(stored.sections[id].doc, id).not.toBeNull();
      expect(stored.sections[id].text).toBe(raw.sections[id].text);
    }
    expect(stored.targetFen).toBe(28_800_000);
  });
});
