import { Tag } from 'antd';
import { routeHash } from '../../router';

/** Where a listed proposal opens: the editor for the library's own, a read-only page for another district's. */
export function proposalHref(p: { id: string; remote?: boolean }): string {
  return p.remote ? routeHash({ name: 'view', key: 'remote', params: new URLSearchParams({ id: p.id }) }) : `#/p/${p.id}`;
}

export function RemoteTag() {
  return (
    <Tag color="blue" title="其他区县已提交的项目，来自总会服务器，只读" style={{ marginInlineStart: 6 }}>
      其他区县
    </Tag>
  );
}
