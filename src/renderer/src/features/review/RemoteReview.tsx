import { HistoryOutlined } from '@ant-design/icons';
import { Button, Card, Drawer } from 'antd';
import { useState } from 'react';
import { ReviewBar } from './ReviewNotice';
import { ReviewDetails } from './ReviewPanel';
import { SubmitRevisions } from './SubmitRevisions';
import { useReviewState } from './useReviewState';

/**
 * Review of another district's proposal on a reviewer's desk that syncs: the proposal is kept
 * read-only here, so the decisions and comments made from this page are made by the federation
 * server under the reviewer's account, and reach the district on its next sync. 历史版本 holds the
 * submitted revisions as in the editor, so a resubmit is compared before it is decided on.
 */
export function RemoteReview({ id }: { id: string }) {
  const { state } = useReviewState(id);
  const [history, setHistory] = useState(false);
  // A district's desk sees other districts' submissions only to avoid duplicates: it takes no part in their review.
  if (state?.actor.role !== 'reviewer') return null;
  return (
    <>
      <ReviewBar id={id} />
      <Card
        size="small"
        title="审核"
        style={{ marginBottom: 16 }}
        extra={
          <Button size="small" icon={<HistoryOutlined aria-hidden />} onClick={() => setHistory(true)}>
            历史版本
          </Button>
        }
      >
        <ReviewDetails id={id} />
      </Card>
      <Drawer title="历史版本" open={history} onClose={() => setHistory(false)} size={640} destroyOnHidden>
        <SubmitRevisions id={id} />
      </Drawer>
    </>
  );
}
