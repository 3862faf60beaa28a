import type { Proposal } from '../../../../shared/domain/proposal';

/** Every form part edits the draft through this: it returns the next proposal from the current one. */
export type Edit = (recipe: (p: Proposal) => Proposal) => void;

export interface PartProps {
  proposal: Proposal;
  edit: Edit;
}
