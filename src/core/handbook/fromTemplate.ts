import { SECTION_IDS, type SectionId } from '../../shared/domain/catalog';
import { newId, nowIso } from '../../shared/domain/factory';
import { placeholder } from '../../shared/domain/placeholders';
import { PROPOSAL_SCHEMA_VERSION, proposalSchema, type Proposal, type RichText } from '../../shared/domain/proposal';
import { textToDoc } from '../../shared/domain/richText';
import type { Template } from '../../shared/handbook/schema';

const example = (text: string): string => `【示例：${text.replace(/[【】\n]/g, ' ').slice(0, 190)}】`;

/**
 * A new proposal from a focus-area template: every section starts from the template's skeleton,
 * and every structured part the user must supply is a visible placeholder (or left empty), never
 * a number or a name that would pass for a fact about the project.
 */
export function proposalFromTemplate(
  t: Template,
  version: string,
  init: { title?: string; district?: string; id?: string; now?: string } = {},
): Proposal {
  const now = init.now ?? nowIso();
  const sections = Object.fromEntries(
    SECTION_IDS.map((id): [SectionId, RichText] => {
      const text = t.sections[id].skeleton;
      return [id, { doc: textToDoc(text), text }];
    }),
  ) as Record<SectionId, RichText>;
  return proposalSchema.parse({
    schemaVersion: PROPOSAL_SCHEMA_VERSION,
    id: init.id ?? newId(),
    title: init.title?.trim() || t.title,
    summary: t.summary,
    focusArea: t.focusArea,
    district: init.district ?? '',
    sections,
    beneficiaries: t.beneficiaryTypes
      .filter((b) => b.suggested)
      .map((b) => ({ id: newId(), type: example(b.type), count: null, region: placeholder('受益地域（区县、乡镇或村社）') })),
    milestones: t.milestones.map((m) => ({ id: newId(), date: null, title: example(m.title), detail: example(`${m.when}：${m.detail}`) })),
    budget: {
      lines: t.budget.exampleLines.map((l) => ({
        id: newId(),
        item: example(l.item),
        category: l.category,
        unitPriceFen: 0,
        quantity: 0,
        amountFen: 0,
        note: placeholder(`测算依据，单位：${l.unit}（参考：${l.note.replace(/[【】\n]/g, ' ').slice(0, 120)}）`),
      })),
      managementFeePercent: null,
      minimumExecutableFen: null,
      fallbackPlan: t.budget.fallbackHint,
    },
    filing: { remainderPlan: placeholder('项目结束后剩余善款和物资的处理方式（如经公示后用于同类项目）') },
    template: { id: t.id, version },
    createdAt: now,
    updatedAt: now,
  });
}
