import { strToU8 } from 'fflate';
import { platformLabel, type PlatformId } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';
import type { Finding } from '../../shared/rules/finding';
import type { RulePack } from '../../shared/rules/pack';
import { safeFileName, type ExportFile } from './archive';
import { checklistText, findingLine, hasErrors } from './checklist';
import { buildFieldSheet, describeLength, describeStatus, fieldSheetText, type FieldSheetRow } from './fieldSheet';
import { fieldSheetXlsx } from './fieldSheetXlsx';
import { imageListText, renderPackImages, type DecodedImage } from './images';
import { platformDocx } from './platformDocx';
import { beijingIso } from './beijingTime';

/** Decoded pictures for the packs given (see `DecodedImageCache`). */
export type DecodeFor = (packs: readonly RulePack[]) => Promise<ReadonlyMap<string, DecodedImage>>;

export interface PackInput {
  proposal: Proposal;
  pack: RulePack;
  findings: readonly Finding[];
  /** A reviewer's written reason to export despite errors; blank counts as none. */
  overrideReason: string | null;
  decode: DecodeFor;
  exportedAt?: Date;
}

export interface WrittenPack {
  status: 'written';
  platform: PlatformId;
  label: string;
  /** The pack's folder name, also the zip's name without `.zip`. */
  folder: string;
  files: ExportFile[];
  fields: FieldSheetRow[];
  findings: Finding[];
  overridden: boolean;
  /** What the user should look at: fields over their limits, pictures too small, missing consent. */
  warnings: string[];
}

export interface RefusedPack {
  status: 'refused';
  platform: PlatformId;
  label: string;
  errors: Finding[];
}

export type PackResult = WrittenPack | RefusedPack;

export function packFolderName(p: Proposal, platform: PlatformId): string {
  return `${safeFileName(p.title)}-${safeFileName(platformLabel(platform))}`;
}

/** The override reason as recorded: blank counts as none. */
export const overrideFor = (r: string | null) => (r ?? '').trim() || null;
const reason = overrideFor;

/** Refused when the checklist has errors and no reason was given; null when the pack may be written. */
export function refusal(platform: PlatformId, findings: readonly Finding[], overrideReason: string | null): RefusedPack | null {
  if (!hasErrors(findings) || reason(overrideReason)) return null;
  return { status: 'refused', platform, label: platformLabel(platform), errors: findings.filter((f) => f.severity === 'error') };
}

/** What to tell the user about a refused platform, naming its errors. */
export function refusalMessage(r: RefusedPack): string {
  const errors = r.errors.map((f, i) => `${i + 1}. ${findingLine(f)}`).join('；');
  return `「${r.label}」的检查有 ${r.errors.length} 项错误，未导出。请修改后重新导出，或由审核人填写理由后越过检查导出。错误：${errors}`;
}

/**
 * One platform's submission pack: the DOCX in the platform's order, the field sheet (XLSX and
 * plain text), the pictures cut to its specs with their list, and the checklist result.
 */
export async function buildSubmissionPack(input: PackInput): Promise<PackResult> {
  const { proposal: p, pack, findings } = input;
  const platform = pack.id as PlatformId;
  const refused = refusal(platform, findings, input.overrideReason);
  if (refused) return refused;
  const overridden = hasErrors(findings);
  const override = overridden ? reason(input.overrideReason) : null;
  const label = platformLabel(platform);
  const exportedAt = input.exportedAt ?? new Date();

  const images = await renderPackImages(p, pack, await input.decode([pack]));
  const rows = buildFieldSheet(p, pack, new Set(images.images.map((img) => img.ref.sha256)));
  const title = `${p.title || '未命名项目'} · ${label} 字段表（按平台表单顺序，规则包 ${pack.version}）`;
  const [docx, xlsx] = await Promise.all([
    platformDocx({ proposal: p, pack, platformLabel: label, rows, images, findings, overrideReason: override, exportedAt }),
    fieldSheetXlsx(title, rows, images),
  ]);
  const sheetHeading = [title, '每个字段的内容在两条横线之间，整段复制粘贴到平台表单即可。字数按各字段注明的方式计算。'];
  const files: ExportFile[] = [
    { path: `提交材料-${safeFileName(label)}.docx`, data: docx },
    { path: `字段表-${safeFileName(label)}.xlsx`, data: xlsx },
    { path: `字段表-${safeFileName(label)}.txt`, data: strToU8(fieldSheetText(rows, sheetHeading)) },
    ...images.images.map((img) => ({ path: img.path, data: img.data })),
    { path: '图片/图片清单.txt', data: strToU8(imageListText(label, pack, images)) },
    { path: '检查结果.txt', data: strToU8(checklistText(label, pack, findings, override)) },
    {
      path: '检查结果.json',
      data: strToU8(
        JSON.stringify({ platform, pack: { id: pack.id, version: pack.version }, exportedAt: beijingIso(exportedAt), override, findings }, null, 2),
      ),
    },
  ];
  const warnings = [
    ...rows.filter((r) => r.status !== 'ok').map((r) => `字段「${r.label}」：${describeStatus(r)}（${describeLength(r)}）`),
    ...images.warnings,
    ...images.images.flatMap((img) => img.warnings.map((w) => `${img.path}：${w}`)),
  ];
  return { status: 'written', platform, label, folder: packFolderName(p, platform), files, fields: rows, findings: [...findings], overridden, warnings };
}
