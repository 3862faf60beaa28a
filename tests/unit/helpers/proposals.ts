import { newProposal } from '../../../src/shared/domain/factory';
import type { Listing, Proposal } from '../../../src/shared/domain/proposal';
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

/** A listing on `platform` with the given going-live date and status, nothing raised yet. */
export function makeListing(platform: Listing['platform'], liveDate: string | null, status: Listing['status'] = 'live'): Listing {
  return { platform, projectNumber: `${platform}-1`, url: '', liveDate, status, note: '', raisedFen: null, donationCount: null };
}
