import { Alert, DatePicker, Form, InputNumber, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { DISCLOSURE_KIND_LABELS } from '../../../../shared/domain/disclosureLabels';
import { newDisclosure } from '../../../../shared/domain/factory';
import type { Disclosure, Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { toFen, toYuan } from '../../util/format';
import { ImeTextArea } from '../../inputs/ImeInput';
import { useAsyncHandler } from '../../util/asyncHandler';

// The id as the editor has always made it; every other field from the schema's defaults.
export const emptyDisclosure = (): Disclosure => newDisclosure({ id: `d${Date.now().toString(36)}` });

const day = (v: string | null) => (v ? dayjs(v) : null);

/** Write one disclosure record; the core checks it (budget lines, money, periods, consent) on save. */
export function DisclosureEditor({ proposal, initial, onClose, onSaved }: { proposal: Proposal; initial: Disclosure; onClose: () => void; onSaved: (p: Proposal, warnings: string[]) => void }) {
  const handle = useAsyncHandler();
  const [d, setD] = useState<Disclosure>(initial);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Disclosure>) => setD((x) => ({ ...x, ...patch }));
  const spent = (lineId: string) => d.spending.find((s) => s.budgetLineId === lineId)?.spentFen ?? null;
  const setSpent = (lineId: string, fen: number | null) =>
    set({ spending: [...d.spending.filter((s) => s.budgetLineId !== lineId), ...(fen ? [{ budgetLineId: lineId, spentFen: fen, date: d.period.end, note: '' }] : [])] });

  const save = async () => {
    try {
      const r = await api.call('disclosure.set', { id: proposal.id, disclosure: d });
      onSaved(r.proposal, r.checks.map((c) => c.message));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal open width={720} title={proposal.disclosures.some((x) => x.id === d.id) ? '修改信息披露' : '新建信息披露'} okText="保存" cancelText="取消" onOk={handle(save)} onCancel={onClose} mask={{ closable: false }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" component="div">
        <Form.Item label="类型">
          <Select value={d.kind} onChange={(kind) => set({ kind })} options={Object.entries(DISCLOSURE_KIND_LABELS).map(([value, label]) => ({ value, label }))} aria-label="披露类型" />
        </Form.Item>
        {d.kind === 'correction' && (
          <Form.Item label="更正哪一份">
            <Select
              value={d.corrects}
              onChange={(corrects) => set({ corrects })}
              options={proposal.disclosures.filter((x) => x.id !== d.id).map((x) => ({ value: x.id, label: `${x.period.start ?? '?'} 至 ${x.period.end ?? '?'}` }))}
              aria-label="所更正的披露"
            />
          </Form.Item>
        )}
        <Form.Item label="披露期间">
          <DatePicker.RangePicker
            value={[day(d.period.start), day(d.period.end)]}
            onChange={(r) => set({ period: { start: r?.[0]?.format('YYYY-MM-DD') ?? null, end: r?.[1]?.format('YYYY-MM-DD') ?? null } })}
            aria-label="披露期间"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item label="本期收到善款（元）">
          <InputNumber<number> min={0} precision={2} value={toYuan(d.receivedFen)} onChange={(v) => set({ receivedFen: toFen(v) })} style={{ width: '100%' }} aria-label="本期收到善款" />
        </Form.Item>
        {proposal.budget.lines.length > 0 && (
          <Form.Item label="本期支出（按预算科目，元）">
            {proposal.budget.lines.map((l) => (
              <div key={l.id} style={{ display: 'flex', gap: 8, marginBottom: 4, alignItems: 'center' }}>
                <span style={{ flex: 1 }}>{l.item || l.id}</span>
                <InputNumber<number> min={0} precision={2} value={toYuan(spent(l.id))} onChange={(v) => setSpent(l.id, toFen(v))} aria-label={`${l.item || l.id}本期支出`} style={{ width: 160 }} />
              </div>
            ))}
          </Form.Item>
        )}
        <Form.Item label="受益人数（人次）">
          <InputNumber<number> min={0} precision={0} value={d.beneficiariesReached} onChange={(v) => set({ beneficiariesReached: v })} style={{ width: '100%' }} aria-label="受益人数" />
        </Form.Item>
        <Form.Item label="执行进展">
          <ImeTextArea value={d.activities} onCommit={(activities) => set({ activities })} autoSize={{ minRows: 3, maxRows: 8 }} aria-label="执行进展" />
        </Form.Item>
        {proposal.images.length > 0 && (
          <Form.Item label="图片（需已取得肖像授权）">
            <Select mode="multiple" value={d.imageIds} onChange={(imageIds) => set({ imageIds })} options={proposal.images.map((i) => ({ value: i.id, label: i.caption || i.fileName }))} aria-label="披露图片" />
          </Form.Item>
        )}
        <Form.Item label="问题与改进">
          <ImeTextArea value={d.problems} onCommit={(problems) => set({ problems })} autoSize={{ minRows: 2, maxRows: 5 }} aria-label="问题与改进" />
        </Form.Item>
        {d.kind === 'final' && (
          <>
            <Form.Item label="剩余资金（元）">
              <InputNumber<number> min={0} precision={2} value={toYuan(d.leftoverFen)} onChange={(v) => set({ leftoverFen: toFen(v) })} style={{ width: '100%' }} aria-label="剩余资金" />
            </Form.Item>
            <Form.Item label="剩余财产处理">
              <ImeTextArea value={d.leftoverPlan} onCommit={(leftoverPlan) => set({ leftoverPlan })} autoSize={{ minRows: 2, maxRows: 4 }} aria-label="剩余财产处理" />
            </Form.Item>
            <Form.Item label="项目成效">
              <ImeTextArea value={d.outcomes} onCommit={(outcomes) => set({ outcomes })} autoSize={{ minRows: 2, maxRows: 6 }} aria-label="项目成效" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
