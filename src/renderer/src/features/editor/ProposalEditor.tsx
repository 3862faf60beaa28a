import { ArrowLeftOutlined, ExportOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, Anchor, App, Button, Card, ConfigProvider, Result, Space, Spin, Tabs, Typography } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { SECTIONS, type SectionId } from '../../../../shared/domain/catalog';
import { nowIso } from '../../../../shared/domain/factory';
import type { Proposal } from '../../../../shared/domain/proposal';
import { docToText, type LexicalDoc } from '../../../../shared/domain/richText';
import { RichTextEditor, type RichTextEditorProps } from '../../inputs/RichTextEditor';
import { useSlots } from '../../slots';
import { errorText } from '../../util/errors';
import { exportBundle } from '../exchange/exportBundle';
import { usePen } from '../review/useReviewState';
import { BasicInfoPart } from './BasicInfoPart';
import { BeneficiariesPart } from './BeneficiariesPart';
import { BudgetPart } from './BudgetPart';
import { EditorContext, type EditorApi } from './EditorContext';
import { fieldOf, FieldLabel } from './Field';
import { DisclosureCadencePart } from './DisclosureCadencePart';
import { FundingPart } from './FundingPart';
import { ImagesPart } from './ImagesPart';
import { MilestonesPart } from './MilestonesPart';
import { PlatformsPart } from './PlatformsPart';
import { LIBRARY_SOURCE, type ProposalSource } from './ProposalSource';
import { RevisionsDrawer } from './RevisionsDrawer';
import { RolesPart } from './RolesPart';
import { SaveIndicator } from './SaveIndicator';
import type { Edit } from './types';
import { useAutosave } from './useAutosave';
import { useJumpTo } from './useJumpTo';
import { useSettled } from './useSettled';
import { useAsyncHandler } from '../../util/asyncHandler';

const PLACEHOLDERS: Record<SectionId, string> = {
  background: '受益人面临什么困难？有多少人？用数据和具体情况说明需求……',
  goals: '项目结束时，要达成哪些可衡量的结果？',
  plan: '分阶段说明怎么做，谁来做，何时完成……',
  capacity: '执行团队、过往经验、合作资源……',
  risks: '可能遇到的风险，以及应对办法……',
  disclosure: '多久向捐赠人反馈一次进展？通过什么方式公开财务和执行情况？',
  aboutUs: '发起机构和执行机构的简介……',
};

/** A card of the form. `field` names it for jumps and focus when the whole card is one field. */
function Part({ id, title, field, children }: { id: string; title: ReactNode; field?: string; children: ReactNode }) {
  return (
    <Card id={id} className="section-card" title={title} style={{ marginBottom: 16 }} data-field={field}>
      {children}
    </Card>
  );
}

const NAV = [
  { key: 'basic', href: '#basic', title: '基本信息' },
  { key: 'roles', href: '#roles', title: '角色与备案' },
  { key: 'funding', href: '#funding', title: '筹款与周期' },
  { key: 'beneficiaries', href: '#beneficiaries', title: '受益人' },
  ...SECTIONS.map((s) => ({ key: s.id, href: `#sec-${s.id}`, title: s.label })),
  { key: 'milestones', href: '#milestones', title: '执行计划节点' },
  { key: 'budget', href: '#budget', title: '预算' },
  { key: 'images', href: '#images', title: '图片与授权' },
  { key: 'platforms', href: '#platforms', title: '目标平台' },
];

/** The field a part of the form stands for: the card's own, or the first field inside it. */
function partField(el: Element | null): string | null {
  return el?.getAttribute('data-field') ?? el?.querySelector('[data-field]')?.getAttribute('data-field') ?? null;
}

/**
 * The table of contents beside the form; it never changes, so it never re-renders. A click also
 * tells the side panel where the user went, as focusing a field would: the guide follows it.
 */
const EditorNav = memo(function EditorNav({ onPick }: { onPick: (field: string) => void }) {
  return (
    <nav className="editor-nav" aria-label="方案目录">
      <Anchor
        items={NAV}
        offsetTop={64}
        onClick={(e, link) => {
          // Hash links here address sections, not routes.
          e.preventDefault();
          const part = document.querySelector(link.href);
          part?.scrollIntoView({ behavior: 'smooth' });
          const field = partField(part);
          if (field) onPick(field);
        }}
      />
    </nav>
  );
});

interface SectionPartProps {
  section: (typeof SECTIONS)[number];
  epoch: number;
  /** Read when the editor mounts (and remounts with a new epoch), not on every change. */
  initialDoc: LexicalDoc | null;
  onChange: (doc: LexicalDoc) => void;
  onEditor: (editor: Parameters<RichTextEditorProps['onEditor'] & object>[0]) => void;
  editable: boolean;
}

