import { $isListItemNode, $isListNode } from '@lexical/list';
import { $createRangeSelection, $getRoot, $isElementNode, $isLineBreakNode, $isTextNode, $setSelection, type ElementNode, type LexicalNode, type TextNode } from 'lexical';

/**
 * The blocks of the editor in the order `docToText` (src/shared/domain/richText.ts) reads them:
 * one per paragraph, heading or list item, nested lists flattened. Offsets found by the core in a
 * section's plain text therefore land on the same characters here.
 */
function blocksOf(node: ElementNode, out: ElementNode[]): void {
  for (const child of node.getChildren()) {
    if ($isListNode(child)) blocksOf(child, out);
    else if ($isListItemNode(child) && child.getChildren().some($isListNode)) {
      out.push(child);
      for (const nested of child.getChildren().filter($isListNode)) blocksOf(nested, out);
    } else if ($isElementNode(child)) out.push(child);
  }
}

function inlineNodes(block: ElementNode, out: LexicalNode[] = []): LexicalNode[] {
  for (const child of block.getChildren()) {
    if ($isListNode(child)) continue;
    if ($isElementNode(child)) inlineNodes(child, out);
    else out.push(child);
  }
  return out;
}

export interface TextPoint {
  node: TextNode;
  at: number;
}

/**
 * The text nodes and offsets where [start, end) of the section's plain text (UTF-16 offsets) begins
 * and ends, or null when the range is out of the text.
 */
export function $locatePlainTextRange(start: number, end: number): { anchor: TextPoint; focus: TextPoint } | null {
  const blocks: ElementNode[] = [];
  blocksOf($getRoot(), blocks);
  let offset = 0;
  let anchor: TextPoint | null = null;
  let focus: TextPoint | null = null;
  blocks.forEach((block, i) => {
    if (i > 0) offset += 1; // the newline between blocks
    for (const node of inlineNodes(block)) {
      const len = $isTextNode(node) ? node.getTextContentSize() : $isLineBreakNode(node) ? 1 : node.getTextContentSize();
      if ($isTextNode(node)) {
        if (!anchor && start >= offset && start < offset + len) anchor = { node, at: start - offset };
        if (!focus && end > offset && end <= offset + len) focus = { node, at: end - offset };
      }
      offset += len;
    }
  });
  return anchor && focus ? { anchor, focus } : null;
}

/** Select [start, end) of the section's plain text (UTF-16 offsets). Returns false when out of range. */
export function $selectPlainTextRange(start: number, end: number): boolean {
  const found = $locatePlainTextRange(start, end);
  if (!found) return false;
  const selection = $createRangeSelection();
  selection.anchor.set(found.anchor.node.getKey(), found.anchor.at, 'text');
  selection.focus.set(found.focus.node.getKey(), found.focus.at, 'text');
  $setSelection(selection);
  return true;
}
