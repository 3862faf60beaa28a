import type { LexicalEditor } from 'lexical';
import { createContext, useContext } from 'react';
import type { Proposal } from '../../../../shared/domain/proposal';
import type { ProposalSource } from './ProposalSource';
import type { Edit } from './types';

export interface TextRange {
  start: number;
  end: number;
}

/**
 * What the editor shares with the features around it (guide, checks, similar projects): the draft,
 * the part the user is working in, and a way to take the user to a part and select a passage.
 * Fields are named as rule packs name them: 'title', 'summary', 'sections.plan', 'budget', ...
 */
export interface EditorApi {
  /** The draft once typing pauses (~200 ms): what panels, counters and notices show and check. */
  draft: Proposal;
  /** The draft as of this instant, for actions that save or send it. */
  latestDraft(): Proposal;
  edit: Edit;
  focusedField: string | null;
  setFocusedField(field: string): void;
  jumpTo(field: string, range?: TextRange | null): void;
  registerSectionEditor(field: string, editor: LexicalEditor | null): void;
  /** Where the proposal lives: check `source.kind === 'library'` before calling library-only methods. */
  source: ProposalSource;
}

export const EditorContext = createContext<EditorApi | null>(null);

export function useEditorApi(): EditorApi {
  const api = useContext(EditorContext);
  if (!api) throw new Error('useEditorApi outside the proposal editor');
  return api;
}
