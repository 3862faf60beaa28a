import type { LexicalEditor } from 'lexical';
import { useCallback, useRef } from 'react';
import { $selectPlainTextRange } from '../../inputs/selectRange';
import type { TextRange } from './EditorContext';

/**
 * Take the user to a field: scroll it into view, focus it, and select a passage. Rich-text sections
 * select through their Lexical editor; plain inputs with setSelectionRange. Every field's element
 * carries data-field="<name>".
 */
export function useJumpTo() {
  const editors = useRef(new Map<string, LexicalEditor>());

  const registerSectionEditor = useCallback((field: string, editor: LexicalEditor | null) => {
    if (editor) editors.current.set(field, editor);
    else editors.current.delete(field);
  }, []);

  const jumpTo = useCallback((field: string, range?: TextRange | null) => {
    const host = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`) ?? document.querySelector<HTMLElement>(`[data-field="${CSS.escape(field.split('.')[0]!)}"]`);
    host?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    const editor = editors.current.get(field);
    if (editor) {
      editor.focus(() => {
        if (range) editor.update(() => void $selectPlainTextRange(range.start, range.end));
      });
      return;
    }
    const input = host?.matches('input, textarea') ? (host as HTMLInputElement) : host?.querySelector<HTMLInputElement>('input, textarea');
    if (input) {
      input.focus({ preventScroll: true });
      if (range) input.setSelectionRange(range.start, range.end);
    } else {
      host?.querySelector<HTMLElement>('[tabindex], button, [contenteditable]')?.focus({ preventScroll: true });
    }
  }, []);

  return { jumpTo, registerSectionEditor };
}
