import { Tooltip } from 'antd';
import { memo } from 'react';
import type { FieldCounterDto } from '../../../../shared/api/methods/rules';
import { COUNT_MODE_LABELS } from '../../../../shared/rules/count';
import { fieldSourceLabel } from '../../../../shared/rules/fieldSources';
import { useCheckResult } from './checkStore';
import { countersFor, tightestCounter } from '../../../../shared/rules/tightestCounter';
import './rules.css';

const STATE_WORDS: Record<FieldCounterDto['state'], string> = { ok: '', near: '，接近上限', over: '，超出上限', under: '，少于下限' };

function limitText(c: FieldCounterDto): string {
  const parts = [c.max !== null ? `上限 ${c.max} 字` : '', c.min !== null ? `至少 ${c.min} 字` : ''].filter(Boolean);
  return parts.join('，');
}

/** Platforms with the same limit on the field, counted the same way: one line of the tooltip. */
interface LimitGroup {
  counter: FieldCounterDto;
  packs: string[];
}

function groupLimits(counters: readonly FieldCounterDto[], name: (pack: string) => string): LimitGroup[] {
  const groups = new Map<string, LimitGroup>();
  for (const c of counters) {
    const key = JSON.stringify([c.label, c.max, c.min, c.mode, c.current, c.verified, c.sources]);
    const g = groups.get(key);
    if (g) g.packs.push(name(c.pack));
    else groups.set(key, { counter: c, packs: [name(c.pack)] });
  }
  return [...groups.values()];
}

function LimitLine({ group: { counter: c, packs } }: { group: LimitGroup }) {
  return (
    <li>
      <strong>{packs.join('、')}</strong>：「{c.label}」{limitText(c)}，{COUNT_MODE_LABELS[c.mode]}，当前 {c.current} 字
      {c.sources.length > 1 && `（${c.sources.map(fieldSourceLabel).join('、')}合计）`}
      {!c.verified && <span className="rules-unverified">【总会清单默认值，待核实】</span>}
    </li>
  );
}

/**
 * The length counter beside a limited field: current / limit, grey, amber when near the limit (or
 * under a minimum), red when over. Several platforms may limit the field: the tightest is shown and
 * the tooltip lists each platform's limit and how it counts.
 */
export const FieldCounter = memo(function FieldCounter({ field }: { field: string }) {
  const result = useCheckResult();
  if (!result) return null;
  const mine = countersFor(result.counters, field);
  const c = tightestCounter(mine);
  if (!c) return null;
  const name = (pack: string) => result.results.find((r) => r.pack === pack)?.name ?? pack;
  // A platform field filled from several parts counts them together (the tooltip names them).
  const shown = `${c.max !== null ? `${c.current} / ${c.max}` : `${c.current} / 至少 ${c.min}`}${c.sources.length > 1 ? ' 合计' : ''}`;
  const tip = (
    <ul className="rules-counter-tip">
      {groupLimits(mine, name).map((g) => (
        <LimitLine key={`${g.counter.pack}-${g.counter.fieldId}`} group={g} />
      ))}
    </ul>
  );
  return (
    <Tooltip title={tip} styles={{ root: { maxWidth: 420 } }}>
      <span
        className={`rules-counter rules-counter-${c.state}${c.verified ? '' : ' rules-counter-unverified'}`}
        tabIndex={0}
        role="note"
        data-testid={`counter-${field}`}
        data-state={c.state}
        // Not naming the field: the label beside it does, and getByLabel(field label) must find the input.
        aria-label={`字数 ${shown}${STATE_WORDS[c.state]}（${name(c.pack)}）`}
      >
        {shown}
      </span>
    </Tooltip>
  );
});
