// Writes docs/proposal.schema.json from the zod schema. Run `npm run schema` after changing the model;
// a unit test fails while the file and the schema disagree.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { proposalJsonSchema } from '../src/shared/domain/jsonSchema';

const out = resolve(import.meta.dirname, '..', 'docs', 'proposal.schema.json');
writeFileSync(out, `${JSON.stringify(proposalJsonSchema(), null, 2)}\n`);
console.log(`已写入 ${out}`);
