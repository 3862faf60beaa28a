import { BulbOutlined, CheckCircleFilled, CloseCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Spin, Switch, Tag, Typography } from 'antd';
import { memo, useCallback, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import type { Proposal } from '../../../../shared/domain/proposal';
import type { ExerciseProblem, ExerciseStatus, SampleSummary } from '../../../../shared/handbook/workshop';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { useLiveCall } from '../../util/liveCall';
import { useEditorApi } from '../editor/EditorContext';
import { Bullets } from './GuidePage';
import { TrainerPinPrompt } from './TrainerPin';
import { useWorkshopSample } from './workshopContext';
import './handbook.css';

type Solution = MethodOutput<'workshop.solution'>;

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** The reference fix of one planted problem, for the trainer. */
function SolutionView({ sampleId, problemId, pin }: { sampleId: string; problemId: string; pin: string }) {
  const [state, setState] = useState<{ data?: Solution; error?: string; busy?: boolean }>({});
  if (!state.data && !state.error) {
    return (
      <Button
        size="small"
        loading={state.busy}
        onClick={() => {
          setState({ busy: true });
          api.call('workshop.solution', { sampleId, problemId, pin }).then(
            (data) => setState({ data }),
            (e) => setState({ error: errorText(e) }),
          );
        }}
      >
        参考改法
      </Button>
    );
  }
  if (state.error) return <Alert type="error" showIcon title={state.error} />;
  return (
    <div className="hb-solution" aria-label="参考改法">
      <Typography.Text strong>参考改法</Typography.Text>
      {state.data!.changes.map((c, i) => (
        <div key={i}>
          <Typography.Text type="secondary">{c.path.replace(/^proposal\./, '')}：</Typography.Text>
          <pre className="hb-solution-value">{show(c.value)}</pre>
        </div>
      ))}
    </div>
  );
}

function Problem({ p, sampleId, trainer, onJump }: { p: ExerciseProblem; sampleId: string; trainer: string | null; onJump: () => void }) {
  return (
    <li className={p.fixed ? 'hb-problem fixed' : 'hb-problem'} data-testid={`problem-${p.id}`} data-fixed={p.fixed}>
      <div className="hb-problem-head">
        {p.fixed ? <CheckCircleFilled aria-hidden style={{ color: '#52c41a' }} /> : <CloseCircleOutlined aria-hidden style={{ color: '#cf1322' }} />}
        <Typography.Text strong>{p.title}</Typography.Text>
        <Tag color={p.fixed ? 'success' : 'error'}>{p.fixed ? '已改好' : '待修改'}</Tag>
      </div>
      <div className="hb-problem-where">
        <Tag>{p.stepTitle}</Tag>
        <Button type="link" size="small" className="hb-inline-link" icon={<EnvironmentOutlined aria-hidden />} onClick={onJump}>
          {p.whereLabel}
        </Button>
      </div>
      <Typography.Paragraph style={{ margin: '4px 0' }}>{p.detail}</Typography.Paragraph>
      <details>
        <summary>
          <BulbOutlined aria-hidden /> 提示：怎么改
        </summary>
        <p style={{ margin: '4px 0' }}>{p.hint}</p>
      </details>
      <Bullets items={p.checks.map((c) => `${c.state === 'pass' ? '✓' : '✗'} ${c.label}：${c.note}`)} className="hb-problem-checks" />
      {trainer !== null && <SolutionView sampleId={sampleId} problemId={p.id} pin={trainer} />}
    </li>
  );
}

/** 练习: the planted problems of the open sample, fixed or not, as the trainee edits. */
export function ExercisePanel() {
  const { sampleId, sample } = useWorkshopSample();
  const { draft, jumpTo } = useEditorApi();
  // The trainer's PIN once entered (null: trainee view, no reference fixes).
  const [trainer, setTrainer] = useState<string | null>(null);
  const call = useCallback((proposal: Proposal) => api.call('workshop.status', { sampleId, proposal }), [sampleId]);
  const { data: status, error } = useLiveCall(draft, call, 400);

  if (!status) {
    return error ? <Alert type="error" showIcon title="无法检查练习" description={error} /> : <Spin tip="正在检查练习…"><div style={{ height: 80 }} /></Spin>;
  }
  return <ExerciseView status={status} error={error} sample={sample} sampleId={sampleId} trainer={trainer} setTrainer={setTrainer} jumpTo={jumpTo} />;
}

interface ExerciseViewProps {
  status: ExerciseStatus;
  error: string | null;
  sample: SampleSummary | null;
  sampleId: string;
  trainer: string | null;
  setTrainer: (pin: string | null) => void;
  jumpTo: (field: string) => void;
}

/** Re-rendered when a new status arrives, not on every keystroke. */
const ExerciseView = memo(function ExerciseView({ status, error, sample, sampleId, trainer, setTrainer, jumpTo }: ExerciseViewProps) {
  const a = status.assessment;
  const [asking, setAsking] = useState(false);
  return (
    <div className="hb-exercise" data-testid="exercise-panel">
      <Typography.Paragraph strong style={{ marginTop: 8 }} data-testid="exercise-summary">
        {status.summary}
      </Typography.Paragraph>
      {status.kind === 'flawed' && (
        <Progress percent={Math.round((status.fixed / status.total) * 100)} format={() => `${status.fixed}/${status.total}`} aria-label={`已改好 ${status.fixed}/${status.total} 个问题`} />
      )}
      <Typography.Paragraph type="secondary">
        得分 <span data-testid="exercise-score">{a.score}</span>/{a.max}（{a.grade}），{a.completeSteps}/{a.steps.length} 步已完成。
      </Typography.Paragraph>
      {error && <Alert type="warning" showIcon title={`未能更新：${error}`} style={{ marginBottom: 8 }} />}
      {status.kind === 'strong' ? (
        sample && sample.lessons.length > 0 && (
          <>
            <Typography.Title level={5} className="hb-block-title">
              这份样例好在哪里
            </Typography.Title>
            <Bullets items={sample.lessons} />
          </>
        )
      ) : (
        <>
          <label className="hb-trainer-switch">
            <Switch size="small" checked={trainer !== null} onChange={(on) => (on ? setAsking(true) : setTrainer(null))} aria-label="显示参考改法（培训老师用）" /> 显示参考改法（培训老师用）
          </label>
          {asking && (
            <TrainerPinPrompt
              onCancel={() => setAsking(false)}
              onUnlock={(pin) => {
                setAsking(false);
                setTrainer(pin);
              }}
            />
          )}
          <ol className="hb-problems">
            {status.problems.map((p) => (
              <Problem key={p.id} p={p} sampleId={sampleId} trainer={trainer} onJump={() => jumpTo(p.where)} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
});
