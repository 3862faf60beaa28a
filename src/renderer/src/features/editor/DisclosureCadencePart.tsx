import { Alert, Form, Select, Space } from 'antd';
import { CADENCE_LABELS, CADENCES, guessCadence, type Cadence } from '../../../../shared/rules/cadence';
import { ImeInput } from '../../inputs/ImeInput';
import { FieldLabel } from './Field';
import { memoPart } from './memoPart';
import type { PartProps } from './types';

const OPTIONS = CADENCES.map((c) => ({ value: c, label: CADENCE_LABELS[c] }));

/**
 * 披露频率: the field the law's quarterly rule is checked against. A cadence the program guessed
 * from older text is shown preselected with a request to confirm it; choosing (even the same value)
 * confirms it.
 */
function DisclosureCadencePartView({ proposal: p, edit }: PartProps) {
  const plan = p.disclosurePlan;
  // Never recorded: show the guess the rules use, so the writer sees what is being checked.
  const guess = plan === null ? guessCadence(p.sections.disclosure.text) : null;
  const cadence: Cadence | null = plan?.cadence ?? guess;
  const guessed = plan === null ? guess !== null : plan.guessed;
  const set = (next: Cadence) => edit((d) => ({ ...d, disclosurePlan: { cadence: next, note: d.disclosurePlan?.note ?? '', guessed: false } }));
  return (
    <Form layout="vertical" component="div">
      <Form.Item label={<FieldLabel field="disclosurePlan">多久公开一次项目进展</FieldLabel>} data-field="disclosurePlan" style={{ marginBottom: 8 }}>
        <Space wrap>
          <Select<Cadence> aria-label="披露频率" style={{ width: 180 }} placeholder="请选择" value={cadence ?? undefined} options={OPTIONS} onChange={set} />
          {cadence === 'other' && (
            <ImeInput
              aria-label="披露频率说明"
              placeholder="如：每两个月"
              value={plan?.note ?? ''}
              onCommit={(note) => edit((d) => ({ ...d, disclosurePlan: { cadence: 'other', note, guessed: false } }))}
            />
          )}
        </Space>
      </Form.Item>
      {guessed && cadence && (
        <Alert
          type="warning"
          showIcon
          title={`「${CADENCE_LABELS[cadence]}」是系统根据「信息披露与反馈计划」的文字推测的，请确认或改选`}
          action={<a onClick={() => set(cadence)}>确认</a>}
        />
      )}
    </Form>
  );
}

export const DisclosureCadencePart = memoPart(DisclosureCadencePartView, ['disclosurePlan', 'sections']);
