import { CloudOutlined, CloudSyncOutlined, CloudUploadOutlined, DisconnectOutlined, WarningOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import type { SyncStatus } from '../../../../shared/api/methods/sync';
import { routeHash } from '../../router';
import { dateTime, hhmm } from '../../util/format';
import { useSyncStatus } from './syncStatus';
import './sync.css';

type Label = { icon: ReactNode; text: string; tone: 'ok' | 'busy' | 'wait' | 'off' | 'bad' };

/**
 * The header's words for the sync state. A proposal the server refused (an amendment it would not
 * take, a status it does not allow) is not synced however green the rest is, so the header says so.
 */
export function syncLabel(s: SyncStatus): Label {
  const label = stateLabel(s);
  if ((s.state === 'synced' || s.state === 'pending') && s.rejected.length > 0) {
    return { icon: <WarningOutlined aria-hidden />, text: `${label.text}，${s.rejected.length} 项未被总会接受`, tone: 'bad' };
  }
  return label;
}

function stateLabel(s: SyncStatus): Label {
  switch (s.state) {
    case 'unconfigured':
      return { icon: <DisconnectOutlined aria-hidden />, text: '未连接总会', tone: 'off' };
    case 'syncing':
      return { icon: <CloudSyncOutlined aria-hidden spin />, text: '正在同步…', tone: 'busy' };
    case 'offline':
      return { icon: <DisconnectOutlined aria-hidden />, text: '离线（已保存在本机）', tone: 'off' };
    case 'needsLogin':
      return { icon: <WarningOutlined aria-hidden />, text: '需要重新登录总会', tone: 'bad' };
    case 'error':
      return { icon: <WarningOutlined aria-hidden />, text: '同步出错（已保存在本机）', tone: 'bad' };
    case 'pending':
      return { icon: <CloudUploadOutlined aria-hidden />, text: `${s.pending} 项待上传`, tone: 'wait' };
    case 'synced':
      return { icon: <CloudOutlined aria-hidden />, text: s.lastSyncAt ? `已同步 ${hhmm(new Date(s.lastSyncAt))}` : '已同步', tone: 'ok' };
  }
}

function detail(s: SyncStatus): string {
  if (s.state === 'unconfigured') return '在 设置 → 总会服务器 中连接总会，与全市共享项目库';
  const parts = [`${s.server ?? ''}（${s.user ?? ''}，${s.district ?? ''}）`];
  if (s.lastSyncAt) parts.push(`上次同步：${dateTime(s.lastSyncAt)}`);
  if (s.pending) parts.push(`${s.pending} 项待上传`);
  for (const r of s.rejected) parts.push(`未被总会接受：${r.title}（${r.reason}）`);
  if (s.lastError && s.state !== 'synced' && s.state !== 'pending') parts.push(s.lastError);
  return parts.join('\n');
}

/** Always in the header: how this desk stands with the federation. A click opens the settings. */
export function SyncIndicator() {
  const s = useSyncStatus();
  if (!s) return null;
  const { icon, text, tone } = syncLabel(s);
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{detail(s)}</span>} placement="bottomRight">
      <a className={`sync-indicator sync-${tone}`} data-testid="sync-indicator" data-state={s.state} href={routeHash({ name: 'view', key: 'settings', params: new URLSearchParams() })}>
        {icon}
        <span>{text}</span>
      </a>
    </Tooltip>
  );
}
