import type { FederationInputParsed, FederationOutput, FederationUser } from '../shared/federation/contract';
import type { Database } from './db/sql';
import { actOnServer, answerOnServer, auditedReview, commentOnServer, pullReviewEvents } from './review';
import type { PushMemory } from './pushMemory';
import type { SimilarIndex } from './similar';

type ReviewMethod = 'review.act' | 'review.comment' | 'review.answer' | 'review.pull';
type ReviewHandlers = {
  [M in ReviewMethod]: (input: FederationInputParsed<M>, session: { user: FederationUser }) => Promise<FederationOutput<M>>;
};

/** The server's review calls; each one audited, refusals included. */
export function reviewFederationHandlers({ db, similar, memory }: { db: Database; similar: SimilarIndex; memory?: PushMemory }): ReviewHandlers {
  return {
    'review.act': (input, { user }) =>
      auditedReview(db, user, `review.${input.action}`, input.id, async () => {
        const out = await actOnServer(db, user, input, memory);
        // The federation-wide similar check hides drafts from other districts: it follows the status.
        similar.put(out.proposal.proposal);
        return out;
      }),
    'review.comment': (input, { user }) => auditedReview(db, user, 'review.comment', input.id, () => commentOnServer(db, user, input)),
    'review.answer': (input, { user }) => auditedReview(db, user, 'review.answer', input.id, () => answerOnServer(db, user, input)),
    'review.pull': ({ cursor, limit }, { user }) => pullReviewEvents(db, user, cursor, limit),
  };
}
