import { Alert, Button, Checkbox, Space, Tag, Typography } from 'antd';
import type { ExportPlatform } from '../../../../shared/api/methods/export';
import type { PlatformId } from '../../../../shared/domain/catalog';
import type { Finding } from '../../../../shared/rules/finding';
import { findingFieldLabel } from '../../../../shared/rules/labels';
import { ImeTextArea } from '../../inputs/ImeInput';

const SHOWN_ERRORS = 4;

/** 「执行计划节点 第 4 条：……」; the same rule may be in the legal pack and the platform's, so each line once. */
function uniqueLines(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => (f.field === null ? f.message : `${findingFieldLabel(f.field)}：${f.message}`)))];
}

export function CheckCounts({ counts }: { counts: ExportPlatform['counts'] }) {
  return (
    <Space size={0}>
      <Tag color={counts.error > 0 ? 'red' : 'green'}>错误 {counts.error}</Tag>
      <Tag color={counts.warning > 0 ? 'gold' : undefined}>警告 {counts.warning}</Tag>
      <Tag>提示 {counts.info}</Tag>
    </Space>
  );
}

function ErrorList({ findings }: { findings: Finding[] }) {
  const messages = uniqueLines(findings.filter((f) => f.severity === 'error'));
  return (
    <ul className="export-errors">
      {messages.slice(0, SHOWN_ERRORS).map((m) => (
        <li key={m}>{m}</li>
      ))}
      {messages.length > SHOWN_ERRORS && <li>另有 {messages.length - SHOWN_ERRORS} 项，见「规则检查」</li>}
    </ul>
  );
}

export function OverrideReason({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <ImeTextArea
      value={value}
      onCommit={onChange}
      autoSize={{ minRows: 1, maxRows: 4 }}
      maxLength={2000}
      aria-label={`「${label}」的导出理由`}
      placeholder="如确需带着错误导出，请写明理由（理由会写入提交包）；不填则不导出此平台"
    />
  );
}

interface Props {
  items: ExportPlatform[];
  ticked: PlatformId[];
  onTick: (ticked: PlatformId[]) => void;
  reasons: Partial<Record<PlatformId, string>>;
  onReason: (platform: PlatformId, reason: string) => void;
  sharedReason: string;
  onSharedReason: (reason: string) => void;
}

/** One reason for every ticked platform with errors (13 boxes for one reason was the complaint); each stays editable below. */
function SharedReason({ count, value, onChange }: { count: number; value: string; onChange: (v: string) => void }) {
  return (
    <Alert
      type="warning"
      className="export-shared-reason"
      title={`所选平台中有 ${count} 个有错误。如确需带着错误导出，可在这里写一个理由用于全部平台，也可在各平台下分别修改：`}
      description={
        <ImeTextArea
          value={value}
          onCommit={onChange}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
          aria-label="所有有错误平台共用的导出理由"
          placeholder="理由会写入各平台的提交包；不填则这些平台不导出"
        />
      }
    />
  );
}

/** Every platform with its checklist counts; the proposal's target platforms first. */
export function PlatformPicker({ items, ticked, onTick, reasons, onReason, sharedReason, onSharedReason }: Props) {
  const exportable = items.filter((p) => p.hasPack);
  const ordered = [...items.filter((p) => p.targeted), ...items.filter((p) => !p.targeted)];
  const blocked = items.filter((p) => p.blocked && ticked.includes(p.platform)).length;
  const toggle = (platform: PlatformId, on: boolean) =>
    onTick(items.filter((p) => (p.platform === platform ? on : ticked.includes(p.platform))).map((p) => p.platform));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="small">
      <Space wrap>
        <Typography.Text>
          已选 {ticked.length} 个平台（共 {exportable.length} 个可导出）
        </Typography.Text>
        <Button size="small" type="link" onClick={() => onTick(exportable.map((p) => p.platform))}>
          全选
        </Button>
        <Button size="small" type="link" disabled={!items.some((p) => p.targeted)} onClick={() => onTick(exportable.filter((p) => p.targeted).map((p) => p.platform))}>
          仅目标平台
        </Button>
        <Button size="small" type="link" onClick={() => onTick([])}>
          全不选
        </Button>
      </Space>
      {blocked >= 2 && <SharedReason count={blocked} value={sharedReason} onChange={onSharedReason} />}
      <div className="export-platforms" role="group" aria-label="要导出的平台">
        {ordered.map((p) => {
          const on = ticked.includes(p.platform);
          return (
            <div key={p.platform} className="export-platform" data-platform={p.platform}>
              <div className="export-platform-head">
                <Checkbox checked={on} disabled={!p.hasPack} onChange={(e) => toggle(p.platform, e.target.checked)}>
                  {p.label}
                </Checkbox>
                {p.targeted && <Tag color="blue">目标平台</Tag>}
                <span style={{ flex: 1 }} />
                {p.hasPack ? (
                  <>
                    <CheckCounts counts={p.counts} />
                    <Typography.Text type="secondary" className="export-pack-version">
                      规则 v{p.packVersion}
                    </Typography.Text>
                  </>
                ) : (
                  <Typography.Text type="secondary">总会尚未发布该平台的规则包，暂不能导出</Typography.Text>
                )}
              </div>
              {p.blocked && on && (
                <Alert
                  type="error"
                  className="export-blocked"
                  title={`检查有 ${p.counts.error} 项错误，改正后再导出，或写明理由后带错误导出：`}
                  description={
                    <>
                      <ErrorList findings={p.findings} />
                      <OverrideReason label={p.label} value={reasons[p.platform] ?? ''} onChange={(v) => onReason(p.platform, v)} />
                    </>
                  }
                />
              )}
            </div>
          );
        })}
      </div>
    </Space>
  );
}
