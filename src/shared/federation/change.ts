import { z } from 'zod';

/**
 * What one accepted revision changed in a proposal, relative to the revision before it: the top-level
 * fields set or removed, and the sections rewritten. A district usually edits one field or one
 * section; sending 41 desks this instead of the whole ~3,000-character proposal is what lets 42 desks
 * sync at once (the whole proposals were most of the bytes the server wrote and the desks parsed).
 * A desk applies it (core/sync/changes.ts) only to the very revision it was taken from and checks the result's content
 * hash; anything else and it asks for the whole proposal (`sync.get`).
 */
export const proposalChangeSchema = z.object({
  set: z.record(z.string(), z.unknown()),
  unset: z.array(z.string()),
  sections: z.record(z.string(), z.unknown()),
});
export type ProposalChange = z.infer<typeof proposalChangeSchema>;
