import { newProposal } from '../../../src/shared/domain/factory';
import type { Proposal } from '../../../src/shared/domain/proposal';
import { textToDoc } from '../../../src/shared/domain/richText';
import type { SectionId } from '../../../src/shared/domain/catalog';

/** A proposal with the given section texts and other fields, as the editor would produce it. */
export function makeProposal(
  init: Partial<Omit<Proposal, 'sections'>> & { sections?: Partial<Record<SectionId, string>> } = {},
): Proposal {
  const { sections, ...rest } = init;
  const p = { ...newProposal({ title: init.title ?? '测试项目' }), ...rest };
  for (const [id, text] of Object.entries(sections ?? {})) {
    p.sections = { ...p.sections, [id]: { doc: textToDoc(text), text } };
  }
  return p;
}
