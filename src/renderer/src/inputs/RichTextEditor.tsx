import { createEmptyHistoryState } from '@lexical/history';
import { ListItemNode, ListNode } from '@lexical/list';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { EditorState, LexicalEditor } from 'lexical';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { textToDoc, type LexicalDoc } from '../../../shared/domain/richText';
import { editorTheme } from './theme';
import { ImeUndoPlugin } from './plugins/ImeUndoPlugin';
import { ToolbarPlugin } from './plugins/ToolbarPlugin';

export interface RichTextEditorProps {
  /** Identifies the editor (and its DOM) for tests and for jumping to a section. */
  name: string;
  label: string;
  placeholder: string;
  initialDoc: LexicalDoc | null;
  /** Called after each change that is not part of an IME composition. */
  onChange: (doc: LexicalDoc) => void;
  /** Gets the Lexical editor once it exists (and null when it goes), e.g. to select a passage from outside. */
  onEditor?: (editor: LexicalEditor | null) => void;
  /** False while the district does not hold the pen (under review, or a decided revision is frozen): typing is refused. */
  editable?: boolean;
  /** Extra plugins from later features (guidance, checks, marks). */
  children?: ReactNode;
}

function EditablePlugin({ editable }: { editable: boolean }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.setEditable(editable), [editor, editable]);
  return null;
}

function EditorHandle({ onEditor }: { onEditor: (editor: LexicalEditor | null) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);
  return null;
}

/**
 * One rich-text section. It is uncontrolled: the parent gives the initial document and remounts the
 * editor (with a new key) when the document is replaced from outside, e.g. by restoring a revision.
 */
export function RichTextEditor({ name, label, placeholder, initialDoc, onChange, onEditor, editable = true, children }: RichTextEditorProps) {
  // Shared by the history and the plugin that joins input-method commits into one undo step.
  const [history] = useState(createEmptyHistoryState);
  const initialConfig: InitialConfigType = useMemo(
    () => ({
      namespace: `section-${name}`,
      theme: editorTheme,
      nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode],
      onError: (error: Error) => console.error(error),
      editorState: (editor: LexicalEditor) => {
        // A document from a file may use a node we do not know; show its text rather than nothing.
        const doc = initialDoc ?? textToDoc('');
        try {
          editor.setEditorState(editor.parseEditorState(JSON.stringify(doc)));
        } catch {
          editor.setEditorState(editor.parseEditorState(JSON.stringify(textToDoc(''))));
        }
      },
    }),
    // The editor is created once per mount; later documents arrive by remounting.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const handleChange = useCallback(
    (state: EditorState, editor: LexicalEditor) => {
      // Mid-composition text is the IME's, not the user's yet: wait for compositionend's update.
      if (editor.isComposing()) return;
      onChange(state.toJSON() as unknown as LexicalDoc);
    },
    [onChange],
  );

  return (
    <LexicalComposer initialConfig={initialConfig}>
      <div className="rt-shell" data-section={name}>
        <ToolbarPlugin />
        <div className="rt-body">
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className="rt-content"
                aria-label={label}
                aria-placeholder={placeholder}
                placeholder={<div className="rt-placeholder">{placeholder}</div>}
                data-testid={`section-${name}`}
              />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <HistoryPlugin externalHistoryState={history} />
        <ImeUndoPlugin history={history} />
        <ListPlugin />
        <OnChangePlugin ignoreSelectionChange onChange={handleChange} />
        <EditablePlugin editable={editable} />
        {onEditor && <EditorHandle onEditor={onEditor} />}
        {children}
      </div>
    </LexicalComposer>
  );
}
