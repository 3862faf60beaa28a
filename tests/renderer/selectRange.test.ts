import { $createListItemNode, $createListNode, ListItemNode, ListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode, HeadingNode, QuoteNode } from '@lexical/rich-text';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection, createEditor, type LexicalEditor, type LexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { $locatePlainTextRange, $selectPlainTextRange } from '../../src/renderer/src/inputs/selectRange';
import { docToText, type LexicalDoc } from '../../src/shared/domain/richText';

/**
 * The core finds problems as offsets in docToText's plain text; the editor marks them with
 * $locatePlainTextRange. If the two disagree on where a block or a line break begins, marks land
 * on the wrong characters. A headless editor with the same nodes as RichTextEditor is enough.
 */
function editorWith(build: () => LexicalNode[]): LexicalEditor {
  const editor = createEditor({ namespace: 'test', nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode], onError: (e) => { throw e; } });
  editor.update(
    () => {
      const root = $getRoot();
      root.clear();
      root.append(...build());
    },
    { discrete: true },
  );
  return editor;
}

const p = (...parts: (string | 'BR')[]) => {
  const para = $createParagraphNode();
  for (const part of parts) para.append(part === 'BR' ? $createLineBreakNode() : $createTextNode(part));
  return para;
};
const item = (...children: LexicalNode[]) => $createListItemNode().append(...children);
const list = (type: 'bullet' | 'number', ...items: ListItemNode[]) => $createListNode(type).append(...items);
const text = (s: string) => $createTextNode(s);

/** Every character of the plain text is found in the editor as that same character. */
function expectAgreement(editor: LexicalEditor): string {
  const plain = docToText(editor.getEditorState().toJSON() as unknown as LexicalDoc);
  editor.getEditorState().read(() => {
    for (let i = 0; i < plain.length; i++) {
      if (plain[i] === '\n') continue;
      const found = $locatePlainTextRange(i, i + 1);
      expect(found, `offset ${i} (${plain[i]}) of ${JSON.stringify(plain)}`).not.toBeNull();
      expect(found!.anchor.node.getTextContent()[found!.anchor.at], `offset ${i} of ${JSON.stringify(plain)}`).toBe(plain[i]);
      expect(found!.focus.node.getTextContent()[found!.focus.at - 1]).toBe(plain[i]);
    }
    expect($locatePlainTextRange(plain.length, plain.length + 1)).toBeNull();
  });
  return plain;
}

describe('docToText and $locatePlainTextRange agree on where each character is', () => {
  it('paragraphs, headings and quotes, with styled runs split in several text nodes', () => {
    const editor = editorWith(() => [$createHeadingNode('h2').append(text('项目背景')), p('重庆市', '渝中区'), $createQuoteNode().append(text('引用的话')), p('末段')]);
    expect(expectAgreement(editor)).toBe('项目背景\n重庆市渝中区\n引用的话\n末段');
  });

  it('line breaks inside a paragraph count as one character', () => {
    const editor = editorWith(() => [p('第一行', 'BR', '第二行', 'BR', 'BR', '第四行'), p('下一段')]);
    expect(expectAgreement(editor)).toBe('第一行\n第二行\n\n第四行\n下一段');
  });

  it('bullet and numbered lists: one line per item', () => {
    const editor = editorWith(() => [p('目标：'), list('bullet', item(text('助学')), item(text('助医'))), list('number', item(text('第一步')), item(text('第二步'), $createLineBreakNode(), text('续写')))]);
    expect(expectAgreement(editor)).toBe('目标：\n助学\n助医\n第一步\n第二步\n续写');
  });

  it('nested lists, as Lexical stores them (an item holding only the inner list), and items with text and a list', () => {
    const editor = editorWith(() => [
      list('bullet', item(text('外层一')), item(list('bullet', item(text('内层甲')), item(text('内层乙')))), item(text('外层二'), list('number', item(text('深层'))))),
      p('结尾'),
    ]);
    const plain = expectAgreement(editor);
    for (const word of ['外层一', '内层甲', '内层乙', '外层二', '深层', '结尾']) expect(plain).toContain(word);
  });

  it('selects a range spanning blocks on the characters the core found', () => {
    const editor = editorWith(() => [p('山区儿童'), list('bullet', item(text('营养午餐')))]);
    const plain = docToText(editor.getEditorState().toJSON() as unknown as LexicalDoc);
    const start = plain.indexOf('儿童');
    const end = plain.indexOf('午餐') + 2;
    editor.update(
      () => {
        expect($selectPlainTextRange(start, end)).toBe(true);
        const selection = $getSelection();
        expect($isRangeSelection(selection) && selection.getTextContent()).toBe('儿童\n营养午餐');
        expect($selectPlainTextRange(0, plain.length + 5)).toBe(false);
      },
      { discrete: true },
    );
  });
});
