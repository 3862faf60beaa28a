import { Paragraph } from 'docx';
import { platformLabel, sectionLabel, statusLabel } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';
import { reviewActionLabel, reviewRoleLabel } from '../../shared/review/actions';
import { safeFileName, zipFiles, type ExportFile } from '../export/archive';
import { beijingDateTime } from '../export/beijingTime';
import { body, GBT9704, heading1, heading2, officialDocx, run } from '../export/officialDoc';
import { FONTS } from '../export/docxFonts';
import { compareProposals } from './compare';
import { DECISIONS, type LogEntry, type ReviewComment, type ReviewStore, type SubmitRevision } from './store';

/**
 * The dossier (审核档案) of one proposal, for an auditor: every submitted revision as JSON, the
 * comments, the decisions with their signatures, the whole transition log, the going-live record,
 * and a DOCX summary in the 公文 layout. The JSON files are the record; the DOCX is for reading.
 */

export interface Dossier {
  fileName: string;
  data: Uint8Array;
  /** The zip's entries, in order. */
  entries: string[];
}

const when = (iso: string) => beijingDateTime(new Date(iso));
const json = (v: unknown) => new TextEncoder().encode(`${JSON.stringify(v, null, 2)}\n`);
const ORIGIN: Record<LogEntry['origin'], string> = { desk: '本机', server: '总会服务器（经登录会话）', bundle: '审核结果文件' };

/** How far a decision can be trusted, in the words the summary uses. */
function trust(e: LogEntry): string {
  if (e.origin === 'server') return '由总会服务器按审核人账号作出，经本机登录会话收到';
  if (e.signature) return e.verified === false ? '签名未通过核验' : e.origin === 'bundle' ? '总会签名，已用总会公钥核验' : '总会审核台签名';
  return '无总会签名';
}

function logLine(e: LogEntry): string {
  const parts = [
    `${when(e.at)}，${reviewRoleLabel(e.role)}「${e.by}」${reviewActionLabel(e.action)}（${statusLabel(e.from)} → ${statusLabel(e.to)}）`,
    e.revision !== null ? `针对第 ${e.revision} 版` : '',
    e.reason ? `理由：${e.reason}` : '',
    e.sections.length ? `需修改：${e.sections.map(sectionLabel).join('、')}` : '',
    `来源：${ORIGIN[e.origin]}`,
  ];
  return `${parts.filter(Boolean).join('；')}。`;
}

function commentLine(c: ReviewComment): string {
  const quote = c.quote ? `引文「${c.quote}」，` : '';
  const answer = c.resolvedAt ? `已处理（${when(c.resolvedAt)}）：${c.resolution ?? ''}` : '尚未处理';
  return `第 ${c.revision} 版「${sectionLabel(c.section)}」，${quote}${c.by}（${when(c.at)}）：${c.body}。${answer}。`;
}

function goingLive(p: Proposal): string[] {
  const listings = p.listings.map(
    (l) => `${platformLabel(l.platform)}：${l.status === 'preparing' ? '准备中' : l.liveDate ? `${l.liveDate} 上线` : '已登记'}${l.projectNumber ? `，项目编号 ${l.projectNumber}` : ''}${l.url ? `，${l.url}` : ''}。`,
  );
  const published = p.disclosures.flatMap((d) => d.publications.map((pub) => `信息披露（${d.period.start ?? '—'} 至 ${d.period.end ?? '—'}）${pub.date} 发布于 ${pub.target === 'cishanchina' ? '慈善中国' : platformLabel(pub.target)}${pub.url ? `，${pub.url}` : ''}。`));
  return [...listings, ...published];
}

