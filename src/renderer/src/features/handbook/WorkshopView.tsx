import { ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { FOCUS_AREAS } from '../../../../shared/domain/catalog';
import type { SampleSummary } from '../../../../shared/handbook/workshop';
import { api } from '../../api';
import { navigate } from '../../router';
import { errorText } from '../../util/errors';
import { ProposalEditor } from '../editor/ProposalEditor';
import { WorkshopSampleContext } from './workshopContext';
import { workshopSource } from './workshopSource';
import './handbook.css';

function Banner() {
  return (
    <div className="hb-workshop-banner" role="note">
      <ExperimentOutlined aria-hidden /> 培训模式：样例不会进入项目库，也不能导出
    </div>
  );
}

function KindTag({ s }: { s: SampleSummary }) {
  return s.kind === 'strong' ? <Tag color="green">好样例</Tag> : <Tag color="orange">练习 · {s.problemCount} 个问题</Tag>;
}

function SampleList() {
  const [items, setItems] = useState<SampleSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .call('workshop.samples', { focusArea: null })
      .then((r) => setItems(r.items))
      .catch((e) => setError(errorText(e)));
  }, []);

  if (error) return <Alert type="error" showIcon title="无法读取培训样例" description={error} />;
  if (!items) return <Spin tip="正在读取培训样例…" style={{ display: 'block', marginTop: 60 }} />;
  if (items.length === 0) return <Empty description="当前手册没有培训样例。培训老师可以在手册的 samples 文件夹中添加（见 docs/handbook.md）。" />;

  const open = (id: string) => navigate({ name: 'view', key: 'workshop', params: new URLSearchParams({ sample: id }) });
  return (
    <>
      <Typography.Paragraph type="secondary">
        每个领域有好样例（学习写法）和练习样例（埋设了问题，学员动手改，右侧实时显示改好了几个）。练习可以随时重置回原样。样例中的地名、机构和数字都是虚构的。
      </Typography.Paragraph>
      <div className="hb-samples">
        {FOCUS_AREAS.map((f) => {
          const inArea = items.filter((s) => s.focusArea === f.id);
          if (inArea.length === 0) return null;
          return (
            <Card key={f.id} size="small" title={f.label} variant="outlined">
              {inArea.map((s) => (
                <div key={s.id} className="hb-sample" data-testid={`sample-${s.id}`}>
                  <Space size={4} wrap>
                    <Tag color="purple">样例</Tag>
                    <KindTag s={s} />
                    {s.opened && <Tag>已开始</Tag>}
                  </Space>
                  <Typography.Text strong className="hb-sample-name">
                    {s.name}
                  </Typography.Text>
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ marginBottom: 4 }}>
                    {s.description}
                  </Typography.Paragraph>
                  <Button size="small" type={s.kind === 'flawed' ? 'primary' : 'default'} onClick={() => open(s.id)} aria-label={`打开「${s.name}」`}>
                    {s.kind === 'flawed' ? (s.opened ? '继续练习' : '开始练习') : '打开学习'}
                  </Button>
                </div>
              ))}
            </Card>
          );
        })}
      </div>
    </>
  );
}

function SampleEditor({ sampleId }: { sampleId: string }) {
  const { modal, message } = App.useApp();
  const [sample, setSample] = useState<SampleSummary | null>(null);
  /** Bumped by 重置练习: the editor opens the restored copy afresh. */
  const [epoch, setEpoch] = useState(0);
  const source = useMemo(() => workshopSource(setSample), []);
  const context = useMemo(() => ({ sampleId, sample }), [sampleId, sample]);

  const reset = () =>
    modal.confirm({
      title: '重置练习？',
      content: '这份样例会恢复成最初的样子，学员所做的修改将被清除。',
      okText: '重置',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.call('workshop.reset', { sampleId });
          // The old editor's pending save carries an older time than the reset, so it cannot undo it.
          setEpoch((e) => e + 1);
          message.success('已重置，样例恢复原样');
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  return (
    <WorkshopSampleContext.Provider value={context}>
      <div className="hb-sample-bar">
        <Space size={4} wrap>
          <Tag color="purple">样例</Tag>
          {sample && <KindTag s={sample} />}
          <Typography.Text>{sample?.name ?? ''}</Typography.Text>
        </Space>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void reset()}>
          {sample?.kind === 'strong' ? '恢复原样' : '重置练习'}
        </Button>
      </div>
      <ProposalEditor key={`${sampleId}-${epoch}`} id={sampleId} source={source} />
    </WorkshopSampleContext.Provider>
  );
}

/** 培训模式: samples to learn from and exercises to fix, kept apart from the real library. */
export function WorkshopView({ params }: { params: URLSearchParams }) {
  const sampleId = params.get('sample');
  return (
    <div className="hb-workshop">
      <Banner />
      {sampleId ? <SampleEditor key={sampleId} sampleId={sampleId} /> : <SampleList />}
    </div>
  );
}
