// Upper bounds that keep one bad file from filling memory or the database. They are far above any
// real proposal (platforms take a few thousand characters per section), so only broken or hostile
// input meets them.
export const LIMITS = {
  titleChars: 200,
  shortTextChars: 2_000,
  sectionChars: 200_000,
  sectionDocBytes: 4_000_000,
  listItems: 2_000,
  imagesPerProposal: 200,
  imageBytes: 30 * 1024 * 1024,
} as const;

/** A bundle (.shance) and what may be inside it. */
export const BUNDLE_LIMITS = {
  fileBytes: 200 * 1024 * 1024,
  entryBytes: 40 * 1024 * 1024,
  totalBytes: 600 * 1024 * 1024,
  entries: 20_000,
  proposalJsonBytes: 8 * 1024 * 1024,
} as const;
