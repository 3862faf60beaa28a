import { createHash } from 'node:crypto';
import { parseProposal } from '../../shared/domain/factory';
import type { Proposal } from '../../shared/domain/proposal';

/**
 * The content hash both the desk and the federation server compute for a proposal. Parsing first
 * puts every key in the schema's order and fills defaults, so two sides that hold the same proposal
 * agree whatever order its JSON arrived in.
 */
export function contentHash(p: Proposal): string {
  return createHash('sha256').update(JSON.stringify(parseProposal(p))).digest('hex');
}
