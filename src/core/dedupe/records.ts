import { z } from 'zod';
import { describeIssues } from '../../shared/domain/fieldLabels';
import { parseProposal } from '../../shared/domain/factory';
import { AppError } from '../../shared/errors';
import { proposalDoc, recordDoc, type DedupeDoc } from './parts';

/** A project from a list made elsewhere: an id (a number is accepted), a title and its text. */
export const plainRecordSchema = z.object({
  id: z
    .union([z.string().trim().min(1, { error: '编号不能为空' }).max(200, { error: '编号过长' }), z.number().int()])
    .transform(String),
  title: z.string().max(1000, { error: '标题过长' }).default(''),
  text: z.string({ error: '缺少正文 text' }).max(2_000_000, { error: '正文过长' }),
});

/**
 * What the duplicate check reads from one JSON value: a proposal (it has schemaVersion) or a plain
 * record {"id","title","text"}. `where` starts every error message (a file name or a line number).
 */
export function docFromJson(raw: unknown, where: string): DedupeDoc {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'schemaVersion' in raw) {
    return proposalDoc(parseProposal(raw, where));
  }
  const r = plainRecordSchema.safeParse(raw);
  if (!r.success) {
    throw new AppError('FILE_INVALID', `${where}：既不是善策项目，也不是 {"id","title","text"} 记录`, describeIssues(r.error));
  }
  return recordDoc(r.data);
}
