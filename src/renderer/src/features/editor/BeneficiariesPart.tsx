import { InputNumber } from 'antd';
import type { Beneficiary } from '../../../../shared/domain/proposal';
import { ListPart } from './ListPart';
import { ImeInput } from '../../inputs/ImeInput';
import { memoPart } from './memoPart';
import type { PartProps } from './types';

function BeneficiariesPartView({ proposal: p, edit }: PartProps) {
  return (
    <ListPart<Beneficiary>
      rows={p.beneficiaries}
      onChange={(beneficiaries) => edit((d) => ({ ...d, beneficiaries }))}
      make={(id) => ({ id, type: '', count: null, region: p.district })}
      addLabel="添加受益群体"
      emptyText="写清受益人是谁、多少人、在哪里"
      columns={(update) => [
        { title: '受益人类型', render: (_, b, i) => <ImeInput value={b.type} placeholder="如：80 岁以上独居老人" aria-label={`受益人类型 ${i + 1}`} onCommit={(v) => update(b.id, { type: v })} /> },
        {
          title: '人数',
          width: 130,
          render: (_, b, i) => <InputNumber<number> min={0} precision={0} value={b.count} style={{ width: '100%' }} aria-label={`受益人数 ${i + 1}`} onChange={(v) => update(b.id, { count: v })} />,
        },
        { title: '地区', render: (_, b, i) => <ImeInput value={b.region} placeholder="如：渝北区龙溪街道" aria-label={`受益地区 ${i + 1}`} onCommit={(v) => update(b.id, { region: v })} /> },
      ]}
    />
  );
}

export const BeneficiariesPart = memoPart(BeneficiariesPartView, ['beneficiaries', 'district']);
