import { platformLabel } from '../../shared/domain/catalog';
import { describeIssues } from '../../shared/domain/fieldLabels';
import { CHARITY_CHINA, disclosureSchema, publicationSchema, type Disclosure, type Proposal, type Publication } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import { documentYuan } from '../export/money';
import type { Library } from '../library/library';

/** A problem a disclosure record finds in itself; an error stops publishing it. */
export interface RecordCheck {
  level: 'error' | 'warning';
  message: string;
}

export const targetLabel = (t: Publication['target']) => (t === CHARITY_CHINA ? '慈善中国' : platformLabel(t));

const overlaps = (a: Disclosure['period'], b: Disclosure['period']) => a.start !== null && a.end !== null && b.start !== null && b.end !== null && a.start <= b.end && b.start <= a.end;

/**
 * The record checks itself against the proposal and the records before it: spending above a budget
 * line, money spent before it was raised, a period overlapping another, pictures without consent.
 */
export function checkDisclosure(p: Proposal, d: Disclosure): RecordCheck[] {
  const out: RecordCheck[] = [];
  const { start, end } = d.period;
  if (start && end && start > end) out.push({ level: 'error', message: `期间的开始日期 ${start} 晚于结束日期 ${end}` });
  const others = p.disclosures.filter((x) => x.id !== d.id);
  if (d.kind !== 'correction') {
    for (const o of others) if (o.kind !== 'correction' && overlaps(o.period, d.period)) out.push({ level: 'warning', message: `期间与另一份披露（${o.period.start} 至 ${o.period.end}）重叠` });
  }
  if (d.kind === 'correction' && (d.corrects === null || !others.some((o) => o.id === d.corrects))) out.push({ level: 'error', message: '更正公告应注明所更正的披露' });

  // The records up to this one's end, this one included (a correction replaces nothing in the sums).
  const upTo = [...others.filter((o) => o.kind !== 'correction' && (end === null || o.period.end === null || o.period.end <= end)), d];
  const lines = new Map(p.budget.lines.map((l) => [l.id, l]));
  const spentByLine = new Map<string, number>();
  for (const r of upTo) for (const s of r.spending) spentByLine.set(s.budgetLineId, (spentByLine.get(s.budgetLineId) ?? 0) + s.spentFen);
  for (const s of d.spending) {
    if (!lines.has(s.budgetLineId)) out.push({ level: 'error', message: `支出对应的预算科目「${s.budgetLineId}」不在预算中` });
  }
  for (const [id, spent] of spentByLine) {
    const line = lines.get(id);
    if (line && d.spending.some((s) => s.budgetLineId === id) && spent > line.amountFen) {
      out.push({ level: 'warning', message: `「${line.item || id}」累计支出 ${documentYuan(spent)} 元，超过预算 ${documentYuan(line.amountFen)} 元` });
    }
  }
  const received = upTo.reduce((s, r) => s + (r.receivedFen ?? 0), 0);
  const spent = upTo.reduce((s, r) => s + r.spending.reduce((a, x) => a + x.spentFen, 0), 0);
  if (spent > received) out.push({ level: 'warning', message: `截至本期累计支出 ${documentYuan(spent)} 元，多于累计收到的 ${documentYuan(received)} 元：钱在筹到之前就花了，请核对` });

  const images = new Map(p.images.map((i) => [i.id, i]));
  for (const id of d.imageIds) {
    const img = images.get(id);
    if (!img) out.push({ level: 'error', message: `图片「${id}」不在项目图片中` });
    else if ((img.consent.identifiablePeople && !img.consent.portraitConsent) || (img.consent.minors && !img.consent.guardianConsent)) {
      out.push({ level: 'error', message: `图片「${img.caption || img.fileName}」有可识别的人物，尚未取得肖像授权${img.consent.minors ? '（含未成年人，需监护人同意）' : ''}` });
    }
  }
  if (d.kind === 'final' && d.leftoverFen !== null && d.leftoverFen > 0 && d.leftoverPlan.trim() === '') out.push({ level: 'warning', message: '结项报告有剩余资金，请写明剩余财产的处理方式' });
  return out;
}

function update(lib: Library, id: string, change: (p: Proposal) => Disclosure[]): Proposal {
  return lib.db
    .transaction(() => {
      const p = lib.proposals.live(id);
      return lib.proposals.replace({ ...p, disclosures: change(p) });
    })
    .immediate();
}

export function parseDisclosure(input: unknown): Disclosure {
  const parsed = disclosureSchema.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID_INPUT', '披露记录不符合要求', describeIssues(parsed.error, '披露记录'));
  return parsed.data;
}

/** Add the record, or replace the one with its id. Errors in the record refuse it; warnings are returned. */
export function setDisclosure(lib: Library, id: string, input: unknown): { proposal: Proposal; checks: RecordCheck[] } {
  const d = parseDisclosure(input);
  let checks: RecordCheck[] = [];
  const proposal = update(lib, id, (p) => {
    checks = checkDisclosure(p, d);
    const errors = checks.filter((c) => c.level === 'error');
    if (errors.length > 0) throw new AppError('INVALID_INPUT', '披露记录有错误，未保存', errors.map((c) => c.message));
    const at = p.disclosures.findIndex((x) => x.id === d.id);
    // Marks already given stay: the editor's copy may be older than a 已发布 recorded meanwhile.
    if (at >= 0) return p.disclosures.map((x, i) => (i === at ? { ...d, publications: mergeMarks(x.publications, d.publications) } : x));
    return [...p.disclosures, d];
  });
  return { proposal, checks };
}

function mergeMarks(kept: Publication[], incoming: Publication[]): Publication[] {
  const byTarget = new Map(kept.map((m) => [m.target, m]));
  for (const m of incoming) byTarget.set(m.target, m);
  return [...byTarget.values()];
}

export function removeDisclosure(lib: Library, id: string, disclosureId: string): Proposal {
  return update(lib, id, (p) => {
    const d = p.disclosures.find((x) => x.id === disclosureId);
    if (!d) throw new AppError('NOT_FOUND', '披露记录不存在，请刷新后再试');
    // A published disclosure stays on record: what was published is corrected by a correction note (办法第十六条).
    if (d.publications.length > 0) throw new AppError('CONFLICT', '已发布的披露不能删除；如有错误，请发布更正公告');
    return p.disclosures.filter((x) => x.id !== disclosureId);
  });
}

/** Give a platform (or 慈善中国) its 已发布 mark, with the address and the date; replaces an earlier mark there. */
export function markPublished(lib: Library, id: string, disclosureId: string, mark: unknown): Proposal {
  const parsed = publicationSchema.safeParse(mark);
  if (!parsed.success) throw new AppError('INVALID_INPUT', '发布信息不符合要求', describeIssues(parsed.error, '发布信息'));
  return update(lib, id, (p) => {
    const d = p.disclosures.find((x) => x.id === disclosureId);
    if (!d) throw new AppError('NOT_FOUND', '披露记录不存在，请刷新后再试');
    const errors = checkDisclosure(p, d).filter((c) => c.level === 'error');
    if (errors.length > 0) throw new AppError('INVALID_INPUT', '披露记录有错误，改正后才能发布', errors.map((c) => c.message));
    return p.disclosures.map((x) => (x.id === disclosureId ? { ...x, publications: mergeMarks(x.publications, [parsed.data]) } : x));
  });
}
