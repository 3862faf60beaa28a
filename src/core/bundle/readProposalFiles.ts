import { parseProposal } from '../../shared/domain/factory';
import { BUNDLE_LIMITS } from '../../shared/domain/limits';
import type { Proposal } from '../../shared/domain/proposal';
import { AppError, isAppError } from '../../shared/errors';
import type { ImportSource } from './readBundle';

function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError('FILE_INVALID', `${where}不是有效的 JSON（${e instanceof Error ? e.message : String(e)}）`);
  }
}

/** One proposal written as a JSON file (see docs/proposal.schema.json). */
export function readProposalJson(text: string, fileName: string): ImportSource {
  if (text.length > BUNDLE_LIMITS.proposalJsonBytes) throw new AppError('TOO_LARGE', `文件「${fileName}」过大`);
  return { proposals: [parseProposal(parseJsonText(text, `文件「${fileName}」`), fileName)], images: new Map() };
}

/**
 * One proposal per line. The import is all or nothing, so every bad line is reported (with its
 * number) before anything is written.
 */
export function readProposalJsonl(text: string, fileName: string): ImportSource {
  const proposals: Proposal[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `第 ${i + 1} 行`;
    try {
      const p = parseProposal(parseJsonText(line, where), where);
      const first = seen.get(p.id);
      if (first !== undefined) throw new AppError('FILE_INVALID', `${where}：项目编号「${p.id}」与第 ${first} 行重复`);
      seen.set(p.id, i + 1);
      proposals.push(p);
    } catch (e) {
      if (!isAppError(e)) throw e;
      problems.push(e.details.length > 0 ? `${e.message}：${e.details.join('；')}` : e.message);
    }
  });
  if (problems.length > 0) {
    throw new AppError('FILE_INVALID', `「${fileName}」中有 ${problems.length} 行无法导入，未导入任何内容`, problems.slice(0, 50));
  }
  if (proposals.length === 0) throw new AppError('FILE_INVALID', `「${fileName}」中没有项目`);
  return { proposals, images: new Map() };
}
