import { Alert, Empty, Spin, Tag, Typography } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Guide } from '../../../../shared/api/methods/handbook';
import type { FocusAreaId } from '../../../../shared/domain/catalog';
import { api } from '../../api';
import { useLiveCall } from '../../util/liveCall';
import { useDebounced } from '../../util/useDebounced';
import { useEditorApi } from '../editor/EditorContext';
import { Block, Bullets, GuidePageView } from './GuidePage';
import { guideTarget, type GuideTarget } from './stepFields';
import './handbook.css';

type GuideQuery = GuideTarget & { templateId: string | null; focusArea: FocusAreaId | null };


/** 写作指南: the handbook page for the part of the proposal being edited, with the template's advice. */
export function GuidePanel() {
  const { draft, focusedField } = useEditorApi();
  // Focus hops while the user clicks around; the guide follows once it settles.
  const field = useDebounced(focusedField, 250);
  const [target, setTarget] = useState<GuideTarget>({ sectionId: 'background', stepId: null });
  const next = guideTarget(field);
  // A field outside the ten steps keeps the page that is showing.
  if (next && (next.sectionId !== target.sectionId || next.stepId !== target.stepId)) setTarget(next);

  const templateId = draft.template?.id ?? null;
  const focusArea = draft.focusArea;
  const query = useMemo<GuideQuery>(() => ({ ...target, templateId, focusArea }), [target, templateId, focusArea]);
  // Pages already fetched while this proposal is open: moving between fields costs nothing. Kept
  // per editor, so a proposal opened after a handbook import reads the new pages.
  const [pages] = useState(() => new Map<string, Promise<Guide>>());
  const fetchGuide = useCallback(
    (q: GuideQuery) => {
      const key = JSON.stringify(q);
      let p = pages.get(key);
      if (!p) {
        p = api.call('handbook.guide', q);
        p.catch(() => pages.delete(key));
        pages.set(key, p);
      }
      return p;
    },
    [pages],
  );
  const { data: guide, error } = useLiveCall(query, fetchGuide, 0);
  if (!guide) {
    return error ? <Alert type="error" showIcon title="无法读取写作指南" description={error} /> : <Spin tip="正在读取写作指南…"><div style={{ height: 80 }} /></Spin>;
  }
  return <GuideView guide={guide} following={field !== null} error={error} />;
}

/** The page itself; kept apart so typing in the editor (a new draft each time) does not re-render it. */
const GuideView = memo(function GuideView({ guide, following, error }: { guide: Guide; following: boolean; error: string | null }) {
  const root = useRef<HTMLDivElement>(null);
  const shown = `${guide.step.id}/${guide.section?.id ?? ''}`;
  // A new page starts at its top, wherever the previous one was scrolled to (unless another tab is showing).
  useEffect(() => {
    const el = root.current;
    if (el && el.offsetParent !== null) el.closest('.editor-panel')?.scrollTo({ top: 0 });
  }, [shown]);
  const area = guide.area;
  return (
    <div className="hb-guide" data-testid="guide-panel" ref={root}>
      <Typography.Paragraph type="secondary" className="hb-follow">
        {following ? '跟随你正在编辑的部分。' : '点到左侧任一栏目，这里就显示它的写作指导。'}
      </Typography.Paragraph>
      <div className="hb-guide-head">
        <Tag color="red">
          第 {guide.step.order} 步
        </Tag>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="guide-title">
          {guide.step.title}
          {guide.section && guide.section.label !== guide.step.title ? ` · ${guide.section.label}` : ''}
        </Typography.Title>
      </div>
      <Typography.Paragraph className="hb-summary">{guide.step.summary}</Typography.Paragraph>
      {error && <Alert type="warning" showIcon title={`指南未能更新：${error}`} style={{ marginBottom: 8 }} />}
      <GuidePageView page={guide.page} />
      {area ? (
        <section className="hb-area" aria-label={`模板「${area.templateName}」的提示`}>
          <Typography.Title level={5} className="hb-block-title">
            模板「{area.templateName}」的提示
          </Typography.Title>
          {area.prompts.length > 0 && (
            <Block title="这一栏要写清楚">
              <Bullets items={area.prompts} ordered />
            </Block>
          )}
          {area.guidance.length > 0 && (
            <Block title="这类项目的要点">
              <Bullets items={area.guidance} />
            </Block>
          )}
          {area.pitfalls.length > 0 && (
            <Block title="这类项目的常见坑">
              <Bullets items={area.pitfalls} className="hb-mistakes" />
            </Block>
          )}
          {area.examples.length > 0 && (
            <Block title="典型条目（参考，不是你的项目的事实）">
              <Bullets items={area.examples} />
            </Block>
          )}
        </section>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="选择项目领域后，这里会加上该领域模板的提示。" />
      )}
    </div>
  );
});
