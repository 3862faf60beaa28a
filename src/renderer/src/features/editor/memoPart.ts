import { memo, type ComponentType } from 'react';
import type { Proposal } from '../../../../shared/domain/proposal';
import type { PartProps } from './types';

/**
 * A form part that re-renders only when the proposal fields it reads change. Edits replace only
 * the fields they touch (the rest keep their identity), so typing in one part leaves the others
 * alone. `reads` must list every field the part shows.
 */
export function memoPart(Component: ComponentType<PartProps>, reads: readonly (keyof Proposal)[]) {
  return memo(Component, (a, b) => a.edit === b.edit && reads.every((k) => a.proposal[k] === b.proposal[k]));
}
