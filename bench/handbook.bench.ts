// Figures for the handbook core: reading the package, the cached current handbook, the quality
// score, proposals from templates, an import and a change notice. Run: npm run bench:handbook
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { assessProposal } from '../src/core/handbook/assess';
import { proposalFromTemplate } from '../src/core/handbook/fromTemplate';
import { packageToFiles, readHandbookFolder } from '../src/core/handbook/readPackage';
import { sampleImageRef, sampleToProposal } from '../src/core/handbook/samples';
import { HandbookService } from '../src/core/handbook/service';
import { Library } from '../src/core/library/library';

const templatesDir = resolve(import.meta.dirname, '..', 'templates');

function time(label: string, runs: number, fn: () => void): void {
  fn();
  const t0 = performance.now();
  for (let i = 0; i < runs; i += 1) fn();
  const ms = (performance.now() - t0) / runs;
  console.log(`${label.padEnd(44)} ${ms.toFixed(ms < 1 ? 3 : 1).padStart(9)} ms  (${runs} runs)`);
}

const pkg = readHandbookFolder(join(templatesDir, 'handbook'));
console.log(`handbook ${pkg.version}: ${pkg.steps.length} steps, ${pkg.templates.length} templates, ${pkg.samples.length} samples`);

time('read and check templates/handbook/', 10, () => readHandbookFolder(join(templatesDir, 'handbook')));

const dir = mkdtempSync(join(tmpdir(), 'shance-bench-'));
const lib = Library.open(join(dir, 'library.db'));
try {
  const hb = HandbookService.forTemplates(templatesDir, lib.db);
  time('current handbook (files unchanged, cached)', 500, () => hb.current());

  const strong = pkg.samples.find((s) => s.id === 'elderly-meals-strong')!;
  const refs = strong.images.map((img, i) => sampleImageRef(img, i, { sha256: 'a'.repeat(64), width: 1200, height: 900, bytes: 1 }));
  const p = sampleToProposal(strong, pkg.version, refs, new Date().toISOString());
  time('assess a complete proposal (score + 10 steps)', 2000, () => assessProposal(p, pkg));
  const t = pkg.templates[0]!;
  time('proposal from a template', 2000, () => proposalFromTemplate(t, pkg.version));

  const next = structuredClone(pkg);
  next.version = '99.0';
  next.changelog.unshift({ version: '99.0', date: '2027-01-01', summary: 'bench' });
  next.steps[4]!.page.mistakes.push('bench');
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of packageToFiles(next)) entries[path] = strToU8(text);
  const zip = zipSync(entries);
  console.log(`package zip: ${(zip.length / 1024).toFixed(0)} KB`);
  time('import check (dry run) of a revised package', 5, () => hb.import(zip, true));
  hb.import(zip, false);
  const fromTemplate = proposalFromTemplate(pkg.templates.find((x) => x.id === 'elderly-meals')!, pkg.version);
  time('change notice for a proposal (1.0 → 99.0)', 200, () => hb.changesFor(fromTemplate));
} finally {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log('Machine: 2 shared cores; figures are noisy.');
