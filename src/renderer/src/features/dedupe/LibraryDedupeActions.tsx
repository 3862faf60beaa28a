import { MergeOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import { navigate } from '../../router';
import { mergeView } from './DedupeReportView';

/** In the library's toolbar: 同质化检查, and merging the ticked proposals. */
export function LibraryDedupeActions({ selected }: { reload: () => void; selected: string[] }) {
  return (
    <Space wrap>
      <Button icon={<SearchOutlined aria-hidden />} onClick={() => navigate({ name: 'view', key: 'dedupe', params: new URLSearchParams() })}>
        同质化检查
      </Button>
      <Tooltip title={selected.length >= 2 ? undefined : '勾选两个以上内容相近的项目，可合并为一个品牌项目'}>
        <Button icon={<MergeOutlined aria-hidden />} disabled={selected.length < 2} onClick={() => mergeView(selected)}>
          {selected.length >= 2 ? `合并为品牌项目（${selected.length}）` : '合并为品牌项目'}
        </Button>
      </Tooltip>
    </Space>
  );
}