async function summaryDocx(p: Proposal, revisions: SubmitRevision[], frozen: SubmitRevision | null, log: LogEntry[], comments: ReviewComment[], changes: string[][], now: Date): Promise<Uint8Array> {
  const decisions = log.filter((e) => DECISIONS.includes(e.action));
  const live = goingLive(p);
  const title = new Paragraph({ alignment: 'center', children: [run(`${p.title || '未命名项目'}审核档案`, FONTS.xiaobiaosong, { size: GBT9704.titleSize })] });
  const children = [
    body(`项目编号：${p.id}；区县：${p.district || '未填写'}；当前状态：${statusLabel(p.status)}。`),
    body(`${frozen ? `审核通过并冻结的是第 ${frozen.n} 版（SHA-256：${frozen.hash}）。` : '尚无审核通过并冻结的版本。'}本档案生成于 ${beijingDateTime(now)}。`),
    heading1(1, '提交版本'),
    ...(revisions.length ? revisions.map((r) => body(`第 ${r.n} 版：${r.by} 于 ${when(r.at)} 提交，内容校验值 SHA-256：${r.hash}${frozen?.n === r.n ? '（已冻结）' : ''}。全文见「版本/第${r.n}版.json」。`)) : [body('该项目尚未提交过。')]),
    heading1(2, '版本间的变化'),
    ...(changes.length ? changes.flatMap(([head, ...lines], i) => [heading2(i + 1, head!), ...lines.map(body)]) : [body('只有一个版本或尚未提交，没有可比较的变化。')]),
    heading1(3, '审核决定'),
    ...(decisions.length ? decisions.map((e) => body(`${logLine(e)}${trust(e)}。`)) : [body('尚无审核决定。')]),
    heading1(4, '审核记录（全部状态变化）'),
    ...(log.length ? log.map((e) => body(logLine(e))) : [body('尚无审核记录。')]),
    heading1(5, '批注'),
    ...(comments.length ? comments.map((c) => body(commentLine(c))) : [body('没有批注。')]),
    heading1(6, '上线与信息披露'),
    body('善策不记录每一次导出文件；以下是上线跟踪登记的各平台上线记录和信息披露的发布记录。'),
    ...(live.length ? live.map(body) : [body('尚无上线或发布记录。')]),
  ];
  return officialDocx({ title: `${p.title || '未命名项目'}审核档案`, children: [title, ...children] });
}

/** The dossier of a proposal in the library (or, on a reviewer's desk, one kept as another district's). */
export async function buildDossier(review: ReviewStore, p: Proposal, now = new Date()): Promise<Dossier> {
  const revisions = [...review.revisions(p.id)].sort((a, b) => a.n - b.n);
  const log = review.log(p.id);
  const comments = review.comments(p.id);
  const frozen = review.frozen(p.id);
  const full = revisions.map((r) => review.revision(p.id, r.n));
  const changes = full.slice(1).map((cur, i) => {
    const prev = full[i]!;
    const c = compareProposals(prev.proposal, cur.proposal);
    const sections = c.sections.filter((s) => s.changed).map((s) => s.label);
    return [
      `第 ${prev.info.n} 版 → 第 ${cur.info.n} 版`,
      sections.length ? `改动的章节：${sections.join('、')}。` : '各章节文字没有改动。',
      ...c.changes.map((ch) => `${ch.text}。`),
    ];
  });
  const files: ExportFile[] = [
    { path: `${safeFileName(p.title)}-审核档案.docx`, data: await summaryDocx(p, revisions, frozen, log, comments, changes, now) },
    ...full.map((r) => ({ path: `版本/第${r.info.n}版.json`, data: json({ n: r.info.n, hash: r.info.hash, by: r.info.by, at: r.info.at, proposal: r.proposal }) })),
    { path: '审核决定.json', data: json(log.filter((e) => DECISIONS.includes(e.action))) },
    { path: '审核记录.json', data: json(log) },
    { path: '批注.json', data: json(comments) },
    { path: '上线与披露.json', data: json({ listings: p.listings, publications: p.disclosures.map((d) => ({ id: d.id, kind: d.kind, period: d.period, publications: d.publications })) }) },
    { path: '清单.json', data: json({ kind: 'shance-review-dossier', version: 1, proposalId: p.id, title: p.title, district: p.district, status: p.status, frozen, generatedAt: now.toISOString() }) },
  ];
  return { fileName: `${safeFileName(p.title)}-审核档案.zip`, data: zipFiles(files), entries: files.map((f) => f.path) };
}
