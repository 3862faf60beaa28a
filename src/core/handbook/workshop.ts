import { basename, dirname, extname, join } from 'node:path';
import sharp from 'sharp';
import { focusAreaLabel } from '../../shared/domain/catalog';
import { nowIso } from '../../shared/domain/factory';
import type { ImageRef, Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { ExerciseStatus, SampleSummary } from '../../shared/handbook/workshop';
import { problemWhereLabel, type HandbookPackage, type Sample, type SampleImage } from '../../shared/handbook/schema';
import { Library } from '../library/library';
import { sha256Hex } from '../library/images';
import { assessProposal } from './assess';
import { sampleIdOf, sampleImageRef, sampleProposalForCheck, sampleProposalId, sampleToProposal, solve } from './samples';

/**
 * 培训模式. Samples live in a workshop library of their own, a separate database file next to the
 * real one (library.db → library.workshop.db). The real library's list, search, export and bundles
 * never see them, because they are simply not in that file; the workshop offers no export at all.
 * Each sample's working copy has the id sample-<sampleId> and a 【培训样例】 title.
 */

export function workshopPathFor(libraryPath: string): string {
  if (libraryPath === ':memory:') throw new AppError('INVALID_INPUT', '内存中的项目库不支持培训模式');
  const ext = extname(libraryPath);
  return join(dirname(libraryPath), `${basename(libraryPath, ext)}.workshop${ext || '.db'}`);
}

const SIZE = { width: 1200, height: 900 } as const;

/** A plain stand-in picture (samples carry no real photos, and no one's portrait). */
async function drawImage(img: SampleImage): Promise<{ data: Buffer; sha256: string }> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE.width}" height="${SIZE.height}">
    <rect x="0" y="${SIZE.height * 0.62}" width="${SIZE.width}" height="${SIZE.height * 0.38}" fill="#ffffff" fill-opacity="0.35"/>
    <circle cx="${SIZE.width * 0.78}" cy="${SIZE.height * 0.28}" r="${SIZE.height * 0.12}" fill="#ffffff" fill-opacity="0.5"/>
  </svg>`;
  const data = await sharp({ create: { ...SIZE, channels: 3, background: img.color } })
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 80 })
    .toBuffer();
  return { data, sha256: sha256Hex(data) };
}

export class Workshop {
  constructor(
    readonly path: string,
    private readonly handbook: () => HandbookPackage,
  ) {}

  /** Open the workshop library for one operation; it is small and used rarely, so nothing stays open. */
  private with<T>(fn: (ws: Library) => T): T {
    const ws = Library.open(this.path);
    try {
      return fn(ws);
    } finally {
      ws.close();
    }
  }

  sample(sampleId: string): Sample {
    const s = this.handbook().samples.find((x) => x.id === sampleId);
    if (!s) throw new AppError('NOT_FOUND', `培训样例「${sampleId}」不存在（可能已在新版手册中删除）`);
    return s;
  }

  list(): SampleSummary[] {
    const samples = this.handbook().samples;
    const opened = this.with((ws) => new Set(samples.filter((s) => ws.proposals.exists(sampleProposalId(s.id))).map((s) => s.id)));
    return samples.map((s) => ({
      id: s.id,
      focusArea: s.focusArea,
      focusAreaLabel: focusAreaLabel(s.focusArea),
      kind: s.kind,
      name: s.name,
      description: s.description,
      lessons: s.lessons,
      templateId: s.templateId,
      problemCount: s.problems.length,
      opened: opened.has(s.id),
    }));
  }

  /** The sample in its original state, with its stand-in pictures drawn. */
  private async fresh(s: Sample): Promise<{ proposal: Proposal; images: { ref: ImageRef; data: Buffer }[] }> {
    const images = await Promise.all(
      s.images.map(async (img, i) => {
        const drawn = await drawImage(img);
        return { ref: sampleImageRef(img, i, { sha256: drawn.sha256, ...SIZE, bytes: drawn.data.length }), data: drawn.data };
      }),
    );
    const proposal = sampleToProposal(s, this.handbook().version, images.map((i) => i.ref), nowIso());
    return { proposal, images };
  }

  private write(ws: Library, fresh: { proposal: Proposal; images: { ref: ImageRef; data: Buffer }[] }, replace: boolean): Proposal {
    return ws.db.transaction(() => {
      for (const { ref, data } of fresh.images) {
        ws.images.put({ sha256: ref.sha256, mime: ref.mime, width: ref.width, height: ref.height, bytes: ref.bytes }, data);
      }
      return replace ? ws.proposals.replace(fresh.proposal) : ws.proposals.insert(fresh.proposal);
    })();
  }

  /** The trainee's working copy, made from the sample the first time. */
  async open(sampleId: string): Promise<Proposal> {
    const s = this.sample(sampleId);
    const existing = this.with((ws) => ws.proposals.find(sampleProposalId(s.id)));
    if (existing) return existing.proposal;
    const fresh = await this.fresh(s);
    return this.with((ws) => (ws.proposals.exists(fresh.proposal.id) ? ws.proposals.get(fresh.proposal.id) : this.write(ws, fresh, false)));
  }

  /** Put the exercise back as the sample was written; the trainee's edits stay in its history. */
  async reset(sampleId: string): Promise<Proposal> {
    const fresh = await this.fresh(this.sample(sampleId));
    return this.with((ws) => this.write(ws, fresh, ws.proposals.exists(fresh.proposal.id)));
  }

  save(p: Proposal): { proposal: Proposal; stale: boolean } {
    const sampleId = sampleIdOf(p.id);
    if (!sampleId) throw new AppError('FORBIDDEN', '培训模式只能保存培训样例，真实项目请在项目库中编辑');
    this.sample(sampleId);
    return this.with((ws) => {
      if (!ws.proposals.exists(p.id)) throw new AppError('NOT_FOUND', '请先打开这个培训样例');
      return ws.proposals.save(p);
    });
  }

  image(sha256: string): { mime: string; data: Buffer } {
    return this.with((ws) => ws.images.get(sha256));
  }

  /** The saved working copy, or null when the trainee has not opened the sample. */
  stored(sampleId: string): Proposal | null {
    return this.with((ws) => ws.proposals.find(sampleProposalId(sampleId))?.proposal ?? null);
  }
}

/** Which planted problems are fixed in `p`, and its score. */
export function exerciseStatus(s: Sample, p: Proposal, hb: HandbookPackage): ExerciseStatus {
  const assessment = assessProposal(p, hb);
  const results = new Map(assessment.steps.flatMap((st) => st.checks).map((c) => [c.id, c]));
  const problems = s.problems.map((problem) => {
    const checks = problem.checks.map((id) => {
      const r = results.get(id)!;
      return { id, label: r.label, state: r.state, note: r.note };
    });
    return {
      id: problem.id,
      step: problem.step,
      stepTitle: assessment.steps.find((st) => st.id === problem.step)!.title,
      where: problem.where,
      whereLabel: problemWhereLabel(problem.where),
      title: problem.title,
      detail: problem.detail,
      hint: problem.hint,
      fixed: checks.every((c) => c.state === 'pass'),
      checks,
    };
  });
  const fixed = problems.filter((x) => x.fixed).length;
  const summary =
    s.kind === 'strong'
      ? `这是一份好样例（${assessment.score} 分），请对照要点学习它的写法。`
      : fixed === problems.length
        ? `全部 ${problems.length} 个问题都已改好，得分 ${assessment.score}。`
        : `已改好 ${fixed}/${problems.length} 个问题，得分 ${assessment.score}。`;
  return { sampleId: s.id, kind: s.kind, name: s.name, problems, fixed, total: problems.length, summary, assessment };
}

/**
 * Exercises that would not teach anything: a planted problem already counted as fixed in the sample
 * as written, or still unfixed after its own reference fix. Shown to the trainer who edits samples.
 */
export function exerciseWarnings(hb: HandbookPackage): string[] {
  const out: string[] = [];
  for (const s of hb.samples) {
    if (s.kind === 'strong') {
      const a = assessProposal(sampleProposalForCheck(s, hb.version), hb);
      const open = a.steps.filter((st) => st.status !== 'complete').map((st) => st.title);
      if (open.length > 0) out.push(`好样例「${s.id}」得分 ${a.score}，这些步骤未完成：${open.join('、')}`);
      continue;
    }
    const before = exerciseStatus(s, sampleProposalForCheck(s, hb.version), hb);
    for (const problem of before.problems) {
      if (problem.fixed) out.push(`练习「${s.id}」的问题「${problem.id}」在原样中已算作改好：请检查它的 checks`);
      const solved = solve(s, [problem.id]);
      const after = exerciseStatus(solved, sampleProposalForCheck(solved, hb.version), hb).problems.find((x) => x.id === problem.id)!;
      if (!after.fixed) out.push(`练习「${s.id}」的问题「${problem.id}」按参考改法修改后仍未改好：${after.checks.filter((c) => c.state !== 'pass').map((c) => c.note).join('；')}`);
    }
  }
  return out;
}
