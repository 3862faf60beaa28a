import type { PushHead, Written } from './proposalRows';
import type { TextCache } from './textCache';

/**
 * What the server holds of the rows it wrote, to push without reading them first: their heads by
 * proposal, and their texts by change number. A head held is used only by a write that checks it is
 * still the stored one.
 */
export interface PushMemory {
  texts: TextCache;
  heads: Map<string, PushHead>;
}

/** Heads held at most: about 400 bytes each. */
const MAX_HEADS = 50_000;

/** Remember rows written, once their transaction has committed (a change number rolled back is taken again). */
export function remember(memory: PushMemory | undefined, written: readonly Written[]): void {
  if (!memory) return;
  if (memory.heads.size >= MAX_HEADS) memory.heads.clear();
  for (const w of written) {
    memory.texts.set(Number(w.head.seq), w.text);
    memory.heads.set(w.head.id, w.head);
  }
}
