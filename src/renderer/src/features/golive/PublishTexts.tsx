import { Alert, App, Button, Input, Modal, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import type { Proposal, PublicationTarget } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { useAsyncHandler } from '../../util/asyncHandler';

type Texts = MethodOutput<'disclosure.texts'>;

/** Each platform's progress update from one record, to copy into the platform, then mark 已发布. */
export function PublishTexts({ proposal, disclosureId, onClose, onSaved }: { proposal: Proposal; disclosureId: string; onClose: () => void; onSaved: (p: Proposal) => void }) {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const [texts, setTexts] = useState<Texts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [urls, setUrls] = useState<Record<string, string>>({});

  useEffect(() => {
    api
      .call('disclosure.texts', { id: proposal.id, disclosureId })
      .then(setTexts)
      .catch((e: unknown) => setError(errorText(e)));
  }, [proposal, disclosureId]);

  const publish = async (target: string) => {
    try {
      const saved = await api.call('disclosure.publish', { id: proposal.id, disclosureId, mark: { target: target as PublicationTarget, date: dayjs().format('YYYY-MM-DD'), url: urls[target] ?? '' } });
      message.success('已标记为已发布');
      onSaved(saved);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Modal open width={760} title="各平台的进展更新" footer={<Button onClick={onClose}>关闭</Button>} onCancel={onClose}>
      {error && <Alert type="error" showIcon title={error} />}
      {texts?.checks.map((c) => (
        <Alert key={c.message} type={c.level === 'error' ? 'error' : 'warning'} showIcon title={c.message} style={{ marginBottom: 8 }} />
      ))}
      {texts?.items.map((t) => (
        <section key={t.target} aria-label={`${t.label}进展文本`} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Text strong>{t.label}</Typography.Text>
            {t.published ? <Tag color="green">已发布 {t.published.date}</Tag> : <Tag>未发布</Tag>}
          </Space>
          {t.problems.map((p) => (
            <Alert key={p} type="error" showIcon title={p} style={{ margin: '4px 0' }} />
          ))}
          <Typography.Paragraph copyable={{ text: t.text }} style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8, margin: '4px 0' }}>
            {t.text}
          </Typography.Paragraph>
          <Space.Compact style={{ width: '100%' }}>
            <Input placeholder="发布后的网址（可选）" value={urls[t.target] ?? t.published?.url ?? ''} onChange={(e) => setUrls({ ...urls, [t.target]: e.target.value })} aria-label={`${t.label}发布网址`} />
            <Button type="primary" onClick={handle(() => publish(t.target))} aria-label={`标记${t.label}已发布`}>
              标记已发布
            </Button>
          </Space.Compact>
        </section>
      ))}
    </Modal>
  );
}
