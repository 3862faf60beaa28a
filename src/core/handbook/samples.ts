import { SECTION_IDS, type SectionId } from '../../shared/domain/catalog';
import { PROPOSAL_SCHEMA_VERSION, proposalSchema, type ImageRef, type Proposal, type RichText } from '../../shared/domain/proposal';
import { textToDoc } from '../../shared/domain/richText';
import { AppError } from '../../shared/errors';
import { sampleSchema, type Sample, type SampleImage, type SamplePatch } from '../../shared/handbook/schema';
import { describeHandbookIssues } from './issues';

/** Every sample's title carries this mark, wherever it is shown. */
export const SAMPLE_MARK = '【培训样例】';

/** Workshop proposals have ids of their own, never a real proposal's. */
export const sampleProposalId = (sampleId: string): string => `sample-${sampleId}`;
export const sampleIdOf = (proposalId: string): string | null =>
  proposalId.startsWith('sample-') ? proposalId.slice('sample-'.length) : null;

/** The stored-picture facts a sample image needs once its stand-in picture has been drawn. */
export interface DrawnImage {
  sha256: string;
  width: number;
  height: number;
  bytes: number;
}

export function sampleImageRef(img: SampleImage, index: number, drawn: DrawnImage): ImageRef {
  return {
    id: `img-${index + 1}`,
    sha256: drawn.sha256,
    fileName: img.fileName,
    mime: 'image/jpeg',
    width: drawn.width,
    height: drawn.height,
    bytes: drawn.bytes,
    caption: img.caption,
    source: img.source,
    isCover: img.isCover,
    focalPoint: { x: 0.5, y: 0.5 },
    consent: img.consent,
  };
}

/**
 * The sample as a proposal without drawing its pictures (they get a stand-in checksum): for checking
 * a package and its exercises, where only the pictures' consent and captions matter.
 */
export function sampleProposalForCheck(sample: Sample, version: string): Proposal {
  const images = sample.images.map((img, i) =>
    sampleImageRef(img, i, { sha256: '0'.repeat(64), width: 1200, height: 900, bytes: 1 }),
  );
  return sampleToProposal(sample, version, images, '2000-01-01T00:00:00.000Z');
}

/**
 * The sample as a full proposal: marked as a sample in its title, rows numbered, sections turned
 * into rich text. `images` are the sample's pictures already drawn and stored.
 */
export function sampleToProposal(sample: Sample, version: string, images: readonly ImageRef[], now: string): Proposal {
  const p = sample.proposal;
  const sections = Object.fromEntries(
    SECTION_IDS.map((id): [SectionId, RichText] => {
      const text = p.sections[id] ?? '';
      return [id, { doc: text ? textToDoc(text) : null, text }];
    }),
  ) as Record<SectionId, RichText>;
  return proposalSchema.parse({
    ...p,
    schemaVersion: PROPOSAL_SCHEMA_VERSION,
    id: sampleProposalId(sample.id),
    title: `${SAMPLE_MARK}${p.title}`.slice(0, 200),
    focusArea: p.focusArea ?? sample.focusArea,
    sections,
    beneficiaries: p.beneficiaries.map((b, i) => ({ ...b, id: b.id ?? `b${i + 1}` })),
    milestones: p.milestones.map((m, i) => ({ ...m, id: m.id ?? `m${i + 1}` })),
    budget: { ...p.budget, lines: p.budget.lines.map((l, i) => ({ ...l, id: l.id ?? `l${i + 1}` })) },
    images: [...images],
    status: 'draft',
    template: sample.templateId ? { id: sample.templateId, version } : null,
    createdAt: now,
    updatedAt: now,
  });
}

function setPath(root: Record<string, unknown>, patch: SamplePatch): void {
  const keys = patch.path.split('.');
  let node: unknown = root;
  for (let i = 0; i < keys.length - 1; i += 1) {
    const key = keys[i]!;
    const container = node as Record<string, unknown> | unknown[];
    let next = Array.isArray(container) ? container[Number(key)] : container[key];
    if (next === undefined || next === null) {
      if (Array.isArray(container) || /^\d+$/.test(keys[i + 1]!)) {
        throw new AppError('FILE_INVALID', `参考改法的路径「${patch.path}」指向不存在的条目「${keys.slice(0, i + 1).join('.')}」`);
      }
      next = {};
      container[key] = next;
    }
    if (typeof next !== 'object') throw new AppError('FILE_INVALID', `参考改法的路径「${patch.path}」中「${key}」不是对象或列表`);
    node = next;
  }
  const last = keys[keys.length - 1]!;
  if (Array.isArray(node)) {
    const index = Number(last);
    if (!/^\d+$/.test(last) || index > node.length) throw new AppError('FILE_INVALID', `参考改法的路径「${patch.path}」的序号超出范围`);
    node[index] = patch.value;
  } else {
    (node as Record<string, unknown>)[last] = patch.value;
  }
}

/** The sample after the given changes (a problem's reference fix), checked again. */
export function applyPatches(sample: Sample, patches: readonly SamplePatch[], where = sample.id): Sample {
  const draft = structuredClone(sample) as unknown as Record<string, unknown>;
  for (const patch of patches) setPath(draft, patch);
  const result = sampleSchema.safeParse(draft);
  if (!result.success) {
    throw new AppError('FILE_INVALID', `样例「${where}」的参考改法应用后内容不合格式`, describeHandbookIssues(result.error, where));
  }
  return result.data;
}

/** Apply the reference fixes of the named problems (all of them when ids is null). */
export function solve(sample: Sample, ids: readonly string[] | null = null): Sample {
  const problems = sample.problems.filter((p) => ids === null || ids.includes(p.id));
  return applyPatches(sample, problems.flatMap((p) => p.solution));
}
