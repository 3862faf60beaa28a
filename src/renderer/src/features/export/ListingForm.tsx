import { Alert, DatePicker, Form, InputNumber, Modal, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../../../shared/api/client';
import { LISTING_STATUSES, PLATFORMS, type ListingStatusId, type PlatformId } from '../../../../shared/domain/catalog';
import type { Listing, Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { ImeInput, ImeTextArea } from '../../inputs/ImeInput';
import { useAsyncHandler } from '../../util/asyncHandler';
import { useBusyAction } from '../../util/busyAction';

export interface ListingTarget {
  id: string;
  /** null: a new listing. */
  index: number | null;
  initial: Listing;
}

export const emptyListing = (platform: PlatformId): Listing => ({ platform, projectNumber: '', url: '', liveDate: null, status: 'preparing', note: '', raisedFen: null, donationCount: null });

/** The API's own checks (网址、日期、编号重复 …) are shown as it words them, each on its own line. */
function Problem({ error }: { error: unknown }) {
  const details = error instanceof ApiError ? error.details : [];
  const title = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}

/** Record or change one listing; the stored proposal comes back through onSaved. */
export function ListingForm({ target, targets, onClose, onSaved }: { target: ListingTarget; targets: PlatformId[]; onClose: () => void; onSaved: (p: Proposal) => void }) {
  const handle = useAsyncHandler();
  const [value, setValue] = useState<Listing>(target.initial);
  const [error, setError] = useState<unknown>(null);
  // The server's reasons are shown in the form's own Alert, next to the fields.
  const [saving, runSave] = useBusyAction({ onError: setError });
  const set = (patch: Partial<Listing>) => setValue((v) => ({ ...v, ...patch }));
  const platformOptions = [...PLATFORMS.filter((p) => targets.includes(p.id)), ...PLATFORMS.filter((p) => !targets.includes(p.id))].map((p) => ({
    value: p.id,
    label: targets.includes(p.id) ? p.label : `${p.label}（非目标平台）`,
  }));

  const save = () => {
    setError(null);
    return runSave(async () => {
      onSaved(await api.call('listing.set', { id: target.id, index: target.index, listing: value }));
    });
  };

  return (
    <Modal
      open
      title={target.index === null ? '登记上线信息' : '修改上线信息'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={handle(save)}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error !== null && <Problem error={error} />}
      <Form layout="vertical" component="div">
        <Form.Item label="平台" required>
          <Select<PlatformId> value={value.platform} options={platformOptions} onChange={(platform) => set({ platform })} aria-label="平台" />
        </Form.Item>
        <Form.Item label="状态">
          <Select<ListingStatusId>
            value={value.status}
            options={LISTING_STATUSES.map((s) => ({ value: s.id, label: s.label }))}
            // Going live usually happens the day it is recorded; the date can still be changed.
            onChange={(status) => set(status === 'live' && !value.liveDate ? { status, liveDate: dayjs().format('YYYY-MM-DD') } : { status })}
            aria-label="上线状态"
          />
        </Form.Item>
        <Form.Item label="平台项目编号">
          <ImeInput value={value.projectNumber} onCommit={(projectNumber) => set({ projectNumber })} placeholder="平台给出的项目编号或 ID" aria-label="平台项目编号" />
        </Form.Item>
        <Form.Item label="项目网址">
          <ImeInput value={value.url} onCommit={(url) => set({ url })} placeholder="https://…" aria-label="项目网址" />
        </Form.Item>
        <Form.Item label="上线日期">
          <DatePicker value={value.liveDate ? dayjs(value.liveDate) : null} onChange={(d) => set({ liveDate: d ? d.format('YYYY-MM-DD') : null })} aria-label="上线日期" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="已筹款（元）与捐款笔数" extra="可手工填写；导入平台后台的捐款明细后按明细重新计算。">
          <Space.Compact style={{ width: '100%' }}>
            <InputNumber<number>
              value={value.raisedFen === null ? null : value.raisedFen / 100}
              min={0}
              precision={2}
              onChange={(yuan) => set({ raisedFen: yuan === null ? null : Math.round(yuan * 100) })}
              placeholder="已筹金额"
              aria-label="已筹金额（元）"
              style={{ width: '60%' }}
            />
            <InputNumber<number>
              value={value.donationCount}
              min={0}
              precision={0}
              onChange={(n) => set({ donationCount: n })}
              placeholder="捐款笔数"
              aria-label="捐款笔数"
              style={{ width: '40%' }}
            />
          </Space.Compact>
        </Form.Item>
        <Form.Item label="备注" style={{ marginBottom: 0 }}>
          <ImeTextArea value={value.note} onCommit={(note) => set({ note })} autoSize={{ minRows: 2, maxRows: 5 }} placeholder="如：审核意见、筹款进度" aria-label="备注" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
