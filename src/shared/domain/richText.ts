import { z } from 'zod';

/**
 * Rich text is stored as Lexical's serialized editor state. The shared layer never imports Lexical:
 * it only needs to read the tree (for the plain-text projection) and to build a tree from plain text
 * (for proposals written outside the app, templates and imports).
 */
export interface SerializedNode {
  type: string;
  version?: number;
  text?: string;
  children?: SerializedNode[];
  [key: string]: unknown;
}

export interface LexicalDoc {
  root: SerializedNode & { type: 'root'; children: SerializedNode[] };
}

const nodeSchema: z.ZodType<SerializedNode> = z.lazy(() =>
  z.looseObject({
    type: z.string().min(1).max(64),
    version: z.number().optional(),
    text: z.string().optional(),
    children: z.array(nodeSchema).optional(),
  }),
);

export const lexicalDocSchema = z.object({
  root: z.looseObject({
    type: z.literal('root'),
    children: z.array(nodeSchema),
  }),
}) as z.ZodType<LexicalDoc>;

const INLINE_TEXT_TYPES = new Set(['text', 'tab', 'keyword', 'autolink-text']);

function inlineText(node: SerializedNode): string {
  if (node.type === 'linebreak') return '\n';
  if (typeof node.text === 'string' && (INLINE_TEXT_TYPES.has(node.type) || !node.children)) return node.text;
  if (node.children) return node.children.map(inlineText).join('');
  return '';
}

function isBlockContainer(node: SerializedNode): boolean {
  return node.type === 'list' || node.type === 'root' || node.type === 'quote-container';
}

function collectBlocks(node: SerializedNode, out: string[]): void {
  for (const child of node.children ?? []) {
    if (isBlockContainer(child)) {
      collectBlocks(child, out);
    } else if (child.type === 'listitem' && child.children?.some((c) => c.type === 'list')) {
      // A list item holding a nested list: its own inline text is one block, the nested list adds more.
      const inline = child.children.filter((c) => c.type !== 'list');
      out.push(inline.map(inlineText).join(''));
      for (const nested of child.children.filter((c) => c.type === 'list')) collectBlocks(nested, out);
    } else {
      out.push(inlineText(child));
    }
  }
}

/** The plain text of a document: one line per block, as search, rules and duplicate checks see it. */
export function docToText(doc: LexicalDoc | null | undefined): string {
  if (!doc) return '';
  const blocks: string[] = [];
  collectBlocks(doc.root, blocks);
  // Trailing empty paragraphs are an editing artefact, not content.
  while (blocks.length > 0 && blocks[blocks.length - 1] === '') blocks.pop();
  return blocks.join('\n');
}

function textNode(text: string): SerializedNode {
  return { type: 'text', version: 1, text, detail: 0, format: 0, mode: 'normal', style: '' };
}

function paragraph(text: string): SerializedNode {
  return {
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: text === '' ? [] : [textNode(text)],
  };
}

/** A document with one paragraph per line of the text. */
export function textToDoc(text: string): LexicalDoc {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: lines.map(paragraph),
    },
  };
}
