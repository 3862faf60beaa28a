import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { HandbookPackage } from '../../shared/handbook/schema';
import { readHandbookFolder } from '../handbook/readPackage';
import { sha256Hex } from '../library/images';
import { normalizeText } from './normalize';
import { shingleHashes } from './shingles';

/**
 * Shingles that come from the handbook's templates. Two proposals started from the same template
 * share them without being the same project, so the check ignores them entirely: they are background.
 */
export class Boilerplate {
  /**
   * Open addressing over the (already well mixed) hashes, 0 meaning empty: most lookups end at the
   * first slot, and a typed array avoids the cost of a Set of numbers above 2^30.
   */
  private readonly slots: Uint32Array;
  private readonly mask: number;
  private readonly hasZero: boolean;
  readonly size: number;
  /** Identifies this set of shingles: sketches computed with another set are stale. */
  readonly fingerprint: string;
  private readonly unique: Uint32Array;

  constructor(hashes: Iterable<number>) {
    const unique = Uint32Array.from(new Set(hashes)).sort();
    this.unique = unique;
    this.size = unique.length;
    let cap = 16;
    while (cap < unique.length * 4) cap *= 2;
    this.slots = new Uint32Array(cap);
    this.mask = cap - 1;
    let zero = false;
    for (const h of unique) {
      if (h === 0) {
        zero = true;
        continue;
      }
      let i = h & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = h;
    }
    this.hasZero = zero;
    this.fingerprint = unique.length === 0 ? 'none' : sha256Hex(new Uint8Array(unique.buffer)).slice(0, 16);
  }

  static readonly none = new Boilerplate([]);

  static fromTexts(texts: Iterable<string>): Boilerplate {
    const hashes: number[] = [];
    for (const text of texts) for (const h of shingleHashes(normalizeText(text))) hashes.push(h);
    return new Boilerplate(hashes);
  }

  /** This boilerplate and more shingles (the library's common wording) as one set. */
  with(more: Iterable<number>): Boilerplate {
    return new Boilerplate([...this.unique, ...more]);
  }

  has(h: number): boolean {
    if (h === 0) return this.hasZero;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.slots[i]!;
      if (v === h) return true;
      if (v === 0) return false;
    }
  }
}

/** JSON strings shorter than this are ids, labels or versions, not boilerplate prose. */
const MIN_STRING_CHARS = 8;

function strings(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if ([...value].length >= MIN_STRING_CHARS) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) strings(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) strings(v, out);
  }
}

/**
 * The text the handbook hands to every proposal it starts: each template (skeletons, prompts,
 * example lines) and the guide's good and weak examples, which people copy. Workshop samples are not
 * included: they are whole proposals, and discounting them would hide real overlap between real ones.
 */
export function handbookBoilerplateTexts(pkg: HandbookPackage): string[] {
  const texts: string[] = [];
  strings(pkg.templates, texts);
  for (const step of pkg.steps) {
    for (const page of [step.page, ...Object.values(step.sectionPages)]) {
      for (const ex of page?.examples ?? []) texts.push(ex.good, ex.weak);
    }
  }
  return texts;
}

/** Files bigger than this are not template text. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

function walk(dir: string, files: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (st?.isDirectory()) walk(path, files);
    else if (st?.isFile() && st.size <= MAX_FILE_BYTES) files.push(path);
  }
}

/** Any text in a folder that is not a ShanCe handbook: Markdown and text files, and JSON strings. */
export function readFolderTexts(dir: string): string[] {
  const files: string[] = [];
  walk(dir, files);
  const texts: string[] = [];
  for (const file of files) {
    const ext = extname(file).toLowerCase();
    try {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      if (ext === '.json') strings(JSON.parse(text), texts);
      else if (ext === '.md' || ext === '.txt' || ext === '.markdown') texts.push(text);
    } catch {
      continue;
    }
  }
  return texts;
}

/**
 * The boilerplate of a templates folder, for the CLI (which has no library to hold an imported
 * handbook): the handbook package's template text when `handbook/` holds one, else whatever text the
 * folder has (lists from outside ShanCe come with their own templates). Nothing when it is missing:
 * boilerplate refines the check, it is never a reason for the check to fail.
 */
export function loadBoilerplate(templatesDir: string): Boilerplate {
  const dir = join(templatesDir, 'handbook');
  let texts: string[];
  try {
    texts = handbookBoilerplateTexts(readHandbookFolder(dir));
  } catch {
    texts = readFolderTexts(dir);
  }
  return Boilerplate.fromTexts(texts);
}
