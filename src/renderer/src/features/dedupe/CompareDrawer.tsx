import { Alert, Drawer, Space, Spin, Typography } from 'antd';
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { MethodOutput } from '../../../../shared/api/contract';
import { DEDUPE_PART_KEYS, dedupePartLabel, type DedupePartKey, type ProposalRef } from '../../../../shared/api/methods/dedupe';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { segmentText } from './segments';
import { percent, ScoreExplanation, SimilarityTag } from './similarity';
import './dedupe.css';

export interface ComparePair {
  a: ProposalRef;
  b: ProposalRef;
  /** Said under side A's title, e.g. that it is the unsaved draft. */
  aNote?: string;
}

type Compared = MethodOutput<'dedupe.compare'>;
type Side = 'a' | 'b';
const other = (s: Side): Side => (s === 'a' ? 'b' : 'a');

function PartText({
  text,
  side,
  part,
  passages,
  active,
  idPrefix,
  onPick,
}: {
  text: string;
  side: Side;
  part: DedupePartKey;
  passages: Compared['passages'];
  active: number | null;
  idPrefix: string;
  onPick: (side: Side, index: number) => void;
}) {
  const segments = useMemo(
    () =>
      segmentText(
        text.length,
        passages.flatMap((p, index) => (p[side].part === part ? [{ start: p[side].start, end: p[side].end, index }] : [])),
      ),
    [text, side, part, passages],
  );
  return (
    <>
      {segments.map((s) => {
        const piece = text.slice(s.start, s.end);
        if (s.passages.length === 0) return <span key={s.start}>{piece}</span>;
        const index = s.passages[0]!;
        // The first piece of a passage is where the other side scrolls to.
        const first = s.passages.find((i) => passages[i]![side].start === s.start);
        const pick = () => onPick(side, index);
        return (
          <mark
            key={s.start}
            id={first !== undefined ? `${idPrefix}-${side}-${first}` : undefined}
            className={active !== null && s.passages.includes(active) ? 'cmp-mark cmp-mark-active' : 'cmp-mark'}
            data-passage={index}
            role="button"
            tabIndex={0}
            title="点击查看另一侧的相同文字"
            onClick={pick}
            onKeyDown={(e: KeyboardEvent) => {
              if ((e.key === 'Enter' || e.key === ' ') && !e.nativeEvent.isComposing) {
                e.preventDefault();
                pick();
              }
            }}
          >
            {piece}
          </mark>
        );
      })}
    </>
  );
}

function SideHead({ side, note }: { side: Compared['a']; note?: string }) {
  return (
    <div className="cmp-head">
      <Typography.Text strong>{side.title || '（未命名）'}</Typography.Text>
      <div>
        <Typography.Text type="secondary">{side.district || '未填区县'}</Typography.Text>
        {note ? (
          <Typography.Text type="secondary"> · {note}</Typography.Text>
        ) : (
          <>
            {' · '}
            <a href={`#/p/${side.id}`}>打开此项目</a>
          </>
        )}
      </div>
    </div>
  );
}

/** Two proposals side by side, their common passages marked at character level in both. */
export function CompareView({ data, aNote }: { data: Compared; aNote?: string }) {
  const idPrefix = `cmp${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const [active, setActive] = useState<number | null>(null);
  const rows = DEDUPE_PART_KEYS.filter((k) => data.a.parts.some((p) => p.key === k) || data.b.parts.some((p) => p.key === k));
  const chars = data.passages.reduce((n, p) => n + p.chars, 0);

  const pick = (side: Side, index: number) => {
    setActive(index);
    document.getElementById(`${idPrefix}-${other(side)}-${index}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  return (
    <div className="cmp">
      <div className="cmp-summary">
        <Space size={12} align="center" wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="compare-score">
            相似度 {percent(data.score)}
          </Typography.Title>
          {data.score >= 0.01 && <SimilarityTag score={data.score} />}
          <Typography.Text>
            {data.passages.length > 0
              ? `共同段落 ${data.passages.length} 处（${chars} 字），两侧以底色标出；点击一处，另一侧会滚动到相同的文字。`
              : '没有 10 字以上的共同段落。'}
          </Typography.Text>
        </Space>
        <ScoreExplanation />
      </div>
      <div className="cmp-columns cmp-sticky">
        <SideHead side={data.a} note={aNote} />
        <SideHead side={data.b} />
      </div>
      {rows.map((key) => {
        const pa = data.a.parts.find((p) => p.key === key);
        const pb = data.b.parts.find((p) => p.key === key);
        const shared = data.passages.filter((p) => p.a.part === key || p.b.part === key).length;
        return (
          <section key={key} className="cmp-row" aria-label={dedupePartLabel(key)} data-part={key}>
            <div className="cmp-row-label">
              {dedupePartLabel(key)}
              {shared > 0 && <span className="cmp-row-count">{shared} 处相同</span>}
            </div>
            <div className="cmp-columns">
              {(['a', 'b'] as const).map((side) => {
                const part = side === 'a' ? pa : pb;
                return (
                  <div key={side} className="cmp-text" data-side={side}>
                    {part ? (
                      <PartText text={part.text} side={side} part={key} passages={data.passages} active={active} idPrefix={idPrefix} onPick={pick} />
                    ) : (
                      <Typography.Text type="secondary">（未填写）</Typography.Text>
                    )}
                  </div>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}

/** 对照 in a wide drawer: either side may be a saved proposal or the unsaved draft. */
export function CompareDrawer({ pair, onClose }: { pair: ComparePair | null; onClose: () => void }) {
  const [data, setData] = useState<{ for: ComparePair; value: Compared } | null>(null);
  const [error, setError] = useState<{ for: ComparePair; message: string } | null>(null);

  useEffect(() => {
    if (!pair) return;
    let live = true;
    api
      .call('dedupe.compare', { a: pair.a, b: pair.b })
      .then((value) => live && setData({ for: pair, value }))
      .catch((e) => live && setError({ for: pair, message: errorText(e) }));
    return () => {
      live = false;
    };
  }, [pair]);

  const shown = data && data.for === pair ? data.value : null;
  const failed = error && error.for === pair ? error.message : null;
  return (
    <Drawer open={pair !== null} onClose={onClose} size="92vw" title="对照相似项目" destroyOnHidden>
      {failed ? (
        <Alert type="error" showIcon title="无法对照这两个项目" description={failed} />
      ) : !shown || !pair ? (
        <Spin tip="正在逐字比对…">
          <div style={{ height: 120 }} />
        </Spin>
      ) : (
        <CompareView data={shown} aNote={pair.aNote} />
      )}
    </Drawer>
  );
}
