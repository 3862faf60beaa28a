import { createHash } from 'node:crypto';
import type { Proposal } from '../../shared/domain/proposal';

/** JSON with every object's keys in sorted order, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The content hash both the desk and the federation server compute for a proposal (parsed, so every
 * default is filled in). Sorting keys makes it independent of key order at every depth: PostgreSQL's
 * jsonb, for one, stores the editor's documents with their keys reordered.
 */
export function contentHash(p: Proposal): string {
  return createHash('sha256').update(canonicalJson(p)).digest('hex');
}