/** A rich-text section. Its Lexical editor owns its text, so typing re-renders nothing around it. */
const SectionPart = memo(
  function SectionPart({ section: s, epoch, initialDoc, onChange, onEditor, editable }: SectionPartProps) {
    const field = `sections.${s.id}`;
    const { sectionPlugins } = useSlots();
    return (
      <Part id={`sec-${s.id}`} title={<FieldLabel field={field}>{s.label}</FieldLabel>} field={field}>
        <RichTextEditor key={`${s.id}-${epoch}`} name={s.id} label={s.label} placeholder={PLACEHOLDERS[s.id]} initialDoc={initialDoc} onChange={onChange} onEditor={onEditor} editable={editable}>
          {sectionPlugins.map((Plugin, i) => (
            <Plugin key={i} field={field} />
          ))}
        </RichTextEditor>
      </Part>
    );
  },
  (a, b) => a.section === b.section && a.epoch === b.epoch && a.onChange === b.onChange && a.onEditor === b.onEditor && a.editable === b.editable,
);

/** `source` says where the proposal lives: the library by default, the workshop for 培训模式 samples. */
export function ProposalEditor({ id, source = LIBRARY_SOURCE }: { id: string; source?: ProposalSource }) {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Proposal | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  /** Bumped when the draft is replaced from outside, to remount the (uncontrolled) rich-text editors. */
  const [epoch, setEpoch] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [focusedField, setFocusedField] = useState<string | null>(null);
  const { jumpTo, registerSectionEditor } = useJumpTo();

  useEffect(() => {
    source
      .load(id)
      .then(setDraft)
      .catch((e) => setLoadError(errorText(e)));
  }, [id, source]);

  const edit: Edit = useCallback((recipe) => {
    // The edit's time travels with it, so a late save can never overwrite a newer one.
    setDraft((d) => (d ? { ...recipe(d), updatedAt: nowIso() } : d));
    setVersion((v) => v + 1);
  }, []);

  const save = useCallback((p: Proposal) => source.save(p), [source]);
  const onStale = useCallback((newer: Proposal) => {
    setDraft(newer);
    setEpoch((e) => e + 1);
    setNotice('此项目在别处有更新的修改，已载入最新内容。');
  }, []);
  const { state, flush } = useAutosave(draft, version, save, onStale);

  const setSection = useCallback(
    (sid: SectionId, doc: LexicalDoc) => edit((d) => ({ ...d, sections: { ...d.sections, [sid]: { doc, text: docToText(doc) } } })),
    [edit],
  );
  const sectionHandlers = useMemo(
    () =>
      Object.fromEntries(
        SECTIONS.map((s) => [
          s.id,
          {
            change: (doc: LexicalDoc) => setSection(s.id, doc),
            editor: (e: Parameters<typeof registerSectionEditor>[1]) => registerSectionEditor(`sections.${s.id}`, e),
          },
        ]),
      ) as Record<SectionId, { change: (doc: LexicalDoc) => void; editor: (e: Parameters<typeof registerSectionEditor>[1]) => void }>,
    [setSection, registerSectionEditor],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && !e.isComposing) {
        e.preventDefault();
        void flush();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flush]);

  const inLibrary = source.kind === 'library';
  const { editorPanels, editorActions, editorNotices } = useSlots();
  // The review path decides who holds the pen: while the district does not, every field is read-only.
  const pen = usePen(id, inLibrary);
  const locked = pen.locked;
  const panels = useMemo(() => [...(source.panels ?? []), ...editorPanels.filter((p) => inLibrary || p.workshop)], [source, inLibrary, editorPanels]);

  // What reacts to the draft (panels, counters, notices) sees it once typing pauses; actions that
  // must use the very latest text (saving before an export) ask latestDraft().
  const settled = useSettled(draft);
  const latest = useRef(draft);
  useEffect(() => {
    latest.current = draft;
  }, [draft]);
  const latestDraft = useCallback(() => latest.current!, []);
  const editorApi: EditorApi | null = useMemo(
    () => (settled ? { draft: settled, latestDraft, edit, focusedField, setFocusedField, jumpTo, registerSectionEditor, source } : null),
    [settled, latestDraft, edit, focusedField, jumpTo, registerSectionEditor, source],
  );

  // Made once: the panels, notices and actions follow the settled draft through the context, so the
  // editor re-rendering for each keystroke must not re-render them too.
  const actions = useMemo(() => editorActions.map((Action, i) => <Action key={i} />), [editorActions]);
  const notices = useMemo(() => editorNotices.map((Notice, i) => <Notice key={i} />), [editorNotices]);
  const sidePanel = useMemo(
    () =>
      panels.length > 0 ? (
        <aside className="editor-panel" aria-label="辅助面板">
          <Tabs size="small" tabBarGutter={0} items={panels.map((p) => ({ key: p.key, label: p.label, children: <p.Component /> }))} />
        </aside>
      ) : null,
    [panels],
  );

  if (loadError) {
    return (
      <Result
        status="warning"
        title="无法打开项目"
        subTitle={loadError}
        extra={
          <Button type="primary" onClick={source.back.go}>
            返回{source.back.label}
          </Button>
        }
      />
    );
  }
  // latestDraft (inside editorApi) reads its ref only when an action calls it, never while rendering.
  // eslint-disable-next-line react-hooks/refs
  if (!draft || !editorApi) {
    return (
      <Spin style={{ display: 'block', marginTop: 80 }} tip="正在打开…" size="large">
        <div />
      </Spin>
    );
  }


  return (
    <EditorContext.Provider value={editorApi}>
      <div className="editor-topbar">
        <div className="editor-topbar-title">
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => (void flush(), source.back.go())}>
            {source.back.label}
          </Button>
          {/* One line, cut with an ellipsis: a long title wrapped onto a second row and covered the side panel's tabs. */}
          <Typography.Title level={4} style={{ margin: 0, minWidth: 0 }} ellipsis={{ tooltip: draft.title }} data-testid="editor-title">
            {draft.title || '未命名项目'}
          </Typography.Title>
        </div>
        <Space>
          <SaveIndicator state={state} onRetry={() => void flush()} />
          {inLibrary && (
            <>
              <Button icon={<HistoryOutlined aria-hidden />} onClick={() => setHistoryOpen(true)}>
                历史版本
              </Button>
              <Button
                icon={<ExportOutlined aria-hidden />}
                onClick={handle(async () => {
                  try {
                    await flush();
                    const r = await exportBundle([draft.id]);
                    message.success(`已导出：${r.fileName}`);
                  } catch (e) {
                    message.error(errorText(e));
                  }
                })}
              >
                导出交换包
              </Button>
              {actions}
            </>
          )}
        </Space>
      </div>
      {notice && <Alert type="warning" showIcon closable title={notice} onClose={() => setNotice(null)} style={{ marginBottom: 16 }} />}
      {inLibrary && notices}
      <div className={panels.length > 0 ? 'editor-layout with-panel' : 'editor-layout'}>
        <EditorNav onPick={setFocusedField} />
        <div
          onFocusCapture={(e) => {
            const field = fieldOf(e.target);
            if (field) setFocusedField(field);
          }}
          data-locked={locked || undefined}
        >
          <ConfigProvider componentDisabled={locked}>
          <Part id="basic" title="基本信息">
            {/* The 状态 shown follows the review path, not the copy loaded when the page opened. */}
            <BasicInfoPart proposal={pen.status && pen.status !== draft.status ? { ...draft, status: pen.status } : draft} edit={edit} />
          </Part>
          <Part id="roles" title="角色与备案">
            <RolesPart proposal={draft} edit={edit} />
          </Part>
          <Part id="funding" title="筹款与周期">
            <FundingPart proposal={draft} edit={edit} />
          </Part>
          <Part id="beneficiaries" title={<FieldLabel field="beneficiaries">受益人</FieldLabel>} field="beneficiaries">
            <BeneficiariesPart proposal={draft} edit={edit} />
          </Part>
          {SECTIONS.map((s) => (
            <SectionPart
              key={s.id}
              section={s}
              epoch={epoch}
              initialDoc={draft.sections[s.id].doc}
              onChange={sectionHandlers[s.id].change}
              onEditor={sectionHandlers[s.id].editor}
              editable={!locked}
            />
          ))}
          <Part id="disclosurePlan" title={<FieldLabel field="disclosurePlan">披露频率</FieldLabel>} field="disclosurePlan">
            <DisclosureCadencePart proposal={draft} edit={edit} />
          </Part>
          <Part id="milestones" title={<FieldLabel field="milestones">执行计划节点</FieldLabel>} field="milestones">
            <MilestonesPart proposal={draft} edit={edit} />
          </Part>
          <Part id="budget" title={<FieldLabel field="budget">预算</FieldLabel>} field="budget">
            <BudgetPart proposal={draft} edit={edit} />
          </Part>
          <Part id="images" title={<FieldLabel field="images">图片与授权</FieldLabel>} field="images">
            <ImagesPart proposal={draft} edit={edit} />
          </Part>
          <Part id="platforms" title="目标平台" field="platforms">
            <PlatformsPart proposal={draft} edit={edit} />
          </Part>
          </ConfigProvider>
        </div>
        {sidePanel}
      </div>
      <RevisionsDrawer
        id={draft.id}
        current={draft}
        open={historyOpen}
        onClose={() => setHistoryOpen(false)}
        onRestore={(rev) => {
          setHistoryOpen(false);
          edit(() => ({ ...rev, id: draft.id, createdAt: draft.createdAt }));
          setEpoch((e) => e + 1);
          message.success('已恢复该版本，正在保存');
        }}
      />
    </EditorContext.Provider>
  );
}
