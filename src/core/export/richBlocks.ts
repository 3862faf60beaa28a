import { AlignmentType, LevelFormat, Paragraph, TextRun, type INumberingOptions, type IParagraphOptions, type IRunOptions } from 'docx';
import { docToText, type LexicalDoc, type SerializedNode } from '../../shared/domain/richText';
import type { RichText } from '../../shared/domain/proposal';

/** A stretch of text with the emphasis the writer gave it. */
export interface Inline {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

/**
 * One block of a section, flattened from the editor's tree: a paragraph, a heading inside the
 * section, or an item of a list (with its depth, and which list it belongs to so numbering restarts
 * for every list).
 */
export type Block =
  | { kind: 'paragraph'; runs: Inline[] }
  | { kind: 'heading'; level: number; runs: Inline[] }
  | { kind: 'item'; list: 'number' | 'bullet'; depth: number; listId: number; runs: Inline[] };

// Lexical's text format bits.
const BOLD = 1;
const ITALIC = 2;
const UNDERLINE = 8;

function inlines(node: SerializedNode, out: Inline[]): Inline[] {
  for (const child of node.children ?? []) {
    if (child.type === 'linebreak') out.push({ text: '\n', bold: false, italic: false, underline: false });
    else if (typeof child.text === 'string') {
      const f = typeof child.format === 'number' ? child.format : 0;
      out.push({ text: child.text, bold: (f & BOLD) !== 0, italic: (f & ITALIC) !== 0, underline: (f & UNDERLINE) !== 0 });
    } else if (child.type !== 'list') inlines(child, out);
  }
  return out;
}

function walk(node: SerializedNode, out: Block[], lists: { next: number }, depth = 0, listId = -1, list: 'number' | 'bullet' = 'bullet'): void {
  for (const child of node.children ?? []) {
    if (child.type === 'list') {
      const kind = child.listType === 'number' ? 'number' : 'bullet';
      walk(child, out, lists, listId === -1 ? 0 : depth + 1, lists.next++, kind);
    } else if (child.type === 'listitem') {
      const runs = inlines(child, []);
      // An item holding only a nested list is Lexical's way of nesting: it is no item of its own.
      if (runs.length > 0 || !child.children?.some((c) => c.type === 'list')) out.push({ kind: 'item', list, depth, listId, runs });
      for (const nested of (child.children ?? []).filter((c) => c.type === 'list')) {
        walk({ type: 'root', children: [nested] }, out, lists, depth, listId, list);
      }
    } else if (child.type === 'heading') {
      const level = Number(String(child.tag ?? 'h2').slice(1)) || 2;
      out.push({ kind: 'heading', level, runs: inlines(child, []) });
    } else if (child.type === 'quote' || child.type === 'paragraph') {
      out.push({ kind: 'paragraph', runs: inlines(child, []) });
    } else if (child.children) {
      walk(child, out, lists, depth, listId, list);
    }
  }
}

const plain = (text: string): Inline => ({ text, bold: false, italic: false, underline: false });

/**
 * The blocks of a section: from the editor's tree, or one paragraph per line of the plain text when
 * there is none, or when the tree no longer says what the text says (text written outside the editor).
 */
export function sectionBlocks(rt: RichText): Block[] {
  const blocks: Block[] = [];
  if (rt.doc && docToText(rt.doc) === rt.text) walk((rt.doc as LexicalDoc).root, blocks, { next: 0 });
  else for (const line of rt.text === '' ? [] : rt.text.split('\n')) blocks.push({ kind: 'paragraph', runs: [plain(line)] });
  while (blocks.length > 0 && blocks[blocks.length - 1]!.runs.every((r) => r.text === '')) blocks.pop();
  return blocks;
}

export const blockText = (b: Block) => b.runs.map((r) => r.text).join('');

/** 1. 2. 3. at the top level, (1) (2) below it, ① ② further down: the order Chinese documents use. */
function numberMarker(depth: number, n: number): string {
  if (depth === 0) return `${n}. `;
  if (depth === 1) return `(${n}) `;
  return n <= 20 ? `${String.fromCodePoint(0x2460 + n - 1)} ` : `${n}) `;
}

/**
 * The section as plain text for a platform form, which takes no formatting: list items keep their
 * numbers (1. 2. / (1)) or a bullet (·), nested ones indented by two ideographic spaces a level.
 */
export function blocksToPlain(blocks: readonly Block[]): string {
  const counters = new Map<string, number>();
  return blocks
    .map((b) => {
      if (b.kind !== 'item') return blockText(b);
      // Every list, nested ones included, has its own id, so numbering restarts with each.
      const key = String(b.listId);
      const n = (counters.get(key) ?? 0) + 1;
      counters.set(key, n);
      const marker = b.list === 'number' ? numberMarker(b.depth, n) : '· ';
      return `${'\u3000\u3000'.repeat(b.depth)}${marker}${blockText(b)}`;
    })
    .join('\n');
}

export const NUMBERED = 'shance-numbered';
export const BULLETED = 'shance-bulleted';

/**
 * Word numbering for the lists of a document: decimal 1. / (1) / ①, and bullets ● ○ ■, each level
 * indented two characters more than the one above. `indentUnit` is one character in twips.
 */
export function listNumbering(indentUnit: number): INumberingOptions {
  const level = (lvl: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
    level: lvl,
    format,
    text,
    alignment: AlignmentType.LEFT,
    // The number where a paragraph's first line starts (two characters in), the text two further.
    style: { paragraph: { indent: { left: indentUnit * 2 * (lvl + 2), hanging: indentUnit * 2 } } },
  });
  return {
    config: [
      {
        reference: NUMBERED,
        levels: [
          level(0, LevelFormat.DECIMAL, '%1.'),
          level(1, LevelFormat.DECIMAL, '(%2)'),
          level(2, LevelFormat.DECIMAL_ENCLOSED_CIRCLE, '%3'),
          level(3, LevelFormat.LOWER_LETTER, '%4.'),
        ],
      },
      {
        reference: BULLETED,
        levels: [level(0, LevelFormat.BULLET, '●'), level(1, LevelFormat.BULLET, '○'), level(2, LevelFormat.BULLET, '■'), level(3, LevelFormat.BULLET, '□')],
      },
    ],
  };
}

