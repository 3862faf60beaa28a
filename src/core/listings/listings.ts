import { listingInputSchema, type ListingInput } from '../../shared/api/methods/export';
import { PLATFORM_IDS, platformLabel, type PlatformId } from '../../shared/domain/catalog';
import { describeIssues } from '../../shared/domain/fieldLabels';
import type { Listing, Proposal } from '../../shared/domain/proposal';
import { AppError } from '../../shared/errors';
import type { Library } from '../library/library';

/** Check a listing as the tracker form gives it (the API has parsed it already; the CLI and tests have not). */
export function parseListing(input: ListingInput): Listing {
  const parsed = listingInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID_INPUT', '上线信息不符合要求', describeIssues(parsed.error, '上线信息'));
  return parsed.data;
}

// The proposal schema's own bound on listings.
const MAX_LISTINGS = PLATFORM_IDS.length * 4;

/** Change a proposal's listings in one immediate transaction (read, change, write). */
function updateListings(lib: Library, id: string, change: (listings: Listing[], p: Proposal) => Listing[]): Proposal {
  return lib.db
    .transaction(() => {
      const p = lib.proposals.live(id, '再登记上线信息');
      // `save` keeps the stored listings (an editor's copy must not undo the tracker), so write
      // the whole proposal: it was read in this same transaction, nothing else can change between.
      // The edit time stays as it was: a listing is not an edit of the text, and a newer stamp would
      // make an editor's pending autosave look stale and throw its unsaved text away.
      return lib.proposals.replace({ ...p, listings: change([...p.listings], p) });
    })
    .immediate();
}

/** Record a new listing (`index` null) or replace the one at `index`. */
export function setListing(lib: Library, id: string, index: number | null, input: ListingInput): Proposal {
  const listing = parseListing(input);
  return updateListings(lib, id, (listings) => {
    if (index !== null && index >= listings.length) throw new AppError('NOT_FOUND', '要修改的上线记录不存在，请刷新后再试');
    const duplicate = listing.projectNumber
      ? listings.findIndex((l, i) => i !== index && l.platform === listing.platform && l.projectNumber === listing.projectNumber)
      : -1;
    if (duplicate >= 0) {
      throw new AppError('CONFLICT', `${platformLabel(listing.platform)}的项目编号「${listing.projectNumber}」已登记过（第 ${duplicate + 1} 条）`);
    }
    // A caller that does not send the money (an older client, a script) keeps what was recorded or imported.
    if (index !== null && input.raisedFen === undefined && input.donationCount === undefined) {
      listing.raisedFen = listings[index]!.raisedFen;
      listing.donationCount = listings[index]!.donationCount;
    }
    if (index === null) {
      if (listings.length >= MAX_LISTINGS) throw new AppError('TOO_LARGE', `上线记录过多（最多 ${MAX_LISTINGS} 条），请先删除不再需要的记录`);
      listings.push(listing);
    } else {
      listings[index] = listing;
    }
    return listings;
  });
}

/** Remove the listing at `index`, which must be on `platform` (a guard against a list that changed meanwhile). */
export function removeListing(lib: Library, id: string, index: number, platform: PlatformId): Proposal {
  return updateListings(lib, id, (listings) => {
    if (listings[index]?.platform !== platform) throw new AppError('CONFLICT', '上线记录已变化，请刷新后再试');
    listings.splice(index, 1);
    return listings;
  });
}
