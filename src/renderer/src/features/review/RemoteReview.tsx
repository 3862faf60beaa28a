import { Card } from 'antd';
import { ReviewBar } from './ReviewNotice';
import { ReviewDetails } from './ReviewPanel';
import { useReviewState } from './useReviewState';

/**
 * Review of another district's proposal on a reviewer's desk that syncs: the proposal is kept
 * read-only here, so the decisions and comments made from this page are made by the federation
 * server under the reviewer's account, and reach the district on its next sync.
 */
export function RemoteReview({ id }: { id: string }) {
  const { state } = useReviewState(id);
  // A district's desk sees other districts' submissions only to avoid duplicates: it takes no part in their review.
  if (state?.actor.role !== 'reviewer') return null;
  return (
    <>
      <ReviewBar id={id} />
      <Card size="small" title="审核" style={{ marginBottom: 16 }}>
        <ReviewDetails id={id} />
      </Card>
    </>
  );
}
