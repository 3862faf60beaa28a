import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { EditorState, LexicalEditor } from 'lexical';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { SECTION_IDS, type SectionId } from '../../../../shared/domain/catalog';
import { docToText, type LexicalDoc } from '../../../../shared/domain/richText';
import type { Severity } from '../../../../shared/rules/ruleBase';
import { $locatePlainTextRange } from '../../inputs/selectRange';
import { useCheckSnapshot } from './checkStore';
import { shiftRanges } from '../../../../shared/rules/rangeShift';
import './rules.css';

/**
 * Risky passages marked in a section with the CSS Custom Highlight API rather than with marking
 * nodes: a highlight is painted over the DOM Lexical renders and never enters the editor state.
 * So the saved document stays exactly what the user wrote, marking cannot move the caret or add
 * an undo step, and nothing needs registering with the editor. Chromium (and so Electron) has
 * supported it since version 105; where it is missing, sections are simply not marked.
 */

interface Mark {
  start: number;
  end: number;
  severity: Severity;
  message: string;
  fix: string;
}

interface LiveMark {
  mark: Mark;
  range: Range;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const supported = typeof Highlight !== 'undefined' && typeof CSS !== 'undefined' && 'highlights' in CSS;

/** One highlight per severity, shared by every section (styled in rules.css as ::highlight(shance-rule-…)). */
let highlights: Record<Severity, Highlight> | null = null;
function sharedHighlights(): Record<Severity, Highlight> {
  if (!highlights) {
    highlights = { error: new Highlight(), warning: new Highlight(), info: new Highlight() };
    SEVERITIES.forEach((s, i) => {
      highlights![s].priority = SEVERITIES.length - i; // an error's mark wins over a warning's
      CSS.highlights.set(`shance-rule-${s}`, highlights![s]);
    });
  }
  return highlights;
}

function firstTextNode(el: Node): Text | null {
  if (el.nodeType === Node.TEXT_NODE) return el as Text;
  for (const child of Array.from(el.childNodes)) {
    const t = firstTextNode(child);
    if (t) return t;
  }
  return null;
}

/** DOM ranges for the marks, from the editor's current state and DOM (which the update has just rendered). */
function domRanges(editor: LexicalEditor, state: EditorState, marks: readonly Mark[]): LiveMark[] {
  return state.read(() =>
    marks.flatMap((mark) => {
      const found = $locatePlainTextRange(mark.start, mark.end);
      if (!found) return [];
      const a = editor.getElementByKey(found.anchor.node.getKey());
      const f = editor.getElementByKey(found.focus.node.getKey());
      const at = a && firstTextNode(a);
      const to = f && firstTextNode(f);
      if (!at || !to || found.anchor.at > at.length || found.focus.at > to.length) return [];
      const range = document.createRange();
      range.setStart(at, found.anchor.at);
      range.setEnd(to, found.focus.at);
      return [{ mark, range }];
    }),
  );
}

function sectionText(field: string, p: { sections: Record<SectionId, { text: string }> } | null): string | null {
  const id = field.slice('sections.'.length) as SectionId;
  return p && (SECTION_IDS as readonly string[]).includes(id) ? p.sections[id].text : null;
}

interface Tip {
  x: number;
  y: number;
  marks: Mark[];
}

/** Marks the passages the checks found in one section, and explains a mark when the pointer rests on it. */
export const SectionMarks = memo(function SectionMarks({ field }: { field: string }) {
  const [editor] = useLexicalComposerContext();
  const { input: checked, data: result } = useCheckSnapshot();
  const live = useRef<LiveMark[]>([]);
  const [tip, setTip] = useState<Tip | null>(null);

  const checkedText = sectionText(field, checked);
  const marks = useMemo(() => {
    const seen = new Set<string>();
    const out: Mark[] = [];
    for (const r of result?.results ?? []) {
      for (const f of r.findings) {
        if (f.field !== field || !f.range || f.range.end <= f.range.start) continue;
        const key = `${f.range.start}-${f.range.end}-${f.message}`;
        if (seen.has(key)) continue; // the same passage found by two packs is explained once
        seen.add(key);
        out.push({ ...f.range, severity: f.severity, message: f.message, fix: f.fix });
      }
    }
    return out;
  }, [result, field]);

  useEffect(() => {
    if (!supported || checkedText === null) return;
    const hl = sharedHighlights();
    const clear = () => {
      for (const m of live.current) hl[m.mark.severity].delete(m.range);
      live.current = [];
    };
    const paint = (state: EditorState) => {
      // Mid-composition text belongs to the input method; marks catch up when it commits.
      if (editor.isComposing()) return;
      const now = docToText(state.toJSON() as unknown as LexicalDoc);
      clear();
      live.current = domRanges(editor, state, shiftRanges(marks, checkedText, now));
      for (const m of live.current) hl[m.mark.severity].add(m.range);
    };
    paint(editor.getEditorState());
    const stop = editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves }) => {
      // A caret move re-renders nothing, so the ranges still hold.
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      paint(editorState);
    });
    return () => {
      stop();
      clear();
    };
  }, [editor, marks, checkedText]);

  useEffect(() => {
    let frame = 0;
    const onMove = (e: MouseEvent) => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        let box: DOMRect | null = null;
        const hits: Mark[] = [];
        for (const { mark, range } of live.current) {
          for (const r of Array.from(range.getClientRects())) {
            if (e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom) {
              hits.push(mark);
              box ??= r;
              break;
            }
          }
        }
        setTip(box ? { x: box.left, y: box.bottom + 4, marks: hits } : null);
      });
    };
    const onLeave = () => {
      cancelAnimationFrame(frame);
      setTip(null);
    };
    return editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('mousemove', onMove);
      previous?.removeEventListener('mouseleave', onLeave);
      previous?.removeEventListener('keydown', onLeave);
      root?.addEventListener('mousemove', onMove);
      root?.addEventListener('mouseleave', onLeave);
      // Typing moves the text under the pointer: the explanation waits for the next move.
      root?.addEventListener('keydown', onLeave);
    });
  }, [editor]);

  if (!tip) return null;
  return createPortal(
    <div className="rules-mark-tip" role="tooltip" style={{ left: tip.x, top: tip.y }}>
      {tip.marks.map((m, i) => (
        <div key={i} className={`rules-mark-tip-item rules-mark-tip-${m.severity}`}>
          <div>{m.message}</div>
          {m.fix && <div className="rules-mark-tip-fix">建议：{m.fix}</div>}
        </div>
      ))}
    </div>,
    document.body,
  );
});
