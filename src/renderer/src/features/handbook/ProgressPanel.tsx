import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Collapse, Progress, Spin, Tag, Typography } from 'antd';
import { memo, useCallback, useState, type ReactNode } from 'react';
import type { Proposal } from '../../../../shared/domain/proposal';
import { STEP_STATUS_LABELS, type StepAssessment, type StepStatus } from '../../../../shared/handbook/assessment';
import type { StepId } from '../../../../shared/handbook/steps';
import { useLiveCall } from '../../util/liveCall';
import { useEditorApi } from '../editor/EditorContext';
import { assessDraft, type DraftAssessment } from './assessDraft';
import { Bullets } from './GuidePage';
import { stepField } from './stepFields';
import './handbook.css';

const STATUS_ICON: Record<StepStatus, ReactNode> = {
  complete: <CheckCircleFilled aria-hidden style={{ color: '#52c41a' }} />,
  incomplete: <ClockCircleOutlined aria-hidden style={{ color: '#8c8c8c' }} />,
  problem: <CloseCircleFilled aria-hidden style={{ color: '#cf1322' }} />,
};
const STATUS_COLOR: Record<StepStatus, string> = { complete: 'success', incomplete: 'default', problem: 'error' };
const GRADE_COLOR: Record<string, string> = { 优秀: '#52c41a', 良好: '#1677ff', 待完善: '#fa8c16', 起步: '#8c8c8c' };

const SHOWN_REASONS = 5;

function StepDetail({ step, onJump }: { step: StepAssessment; onJump: () => void }) {
  const [all, setAll] = useState(false);
  const penalty = step.findings.reduce((n, f) => n + f.penalty, 0);
  const reasons = all ? step.reasons : step.reasons.slice(0, SHOWN_REASONS);
  return (
    <div>
      {step.reasons.length > 0 && (
        <>
          <Typography.Text strong>{step.status === 'problem' ? '有问题' : '还需要'}</Typography.Text>
          <Bullets items={reasons} className={step.status === 'problem' ? 'hb-mistakes' : undefined} />
          {reasons.length < step.reasons.length && (
            <div>
              <Button type="link" size="small" className="hb-inline-link" onClick={() => setAll(true)}>
                另有 {step.reasons.length - reasons.length} 条，全部显示
              </Button>
            </div>
          )}
        </>
      )}
      {step.earnedFor.length > 0 && (
        <>
          <Typography.Text strong>已得分</Typography.Text>
          <Bullets items={step.earnedFor} />
        </>
      )}
      {penalty > 0 && <Typography.Paragraph type="secondary">规则检查的错误和警告扣去 {penalty} 分（见上）。</Typography.Paragraph>}
      <Button size="small" icon={<EnvironmentOutlined aria-hidden />} onClick={onJump} style={{ marginTop: 4 }}>
        去填写「{step.title}」
      </Button>
    </div>
  );
}

/** 进度与评分: the ten steps in order with their status, and the quality score explained step by step. */
export function ProgressPanel() {
  const { draft, jumpTo, source } = useEditorApi();
  const withRules = source.kind === 'library';
  const call = useCallback((p: Proposal) => assessDraft(p, withRules), [withRules]);
  const { data, error, loading } = useLiveCall(draft, call, 500);
  const jump = useCallback((step: StepId) => jumpTo(stepField(step)), [jumpTo]);

  if (!data) {
    return error ? <Alert type="error" showIcon title="无法计算进度与评分" description={error} /> : <Spin tip="正在计算进度与评分…"><div style={{ height: 80 }} /></Spin>;
  }
  return <ProgressView data={data} error={error} loading={loading} jump={jump} />;
}

/** Re-rendered when a new assessment arrives, not on every keystroke. */
const ProgressView = memo(function ProgressView({ data, error, loading, jump }: { data: DraftAssessment; error: string | null; loading: boolean; jump: (step: StepId) => void }) {
  const a = data.assessment;
  return (
    <div className="hb-progress" data-testid="progress-panel" aria-busy={loading}>
      <div className="hb-score">
        <Progress type="circle" size={64} percent={Math.round((a.score / a.max) * 100)} strokeColor={GRADE_COLOR[a.grade]} format={() => a.grade} aria-hidden />
        <div>
          <div>
            <span className="hb-score-number" data-testid="quality-score">
              {a.score}
            </span>
            <span className="hb-score-max"> / {a.max} 分 · 质量评分</span>
          </div>
          <Typography.Text type="secondary">
            {a.completeSteps}/{a.steps.length} 步已完成
          </Typography.Text>
        </div>
      </div>
      <Typography.Paragraph className="hb-headline" data-testid="score-headline">
        {a.headline}
      </Typography.Paragraph>
      {error && <Alert type="warning" showIcon title={`未能更新：${error}`} style={{ marginBottom: 8 }} />}
      {a.next.length > 0 && (
        <section aria-label="下一步最值得改">
          <Typography.Title level={5} className="hb-block-title">
            下一步最值得改
          </Typography.Title>
          <ol className="hb-list hb-next">
            {a.next.map((n) => (
              <li key={n.checkId}>
                <Button type="link" size="small" className="hb-inline-link" onClick={() => jump(n.step)}>
                  {n.stepTitle}
                </Button>
                ：{n.advice}
                <Typography.Text type="success">（可得 {n.gain} 分）</Typography.Text>
              </li>
            ))}
          </ol>
        </section>
      )}
      <Typography.Title level={5} className="hb-block-title" style={{ marginTop: 12 }}>
        十个步骤
      </Typography.Title>
      <Collapse
        size="small"
        className="hb-steps"
        items={a.steps.map((s) => ({
          key: s.id,
          label: (
            <span className="hb-step-row" data-testid={`step-${s.id}`} data-status={s.status}>
              {STATUS_ICON[s.status]}
              <span className="hb-step-title">
                {s.order}. {s.title}
              </span>
              <Tag color={STATUS_COLOR[s.status]}>{STEP_STATUS_LABELS[s.status]}</Tag>
              <span className="hb-step-points">
                {s.earned}/{s.max}
              </span>
            </span>
          ),
          extra: (
            <Button
              type="text"
              size="small"
              aria-label={`转到「${s.title}」`}
              icon={<EnvironmentOutlined aria-hidden />}
              onClick={(e) => {
                e.stopPropagation();
                jump(s.id);
              }}
            />
          ),
          children: <StepDetail step={s} onJump={() => jump(s.id)} />,
        }))}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {data.rulesNote ?? (a.usedFindings ? '已计入规则检查：规则错误和警告在所属步骤上扣分（见各步明细）。' : '')} 评分依据手册 {a.handbookVersion} 版。
      </Typography.Paragraph>
    </div>
  );
});
