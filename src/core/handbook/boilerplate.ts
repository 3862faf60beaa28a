import { Boilerplate, handbookBoilerplateTexts } from '../dedupe/boilerplate';
import type { HandbookService } from './service';

/**
 * The duplicate check's template text from the library's current handbook (files or an imported
 * version), rebuilt only when the handbook changes. Without a usable handbook there is none.
 */
export function handbookBoilerplate(handbook: HandbookService): () => Boilerplate {
  let cached: { sha256: string; boilerplate: Boilerplate } | null = null;
  return () => {
    let current;
    try {
      current = handbook.current();
    } catch {
      return Boilerplate.none;
    }
    if (cached?.sha256 !== current.sha256) cached = { sha256: current.sha256, boilerplate: Boilerplate.fromTexts(handbookBoilerplateTexts(current.pkg)) };
    return cached.boilerplate;
  };
}
