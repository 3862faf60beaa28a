import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled, LoadingOutlined, SolutionOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Tabs, Tag, Typography } from 'antd';
import { memo, useCallback, useEffect, useRef, type ReactNode } from 'react';
import type { PackResultDto } from '../../../../shared/api/methods/rules';
import type { Proposal } from '../../../../shared/domain/proposal';
import { fieldText, FIELD_SOURCES, type FieldSource } from '../../../../shared/rules/fieldSources';
import type { Finding } from '../../../../shared/rules/finding';
import { findingFieldLabel } from '../../../../shared/rules/labels';
import { describeSource } from '../../../../shared/rules/source';
import { useEditorApi, type TextRange } from '../editor/EditorContext';
import { useRulesCheck } from './checkStore';
import { shiftRanges } from '../../../../shared/rules/rangeShift';
import './rules.css';

/** 「需人工确认」: what no program can check, listed for the user to confirm (manualCheck rules). */
const isManual = (f: Finding) => f.field === null && f.severity === 'info';

const GROUPS: { key: string; title: string; icon: ReactNode; pick: (f: Finding) => boolean }[] = [
  { key: 'error', title: '错误', icon: <CloseCircleFilled aria-hidden className="rules-icon-error" />, pick: (f) => f.severity === 'error' },
  { key: 'warning', title: '警告', icon: <ExclamationCircleFilled aria-hidden className="rules-icon-warning" />, pick: (f) => f.severity === 'warning' },
  { key: 'info', title: '提示', icon: <InfoCircleFilled aria-hidden className="rules-icon-info" />, pick: (f) => f.severity === 'info' && !isManual(f) },
  { key: 'manual', title: '需人工确认', icon: <SolutionOutlined aria-hidden className="rules-icon-info" />, pick: isManual },
];

const isTextSource = (field: string): field is FieldSource => (FIELD_SOURCES as readonly string[]).includes(field);

/**
 * Where a finding is now: its range was found in the checked draft, and the user may have typed
 * since. A range the edits touched is dropped (the jump then only goes to the field).
 */
function rangeNow(f: Finding, checked: Proposal | null, draft: Proposal): TextRange | null {
  if (!f.range || !f.field || !checked || !isTextSource(f.field)) return null;
  return shiftRanges([f.range], fieldText(checked, f.field), fieldText(draft, f.field))[0] ?? null;
}

function FindingItem({ finding: f, onJump }: { finding: Finding; onJump: (f: Finding) => void }) {
  const body = (
    <>
      <div className="rules-finding-message">{f.message}</div>
      {f.fix && <div className="rules-finding-fix">建议：{f.fix}</div>}
      <div className="rules-finding-meta">
        {f.field !== null && <Tag className="rules-finding-field">{findingFieldLabel(f.field)}</Tag>}
        <span className="rules-finding-source">来源：{describeSource(f.source)}</span>
      </div>
    </>
  );
  if (f.field === null) return <li className={`rules-finding rules-finding-${f.severity}`}>{body}</li>;
  return (
    <li>
      <button type="button" className={`rules-finding rules-finding-${f.severity} rules-finding-jump`} onClick={() => onJump(f)} title="转到此处">
        {body}
      </button>
    </li>
  );
}

function PackFindings({ result: r, onJump }: { result: PackResultDto; onJump: (f: Finding) => void }) {
  const legal = r.pack === 'legal';
  return (
    <div>
      {r.ok ? (
        <div className="rules-pack-status rules-pack-ok">
          <CheckCircleFilled aria-hidden /> {legal ? '没有违反法律通用规则的错误' : `没有错误，可以导出到${r.name}`}
        </div>
      ) : (
        <div className="rules-pack-status rules-pack-failing">
          <CloseCircleFilled aria-hidden /> {r.counts.error} 个错误{legal ? '，修改后才能导出到任何平台' : `，修改后才能导出到${r.name}`}
        </div>
      )}
      {r.findings.length === 0 && <Typography.Paragraph type="secondary">没有发现问题。</Typography.Paragraph>}
      {GROUPS.map((g) => {
        const items = r.findings.filter(g.pick);
        if (items.length === 0) return null;
        return (
          <section key={g.key} className="rules-group" aria-label={`${r.name}：${g.title}`}>
            <div className="rules-group-title">
              {g.icon} {g.title}（{items.length}）
            </div>
            <ul className="rules-findings">
              {items.map((f, i) => (
                <FindingItem key={`${f.ruleId}-${f.field}-${f.range?.start}-${i}`} finding={f} onJump={onJump} />
              ))}
            </ul>
          </section>
        );
      })}
      <div className="rules-pack-version">
        {r.name} 规则包 {r.version} 版
      </div>
    </div>
  );
}