export interface BlockStyle {
  /** Run options every run gets (font, size). */
  run?: IRunOptions;
  /** Options of a body paragraph (indent, alignment). */
  paragraph?: Omit<IParagraphOptions, 'children' | 'text'>;
  /** A heading inside a section, from its text with emphasis. */
  heading: (level: number, runs: readonly Inline[]) => Paragraph;
  /**
   * Separate lists must restart at 1: each gets its own numbering instance. Give every section a
   * distinct base so two sections never share one.
   */
  instanceBase: number;
}

/** The runs of a block, bold/italic/underline kept, line breaks inside a paragraph kept. */
export function blockRuns(runs: readonly Inline[], base: IRunOptions = {}): TextRun[] {
  return runs.map((r) =>
    r.text === '\n'
      ? new TextRun({ ...base, break: 1 })
      : new TextRun({ ...base, text: r.text, bold: r.bold || undefined, italics: r.italic || undefined, underline: r.underline ? {} : undefined }),
  );
}

/** The blocks as Word paragraphs, lists with real Word numbering (see `listNumbering`). */
export function blocksToDocx(blocks: readonly Block[], style: BlockStyle): Paragraph[] {
  return blocks.map((b) => {
    if (b.kind === 'heading') return style.heading(b.level, b.runs);
    const runs = blockRuns(b.runs, style.run);
    if (b.kind === 'item') {
      const { indent: _indent, ...rest } = style.paragraph ?? {};
      return new Paragraph({
        ...rest,
        numbering: { reference: b.list === 'number' ? NUMBERED : BULLETED, level: Math.min(b.depth, 3), instance: style.instanceBase + b.listId },
        children: runs,
      });
    }
    return new Paragraph({ ...style.paragraph, children: runs });
  });
}
