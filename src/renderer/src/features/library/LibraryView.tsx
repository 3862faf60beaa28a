import { DeleteOutlined, ExportOutlined, ImportOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Empty, Input, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ListQuery, ProposalSummary } from '../../../../shared/api/methods/proposals';
import { FOCUS_AREAS, focusAreaLabel, platformLabel, STATUSES, statusLabel, type FocusAreaId, type StatusId } from '../../../../shared/domain/catalog';
import { api } from '../../api';
import { navigate } from '../../router';
import { errorText } from '../../util/errors';
import { dateTime } from '../../util/format';
import { useDebounced } from '../../util/useDebounced';
import { exportBundle } from '../exchange/exportBundle';
import { ImportDialog } from '../exchange/ImportDialog';
import { CANCELLED_TEXT, isCancelled, JobProgress, useJob } from '../../util/JobProgress';
import { NewProposalDialog } from './NewProposalDialog';
import { useSlots } from '../../slots';
import { useAsyncHandler } from '../../util/asyncHandler';

const PAGE_SIZE = 50;

type Sort = 'updated' | 'created' | 'title';

const SORTS: { value: Sort; label: string }[] = [
  { value: 'updated', label: '最近修改' },
  { value: 'created', label: '最近创建' },
  { value: 'title', label: '按名称' },
];

