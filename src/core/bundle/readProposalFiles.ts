import { parseProposal } from '../../shared/domain/factory';
import { BUNDLE_LIMITS } from '../../shared/domain/limits';
import { AppError, isAppError } from '../../shared/errors';
import type { ImportSource } from './readBundle';
import { parseJsonOrExplain } from '../util/jsonText';

export function parseJsonText(text: string, where: string): unknown {
  return parseJsonOrExplain(text, where);
}

/** One proposal written as a JSON file (see docs/proposal.schema.json). */
export function readProposalJson(text: string, fileName: string): ImportSource {
  if (text.length > BUNDLE_LIMITS.proposalJsonBytes) throw new AppError('TOO_LARGE', `文件「${fileName}」过大`);
  return { proposals: [parseProposal(parseJsonText(text, `文件「${fileName}」`), fileName)], images: new Map() };
}

export interface JsonlLine<T> {
  /** 1-based line number. */
  line: number;
  value: T;
}

/**
 * Parse every non-empty line of a JSONL text with `parse`, collecting a message (starting with the
 * line number) for each bad line and each id seen before, instead of stopping at the first.
 */
export function parseJsonlLines<T>(
  text: string,
  parse: (raw: unknown, where: string) => T,
  idOf: (value: T) => string,
): { items: JsonlLine<T>[]; problems: { line: number; message: string }[] } {
  const items: JsonlLine<T>[] = [];
  const problems: { line: number; message: string }[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `第 ${i + 1} 行`;
    try {
      const value = parse(parseJsonText(line, where), where);
      const id = idOf(value);
      const first = seen.get(id);
      if (first !== undefined) throw new AppError('FILE_INVALID', `${where}：项目编号「${id}」与第 ${first} 行重复`);
      seen.set(id, i + 1);
      items.push({ line: i + 1, value });
    } catch (e) {
      if (!isAppError(e)) throw e;
      problems.push({ line: i + 1, message: e.details.length > 0 ? `${e.message}：${e.details.join('；')}` : e.message });
    }
  });
  return { items, problems };
}

/**
 * One proposal per line. The import is all or nothing, so every bad line is reported (with its
 * number) before anything is written.
 */
export function readProposalJsonl(text: string, fileName: string): ImportSource {
  const { items, problems } = parseJsonlLines(text, parseProposal, (p) => p.id);
  if (problems.length > 0) {
    throw new AppError(
      'FILE_INVALID',
      `「${fileName}」中有 ${problems.length} 行无法导入，未导入任何内容`,
      problems.slice(0, 50).map((p) => p.message),
    );
  }
  if (items.length === 0) throw new AppError('FILE_INVALID', `「${fileName}」中没有项目`);
  return { proposals: items.map((i) => i.value), images: new Map() };
}
