import { SECTION_IDS, type SectionId } from '../../shared/domain/catalog';
import type { Proposal } from '../../shared/domain/proposal';
import { fieldSourceLabel, fieldText, formatDate, type FieldSource } from '../../shared/rules/fieldSources';
import type { PlatformField, RulePack } from '../../shared/rules/pack';
import { documentYuan } from './money';
import { blocksToPlain, sectionBlocks } from './richBlocks';

/** The pictures a pack actually contains (by SHA-256): only their captions go into its texts. */
export type ExportedImages = ReadonlySet<string>;

/** Every project here is in Chongqing; a form asking for 省市 wants the city with the district. */
export function regionText(district: string): string {
  if (district === '') return '';
  if (district.startsWith('市慈善总会')) return '重庆市';
  return `重庆市${district}`;
}

const sectionId = (source: FieldSource): SectionId | null => {
  const id = source.startsWith('sections.') ? source.slice('sections.'.length) : '';
  return (SECTION_IDS as readonly string[]).includes(id) ? (id as SectionId) : null;
};

/** Fields whose content is a whole text (sections, lists), as opposed to one value that needs naming. */
export const isScalarSource = (s: FieldSource) => !s.startsWith('sections.') && s !== 'budget' && s !== 'milestones' && s !== 'images';

/**
 * One part of a proposal as the platform's form takes it: sections as plain text with list markers,
 * the region with the city, the focus area as one of the platform's own options, executors with
 * their credit codes where the form asks; everything else as `fieldText` writes it.
 */
export function formPartText(p: Proposal, source: FieldSource, field: PlatformField, pack: RulePack, exported?: ExportedImages): string {
  const section = sectionId(source);
  if (section) return blocksToPlain(sectionBlocks(p.sections[section]));
  switch (source) {
    case 'district':
      return regionText(p.district);
    case 'focusArea': {
      const options = pack.fieldOptions?.focusArea;
      if (!options || !p.focusArea) return fieldText(p, source, field.format);
      return options.map[p.focusArea] ?? options.fallback;
    }
    case 'executors':
      return p.roles.executors
        .filter((e) => e.name)
        .map((e) => (field.format.creditCodes ? `${e.name}（统一社会信用代码：${e.creditCode || '未填写'}）` : e.name))
        .join('、');
    case 'images':
      return p.images
        .filter((img) => !exported || exported.has(img.sha256))
        .map((img) => img.caption || img.fileName)
        .join('\n');
    default:
      return fieldText(p, source, field.format);
  }
}

/**
 * The text of a whole field: its parts joined by a blank line. A field filled from several parts
 * names each single value (「执行方：……」「发起方：……」), since a bare name next to another means nothing.
 */
export function formFieldText(p: Proposal, field: PlatformField, pack: RulePack, exported?: ExportedImages): string {
  const labelled = field.from.length > 1;
  return field.from
    .map((source) => {
      const text = formPartText(p, source, field, pack, exported);
      return labelled && isScalarSource(source) && text !== '' ? `${fieldSourceLabel(source)}：${text}` : text;
    })
    .filter((t) => t !== '')
    .join('\n\n');
}

/** A period as documents write it: 2026年9月1日至2026年12月31日. */
export function chinesePeriod(period: { start: string | null; end: string | null }): string {
  if (!period.start && !period.end) return '';
  const d = (iso: string | null) => formatDate(iso, 'YYYY年M月D日') || '未定';
  return `${d(period.start)}至${d(period.end)}`;
}

/**
 * One part as the platform's Word document shows it: as on the form, but dates and money written
 * the Chinese way (2026年9月1日, 1,400,000.00 元); the field sheets keep the platform's format.
 */
export function documentPartText(p: Proposal, source: FieldSource, field: PlatformField, pack: RulePack, exported?: ExportedImages): string {
  switch (source) {
    case 'fundraisingPeriod':
    case 'projectPeriod':
      return chinesePeriod(p[source]);
    case 'milestones':
      return fieldText(p, 'milestones', { date: 'YYYY年M月D日' });
    case 'targetFen':
    case 'budget.minimumExecutableFen': {
      const fen = source === 'targetFen' ? p.targetFen : p.budget.minimumExecutableFen;
      return fen === null ? '' : `${documentYuan(fen, field.format.money)} 元`;
    }
    default:
      return formPartText(p, source, field, pack, exported);
  }
}
