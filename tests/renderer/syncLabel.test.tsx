// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/shared/api/methods/sync';
import { syncLabel } from '../../src/renderer/src/features/sync/SyncIndicator';

const synced: SyncStatus = {
  state: 'synced',
  server: 'http://127.0.0.1:8787',
  user: 'yubei',
  district: '渝北区',
  role: 'drafter',
  lastSyncAt: '2026-11-30T04:05:00.000Z',
  pending: 0,
  rejected: [],
  remote: 3,
  conflicts: 0,
  progress: null,
  lastError: null,
  lastResult: null,
};

describe('the header names what the server refused', () => {
  it('all synced: 已同步 and the time, in a calm tone', () => {
    const l = syncLabel(synced);
    expect(l.text).toMatch(/^已同步 \d\d:\d\d$/);
    expect(l.tone).toBe('ok');
  });

  it('a refused amendment is not 已同步: the header counts it and warns', () => {
    const l = syncLabel({ ...synced, rejected: [{ id: 'p1', title: '双龙湖长者助餐', reason: '已通过的项目需先发起变更' }] });
    expect(l.text).toMatch(/^已同步 \d\d:\d\d，1 项未被总会接受$/);
    expect(l.tone).toBe('bad');
  });

  it('waiting uploads and a refusal are both said', () => {
    const l = syncLabel({ ...synced, state: 'pending', pending: 2, rejected: [{ id: 'p1', title: 'A', reason: 'B' }, { id: 'p2', title: 'C', reason: 'D' }] });
    expect(l.text).toBe('2 项待上传，2 项未被总会接受');
  });

  it('offline stays offline: a refusal from the last sync does not hide that the server is unreachable', () => {
    const l = syncLabel({ ...synced, state: 'offline', rejected: [{ id: 'p1', title: 'A', reason: 'B' }] });
    expect(l.text).toBe('离线（已保存在本机）');
  });
});
