import type { ListQueryParsed } from '../../../src/shared/api/methods/proposals';

/** The library list with no filters, as the renderer asks for it first. */
export const LIST_ALL: ListQueryParsed = {
  query: '',
  focusArea: null,
  district: null,
  status: null,
  sort: 'updated',
  order: 'desc',
  trash: false,
  limit: 100,
  offset: 0,
};