function PackTabLabel({ result: r }: { result: PackResultDto }) {
  const count = r.counts.error > 0 ? r.counts.error : r.counts.warning;
  return (
    <span className="rules-pack-tab">
      {r.name}
      {count > 0 ? (
        <Badge count={count} size="small" color={r.counts.error > 0 ? '#cf1322' : '#d48806'} aria-label={r.counts.error > 0 ? `${count} 个错误` : `${count} 个警告`} />
      ) : (
        <CheckCircleFilled aria-label="通过" className="rules-icon-ok" />
      )}
    </span>
  );
}

/** The editor panel's tab title: 「规则检查」 with the number of errors, or of warnings once no error is left. */
export function RulesTabLabel() {
  const { data: result } = useRulesCheck();
  const errors = result?.results.reduce((n, r) => n + r.counts.error, 0) ?? 0;
  const warnings = result?.results.reduce((n, r) => n + r.counts.warning, 0) ?? 0;
  return (
    <span className="rules-pack-tab">
      规则检查
      {errors > 0 && <Badge count={errors} size="small" color="#cf1322" aria-label={`${errors} 个错误`} />}
      {errors === 0 && warnings > 0 && <Badge count={warnings} size="small" color="#d48806" aria-label={`${warnings} 个警告`} />}
    </span>
  );
}

interface BodyProps {
  results: PackResultDto[] | null;
  noPlatforms: boolean;
  onJump: (f: Finding) => void;
  onPickPlatforms: () => void;
}

/** Re-rendered when a check result arrives, not on every keystroke (the draft is not among its props). */
const PanelBody = memo(function PanelBody({ results, noPlatforms, onJump, onPickPlatforms }: BodyProps) {
  return (
    <>
      {noPlatforms && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title="还没有选择目标平台"
          description={
            <span>
              现在只按法律通用规则检查。在「目标平台」中勾选要上线的平台后，这里会按平台分别列出问题。
              <Button type="link" size="small" onClick={onPickPlatforms}>
                去选择目标平台
              </Button>
            </span>
          }
        />
      )}
      {results && (
        <Tabs
          size="small"
          className="rules-pack-tabs"
          items={results.map((r) => ({ key: r.pack, label: <PackTabLabel result={r} />, children: <PackFindings result={r} onJump={onJump} /> }))}
        />
      )}
    </>
  );
});

/** 检查中… while a check waits or runs; kept apart so that this flicker redraws nothing else. */
function CheckStatus({ pending, error, checked }: { pending: boolean; error: string | null; checked: boolean }) {
  return (
    <>
      <div className="rules-panel-status" aria-live="polite">
        {pending ? (
          <Typography.Text type="secondary">
            <LoadingOutlined aria-hidden /> 检查中…
          </Typography.Text>
        ) : checked ? (
          <Typography.Text type="secondary">按目标平台和法律通用规则检查，修改后自动更新</Typography.Text>
        ) : null}
      </div>
      {error && <Alert type="warning" showIcon title="规则检查暂时无法完成" description={error} style={{ marginBottom: 8 }} />}
    </>
  );
}

/**
 * The live checklist: one tab per pack (the legal pack first, then each target platform), each
 * listing what is wrong by severity. A finding with a place takes the user there and selects it.
 */
export function RulesPanel() {
  const { draft, jumpTo } = useEditorApi();
  const { input: checked, data: result, pending, error } = useRulesCheck();
  // Read at click time, so that the jump handler (and the list) need not change with every keystroke.
  const now = useRef({ draft, checked });
  useEffect(() => {
    now.current = { draft, checked };
  });

  const onJump = useCallback(
    (f: Finding) => {
      if (!f.field) return;
      // An item (images.0, budget.lines.2) or a part without its own input: go to the part it is in.
      const exact = document.querySelector(`[data-field="${CSS.escape(f.field)}"]`);
      if (exact) jumpTo(f.field, rangeNow(f, now.current.checked, now.current.draft));
      else jumpTo(f.field.split('.')[0]!, null);
    },
    [jumpTo],
  );
  const onPickPlatforms = useCallback(() => jumpTo('platforms'), [jumpTo]);

  return (
    <div className="rules-panel">
      <CheckStatus pending={pending} error={error} checked={result !== null} />
      <PanelBody results={result?.results ?? null} noPlatforms={draft.platforms.length === 0} onJump={onJump} onPickPlatforms={onPickPlatforms} />
    </div>
  );
}
