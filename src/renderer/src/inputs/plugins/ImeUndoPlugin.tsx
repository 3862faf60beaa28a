import type { HistoryState } from '@lexical/history';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMPOSITION_END_TAG } from 'lexical';
import { useEffect } from 'react';

/**
 * Consecutive input-method commits are one undo step. Lexical's history gives each commit of more
 * than one character its own entry, so a seven-character phrase chosen as four candidates took
 * four Ctrl+Z. When a commit follows the previous commit with nothing else in between (no keyboard
 * typing, no formatting), the entry this commit pushed (the state between the two) is dropped:
 * undo then goes back to before the whole phrase. Must be rendered after HistoryPlugin, so its listener runs after the
 * history has recorded the commit.
 */
export function ImeUndoPlugin({ history }: { history: HistoryState }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    // The undo stack's depth right after the last commit; null once anything else changed it (the
    // listener sees every update, so a keystroke, a format or an undo in between is noticed).
    let lastCommit: number | null = null;
    return editor.registerUpdateListener(({ tags }) => {
      const stack = history.undoStack;
      if (!tags.has(COMPOSITION_END_TAG)) {
        // A selection move leaves the stack alone; any other entry ends the phrase.
        if (lastCommit !== null && stack.length !== lastCommit) lastCommit = null;
        return;
      }
      if (lastCommit !== null && stack.length === lastCommit + 1) stack.pop();
      lastCommit = stack.length;
    });
  }, [editor, history]);
  return null;
}
