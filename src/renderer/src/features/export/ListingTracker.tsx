import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { LISTING_STATUSES, PLATFORM_IDS, platformLabel, type ListingStatusId, type PlatformId } from '../../../../shared/domain/catalog';
import type { Listing, Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { useEditorApi } from '../editor/EditorContext';
import { emptyListing, ListingForm, type ListingTarget } from './ListingForm';
import './export.css';
import { useAsyncHandler } from '../../util/asyncHandler';

const STATUS_COLORS: Record<ListingStatusId, string | undefined> = {
  preparing: undefined,
  submitted: 'blue',
  live: 'green',
  ended: 'default',
  rejected: 'red',
};
const statusLabel = (id: ListingStatusId) => LISTING_STATUSES.find((s) => s.id === id)?.label ?? id;

function ListingCard({ listing: l, onEdit, onRemove }: { listing: Listing; onEdit: () => void; onRemove: () => Promise<void> }) {
  const handle = useAsyncHandler();
  const name = `${platformLabel(l.platform)}的${l.projectNumber ? `「${l.projectNumber}」` : ''}上线记录`;
  return (
    <div className="listing-card" data-status={l.status}>
      <Space size={4} style={{ width: '100%', justifyContent: 'space-between' }}>
        <Tag color={STATUS_COLORS[l.status]}>{statusLabel(l.status)}</Tag>
        <Space size={0}>
          <Button type="text" size="small" icon={<EditOutlined aria-hidden />} aria-label={`修改${name}`} onClick={onEdit} />
          <Popconfirm title="删除这条上线记录？" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={handle(onRemove)}>
            <Button type="text" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除${name}`} />
          </Popconfirm>
        </Space>
      </Space>
      <dl className="listing-fields">
        <dt>项目编号</dt>
        <dd>{l.projectNumber || '—'}</dd>
        <dt>网址</dt>
        <dd>
          {l.url ? (
            <Typography.Link href={l.url} target="_blank" rel="noreferrer" ellipsis>
              {l.url}
            </Typography.Link>
          ) : (
            '—'
          )}
        </dd>
        <dt>上线日期</dt>
        <dd>{l.liveDate ?? '—'}</dd>
        {l.note && (
          <>
            <dt>备注</dt>
            <dd>{l.note}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

/**
 * 上线跟踪: per platform, the project number, address, go-live date and status. Writes go through
 * listing.set/remove (the autosave keeps stored listings), then the editor's copy follows.
 */
export function ListingTracker() {
  const { message } = App.useApp();
  const { draft, edit } = useEditorApi();
  const [target, setTarget] = useState<ListingTarget | null>(null);
  const listings = draft.listings.map((listing, index) => ({ listing, index }));
  // Target platforms, then any other platform a listing was recorded on, in catalogue order.
  const platforms = PLATFORM_IDS.filter((p) => draft.platforms.includes(p) || draft.listings.some((l) => l.platform === p));

  const synced = (saved: Proposal) => edit((d) => ({ ...d, listings: saved.listings }));
  const add = (platform: PlatformId) => setTarget({ id: draft.id, index: null, initial: emptyListing(platform) });
  const remove = async (index: number, platform: PlatformId) => {
    try {
      synced(await api.call('listing.remove', { id: draft.id, index, platform }));
      message.success('已删除上线记录');
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <div className="listing-tracker">
      <Space style={{ width: '100%', justifyContent: 'space-between', margin: '4px 0 8px' }}>
        <Typography.Text type="secondary">上线后登记编号和网址，项目库会标出已上线的平台。</Typography.Text>
        <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => add(draft.platforms[0] ?? PLATFORM_IDS[0])}>
          登记
        </Button>
      </Space>
      {platforms.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有目标平台和上线记录。在「目标平台」中勾选平台，或直接点「登记」。" />
      ) : (
        platforms.map((platform) => {
          const mine = listings.filter((x) => x.listing.platform === platform);
          return (
            <section key={platform} className="listing-group" aria-label={platformLabel(platform)} data-platform={platform}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <Space size={4}>
                  <Typography.Text strong>{platformLabel(platform)}</Typography.Text>
                  {!draft.platforms.includes(platform) && <Tag>非目标平台</Tag>}
                </Space>
                {mine.length > 0 && (
                  <Button type="link" size="small" onClick={() => add(platform)} aria-label={`再登记一条${platformLabel(platform)}的上线记录`}>
                    再登记一条
                  </Button>
                )}
              </Space>
              {mine.length === 0 ? (
                <Space size={4}>
                  <Typography.Text type="secondary">尚未登记</Typography.Text>
                  <Button type="link" size="small" onClick={() => add(platform)} aria-label={`登记${platformLabel(platform)}的上线信息`}>
                    登记
                  </Button>
                </Space>
              ) : (
                mine.map(({ listing, index }) => (
                  <ListingCard
                    key={index}
                    listing={listing}
                    onEdit={() => setTarget({ id: draft.id, index, initial: listing })}
                    onRemove={() => remove(index, listing.platform)}
                  />
                ))
              )}
            </section>
          );
        })
      )}
      {target && (
        <ListingForm
          target={target}
          targets={draft.platforms}
          onClose={() => setTarget(null)}
          onSaved={(saved) => {
            synced(saved);
            setTarget(null);
            message.success('已保存上线信息');
          }}
        />
      )}
    </div>
  );
}