export function LibraryView() {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const { libraryColumns, libraryActions } = useSlots();
  const job = useJob();
  const [search, setSearch] = useState('');
  const query = useDebounced(search, 250);
  const [focusArea, setFocusArea] = useState<FocusAreaId | null>(null);
  const [district, setDistrict] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusId | null>(null);
  const [sort, setSort] = useState<Sort>('updated');
  const [trash, setTrash] = useState(false);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: ProposalSummary[]; total: number; districts: string[] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const reload = useCallback(() => setReloadKey((k) => k + 1), []);

  const q: ListQuery = useMemo(
    () => ({ query, focusArea, district, status, sort, order: sort === 'title' ? 'asc' : 'desc', trash, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    [query, focusArea, district, status, sort, trash, page],
  );

  useEffect(() => {
    let live = true;
    api
      .call('proposal.list', q)
      .then((res) => {
        if (!live) return;
        setData(res);
        setLoadError(null);
      })
      .catch((e) => live && setLoadError(errorText(e)));
    return () => {
      live = false;
    };
  }, [q, reloadKey]);

  /** Changing what is shown starts again from the first page. */
  const refine =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  const remove = async (p: ProposalSummary) => {
    try {
      await api.call('proposal.delete', { id: p.id });
      reload();
      const key = `deleted-${p.id}`;
      message.open({
        key,
        type: 'success',
        duration: 8,
        content: (
          <span>
            已将「{p.title || '未命名项目'}」移入回收站{' '}
            <Button
              type="link"
              size="small"
              onClick={handle(async () => {
                message.destroy(key);
                await api.call('proposal.restore', { id: p.id });
                reload();
              })}
            >
              撤销
            </Button>
          </span>
        ),
      });
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const restore = async (p: ProposalSummary) => {
    try {
      await api.call('proposal.restore', { id: p.id });
      message.destroy(`deleted-${p.id}`);
      message.success(`已恢复「${p.title || '未命名项目'}」`);
      reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const doExport = async (ids: string[] | null) => {
    try {
      const r = await exportBundle(ids, (input) => job.run('bundle.export', input, '正在导出交换包'));
      message.success(`已导出 ${r.count} 个项目：${r.fileName}`);
    } catch (e) {
      if (isCancelled(e)) message.info(CANCELLED_TEXT);
      else message.error(errorText(e));
    }
  };

  const columns: ColumnsType<ProposalSummary> = [
    {
      title: '项目名称',
      dataIndex: 'title',
      width: 300,
      render: (_, p) =>
        trash ? (
          <Tooltip title={p.title} mouseEnterDelay={0.5}>
            <span className="clamp-2">{p.title || '（未命名）'}</span>
          </Tooltip>
        ) : (
          <Space size={4} wrap>
            {/* The whole title on hover, as a tooltip: a title attribute would match district names in lookups by title. */}
            <Tooltip title={p.title} mouseEnterDelay={0.5}>
              <a href={`#/p/${p.id}`} className="clamp-2">
                {p.title || '（未命名）'}
              </a>
            </Tooltip>
            {p.isBrand && <Tag color="gold">品牌项目</Tag>}
            {p.mergedInto && <a href={`#/p/${p.mergedInto}`} aria-label={`「${p.title}」已合并，查看品牌项目`}><Tag color="purple">已并入品牌项目 ›</Tag></a>}
          </Space>
        ),
    },
    { title: '区县', dataIndex: 'district', width: 140, render: (d: string) => d || '—' },
    { title: '领域', dataIndex: 'focusArea', width: 130, render: (f: string | null) => (f ? focusAreaLabel(f) : '—') },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <Tag>{statusLabel(s)}</Tag> },
    {
      title: '目标平台',
      dataIndex: 'platforms',
      render: (_, p) =>
        p.platforms.length === 0 && p.livePlatforms.length === 0 ? (
          <Typography.Text type="secondary">未选择</Typography.Text>
        ) : (
          <Space size={[0, 4]} wrap>
            {/* A platform it is live on counts even when it has left the target list. */}
            {[...p.platforms, ...p.livePlatforms.filter((id) => !p.platforms.includes(id))].map((id) => (
              <Tag key={id} color={p.livePlatforms.includes(id) ? 'green' : undefined} variant={p.livePlatforms.includes(id) ? 'solid' : undefined}>
                {platformLabel(id)}
                {p.livePlatforms.includes(id) ? ' · 已上线' : ''}
              </Tag>
            ))}
          </Space>
        ),
    },
    { title: '字数', dataIndex: 'chars', width: 80, align: 'right' },
    { title: trash ? '删除时间' : '修改时间', width: 150, render: (_, p) => dateTime(trash && p.deletedAt ? p.deletedAt : p.updatedAt) },
    ...libraryColumns.map((column) => column()),
    {
      title: '操作',
      width: 110,
      render: (_, p) =>
        trash ? (
          <Button size="small" icon={<RollbackOutlined aria-hidden />} onClick={handle(() => restore(p))}>
            恢复
          </Button>
        ) : (
          <Space size={0}>
            <Tooltip title="导出为交换包">
              <Button type="text" size="small" aria-label={`导出「${p.title}」`} icon={<ExportOutlined aria-hidden />} onClick={handle(() => doExport([p.id]))} />
            </Tooltip>
            <Tooltip title="移入回收站">
              <Button type="text" size="small" danger aria-label={`删除「${p.title}」`} icon={<DeleteOutlined aria-hidden />} onClick={handle(() => remove(p))} />
            </Tooltip>
          </Space>
        ),
    },
  ];

  const filtered = query !== '' || focusArea !== null || district !== null || status !== null;
  const libraryEmpty = data !== null && data.total === 0 && !filtered && !trash;

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          项目库
        </Typography.Title>
        <Space wrap>
          {libraryActions.map((Action, i) => (
            <Action key={i} reload={reload} selected={selected} />
          ))}
          <Button icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
            导入
          </Button>
          <Button icon={<ExportOutlined aria-hidden />} disabled={!data || data.total === 0 || trash} onClick={handle(() => doExport(selected.length > 0 ? selected : null))}>
            {selected.length > 0 ? `导出所选（${selected.length}）` : '导出全部'}
          </Button>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            新建项目
          </Button>
        </Space>
      </Space>

      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="搜索名称或正文" style={{ width: 260 }} value={search} onChange={(e) => refine(setSearch)(e.target.value)} aria-label="搜索项目" />
        <Select allowClear placeholder="领域" style={{ width: 150 }} value={focusArea} onChange={(v) => refine(setFocusArea)(v ?? null)} options={FOCUS_AREAS.map((f) => ({ value: f.id, label: f.label }))} aria-label="按领域筛选" />
        <Select
          allowClear
          showSearch
          placeholder="区县"
          style={{ width: 150 }}
          value={district}
          onChange={(v) => refine(setDistrict)(v ?? null)}
          options={(data?.districts ?? []).map((d) => ({ value: d, label: d }))}
          aria-label="按区县筛选"
        />
        <Select allowClear placeholder="状态" style={{ width: 110 }} value={status} onChange={(v) => refine(setStatus)(v ?? null)} options={STATUSES.map((s) => ({ value: s.id, label: s.label }))} aria-label="按状态筛选" />
        <Select style={{ width: 120 }} value={sort} onChange={refine(setSort)} options={SORTS} aria-label="排序" />
        <Segmented value={trash ? 'trash' : 'library'} onChange={(v) => refine(setTrash)(v === 'trash')} options={[{ value: 'library', label: '项目' }, { value: 'trash', label: '回收站' }]} />
      </Space>

      {loadError && <Typography.Paragraph type="danger">无法读取项目库：{loadError}</Typography.Paragraph>}

      {libraryEmpty ? (
        <Empty style={{ marginTop: 80 }} description={<span>项目库还是空的。新建第一个项目，或导入区县、总会发来的 .shance 交换包。</span>}>
          <Space>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              新建第一个项目
            </Button>
            <Button icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
              导入交换包
            </Button>
          </Space>
        </Empty>
      ) : (
        <Table<ProposalSummary>
          rowKey="id"
          loading={data === null && !loadError}
          columns={columns}
          dataSource={data?.items ?? []}
          rowSelection={trash ? undefined : { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          locale={{ emptyText: trash ? '回收站是空的' : '没有符合条件的项目' }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 个` }}
        />
      )}

      <NewProposalDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(p) => {
          setCreating(false);
          navigate({ name: 'proposal', id: p.id });
        }}
      />
      <JobProgress job={job.handle} />
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => {
          setImporting(false);
          reload();
        }}
      />
    </div>
  );
}
