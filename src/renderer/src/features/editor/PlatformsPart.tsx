import { Button, Checkbox, Space } from 'antd';
import { PLATFORM_IDS, PLATFORMS, type PlatformId } from '../../../../shared/domain/catalog';
import { memoPart } from './memoPart';
import type { PartProps } from './types';

function PlatformsPartView({ proposal: p, edit }: PartProps) {
  return (
    <Space orientation="vertical">
      <Checkbox.Group<PlatformId>
        value={p.platforms}
        options={PLATFORMS.map((x) => ({ value: x.id, label: x.label }))}
        onChange={(v) => edit((d) => ({ ...d, platforms: PLATFORM_IDS.filter((id) => v.includes(id)) }))}
      />
      <Space>
        <Button size="small" onClick={() => edit((d) => ({ ...d, platforms: [...PLATFORM_IDS] }))}>
          全选
        </Button>
        <Button size="small" onClick={() => edit((d) => ({ ...d, platforms: [] }))}>
          清空
        </Button>
      </Space>
    </Space>
  );
}

export const PlatformsPart = memoPart(PlatformsPartView, ['platforms']);
