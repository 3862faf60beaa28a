import type { FocusAreaId } from './catalog';
import { AppError } from '../errors';
import { describeIssues } from './fieldLabels';
import type { z } from 'zod';
import { disclosureSchema, PROPOSAL_SCHEMA_VERSION, proposalSchema, type Disclosure, type Proposal } from './proposal';

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function newProposal(init: { title?: string; focusArea?: FocusAreaId | null; district?: string; id?: string } = {}): Proposal {
  const now = nowIso();
  return proposalSchema.parse({
    schemaVersion: PROPOSAL_SCHEMA_VERSION,
    id: init.id ?? newId(),
    title: init.title ?? '',
    focusArea: init.focusArea ?? null,
    district: init.district ?? '',
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * A new disclosure record: what `init` gives, every other field at the schema's default, so a record
 * started in the editor and one built in a test are the same record.
 */
export function newDisclosure(init: Omit<z.input<typeof disclosureSchema>, 'id'> & { id?: string } = {}): Disclosure {
  return disclosureSchema.parse({ ...init, id: init.id ?? newId() });
}

/** Files written before review had its own steps say 'review' (待审核): that is today's 已提交. */
function upgradeStatus(raw: object): object {
  return (raw as { status?: unknown }).status === 'review' ? { ...raw, status: 'submitted' } : raw;
}

/**
 * Read a proposal from untrusted JSON (a file, a bundle, the other door). Older format versions are
 * upgraded here; a newer one is refused, because reading it would silently drop what we don't know.
 */
export function parseProposal(raw: unknown, where = ''): Proposal {
  const prefix = where ? `${where}：` : '';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AppError('FILE_INVALID', `${prefix}内容不是一个项目（应为 JSON 对象）`);
  }
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'number' && version > PROPOSAL_SCHEMA_VERSION) {
    throw new AppError(
      'FILE_INVALID',
      `${prefix}该项目由更新版本的善策生成（格式版本 ${version}，本程序支持到 ${PROPOSAL_SCHEMA_VERSION}），请升级善策后再导入`,
    );
  }
  if (version === undefined) {
    throw new AppError('FILE_INVALID', `${prefix}缺少格式版本（schemaVersion），无法识别为善策项目`);
  }
  const result = proposalSchema.safeParse(upgradeStatus(raw));
  if (!result.success) {
    throw new AppError('FILE_INVALID', `${prefix}项目内容不符合格式要求`, describeIssues(result.error));
  }
  return result.data;
}
