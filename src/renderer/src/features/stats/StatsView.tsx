import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Drawer, Empty, Row, Segmented, Select, Space, Spin, Statistic, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { Drill, DrillProject } from '../../../../shared/api/methods/stats';
import type { MethodOutput } from '../../../../shared/api/contract';
import { DISTRICTS, focusAreaLabel, statusLabel } from '../../../../shared/domain/catalog';
import { reportCharts } from '../../../../shared/stats/charts';
import { parsePeriod } from '../../../../shared/stats/period';
import type { StatsRow } from '../../../../shared/stats/report';
import { api } from '../../api';
import { navigate, routeHash } from '../../router';
import { errorText } from '../../util/errors';
import { download } from '../../util/files';
import { yuan } from '../../util/format';
import { DOCX_MIME } from '../export/exportFiles';
import { proposalHref, RemoteTag } from '../sync/remoteLinks';
import { EChart, type ChartClick } from './EChart';
import { OriginNote } from './OriginNote';
import { defaultPeriod, KINDS, periodOptions } from './periodOptions';
import { useAsyncHandler } from '../../util/asyncHandler';
import { useBusyKey } from '../../util/busyAction';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ALL = '__all__';
const money = (fen: number | null) => (fen === null ? '暂无数据' : yuan(fen));

interface Opened {
  title: string;
  drill: Drill;
}

/** A figure that opens the projects behind it. */
function Figure({ value, onOpen, label }: { value: number | string; onOpen: () => void; label: string }) {
  return (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={onOpen} aria-label={`${label}：${value}，查看项目`}>
      {value}
    </Button>
  );
}

function DrillDrawer({ opened, period, district, onClose }: { opened: Opened | null; period: string; district: string | null; onClose: () => void }) {
  const [result, setResult] = useState<{ for: Opened; rows: MethodOutput<'stats.projects'> | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!opened) return;
    api.call('stats.projects', { period, district, drill: opened.drill, fromServer: true }).then(
      (rows) => setResult({ for: opened, rows, error: null }),
      (e) => setResult({ for: opened, rows: null, error: errorText(e) }),
    );
  }, [opened, period, district]);
  // What is shown belongs to the figure opened last; an earlier answer is never shown under its title.
  const rows = result?.for === opened ? result.rows : null;
  const error = result?.for === opened ? result.error : null;
  const columns: ColumnsType<DrillProject> = [
    {
      title: '项目',
      dataIndex: 'title',
      // A project the server listed that this desk does not hold opens read-only (其他区县).
      render: (t: string, p) => {
        const remote = rows?.notHere.includes(p.id) ?? false;
        return (
          <>
            <a href={remote ? proposalHref({ id: p.id, remote }) : routeHash({ name: 'proposal', id: p.id })}>{t || '（未命名）'}</a>
            {remote && <RemoteTag />}
          </>
        );
      },
    },
    { title: '区县', dataIndex: 'district', width: 110 },
    { title: '领域', dataIndex: 'focusArea', width: 110, render: (a: string) => (a ? focusAreaLabel(a) : '未选领域') },
    { title: '状态', dataIndex: 'status', width: 80, render: statusLabel },
    { title: '目标（元）', dataIndex: 'targetFen', width: 120, align: 'right', render: money },
    { title: '已筹（元）', dataIndex: 'raisedFen', width: 120, align: 'right', render: money },
  ];
  return (
    <Drawer open={opened !== null} onClose={onClose} size="large" title={opened?.title} data-testid="stats-drill">
      {error && <Alert type="error" showIcon title={error} />}
      {!rows && !error && <Spin />}
      {rows && (
        <>
          <OriginNote origin={rows.origin} testId="stats-drill-origin" />
          <Typography.Paragraph>共 {rows.total} 个项目{rows.total > rows.items.length ? `，显示前 ${rows.items.length} 个` : ''}。</Typography.Paragraph>
          <Table rowKey="id" size="small" columns={columns} dataSource={rows.items} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: '没有项目' }} />
        </>
      )}
    </Drawer>
  );
}

/** 统计: the federation's (or one district's) figures for a month, quarter, half-year, year or any range. */
export function StatsView({ params }: { params: URLSearchParams }) {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const period = params.get('period') ?? defaultPeriod();
  const district = params.get('district') || null;
  const key = `${period}|${district ?? ''}`;
  const [result, setResult] = useState<{ key: string; report: MethodOutput<'stats.report'> | null; error: string | null } | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [exporting, runExport] = useBusyKey<'xlsx' | 'docx'>();

  const kind = (() => {
    try {
      return parsePeriod(period).kind;
    } catch {
      return 'quarter';
    }
  })();
  const go = (next: { period?: string; district?: string | null }) => {
    const p = new URLSearchParams();
    p.set('period', next.period ?? period);
    const d = next.district === undefined ? district : next.district;
    if (d) p.set('district', d);
    navigate({ name: 'view', key: 'stats', params: p });
  };

  useEffect(() => {
    let alive = true;
    // The federation's figures come from its server when this desk is connected (with a note when not).
    api.call('stats.report', { period, district, fromServer: true }).then(
      (report) => alive && setResult({ key, report, error: null }),
      (e) => alive && setResult({ key, report: null, error: errorText(e) }),
    );
    return () => {
      alive = false;
    };
  }, [period, district, key]);
  // The previous report stays on screen (dimmed) while the next one is computed.
  const loading = result?.key !== key;
  const report = result?.report ?? null;
  const error = result?.key === key ? result.error : null;

  const charts = useMemo(() => (report ? reportCharts(report) : []), [report]);

  const open = (title: string, drill: Drill) => setOpened({ title, drill });
  const exportAs = (format: 'xlsx' | 'docx') =>
    runExport(format, async () => {
      const f = await api.call('stats.export', { period, district, format, fromServer: true });
      download(f.fileName, f.dataBase64, format === 'xlsx' ? XLSX_MIME : DOCX_MIME);
      message.success(`已导出 ${f.fileName}`);
    });

  const onChart = (chartId: string) => (c: ChartClick) => {
    const chart = charts.find((x) => x.id === chartId);
    if (!report || !chart?.dimension) return;
    const key = chart.keys[c.dataIndex];
    if (key === undefined) return;
    const dim = chart.dimension;
    const name = (dim === 'district' ? report.byDistrict : dim === 'focusArea' ? report.byFocusArea : report.byPlatform).find((r) => r.key === key)?.label ?? key;
    if (chartId === 'statuses') {
      const s = report.statuses[c.seriesIndex]!;
      open(`${name} · ${s.label}`, { measure: `status:${s.id}` as Drill['measure'], dimension: dim, key });
    } else open(`${name} · 在线项目`, { measure: 'live', dimension: dim, key });
  };

  const groupTable = (rows: StatsRow[], dimension: Drill['dimension'], name: string) => {
    const r = report!;
    const cell = (measure: Drill['measure'], what: string) => (v: number | string, row: StatsRow) =>
      v === 0 ? 0 : <Figure value={v} label={`${row.label}${what}`} onOpen={() => open(`${row.label} · ${what}`, { measure, dimension, key: row.key })} />;
    const columns: ColumnsType<StatsRow> = [
      { title: name, dataIndex: 'label', fixed: 'left', width: 150 },
      { title: '新建', dataIndex: 'created', align: 'right', render: cell('created', '新建') },
      ...r.statuses.map((s) => ({
        title: s.label,
        key: s.id,
        align: 'right' as const,
        render: (_: unknown, row: StatsRow) => cell(`status:${s.id}` as Drill['measure'], s.label)(row.statuses[s.id] ?? 0, row),
      })),
      { title: '在线', dataIndex: 'live', align: 'right', render: cell('live', '在线') },
      { title: '本期结束', dataIndex: 'ended', align: 'right', render: cell('ended', '本期结束') },
      // Money is that of the live projects: its figures open them.
      { title: '目标（元）', dataIndex: 'targetFen', align: 'right', render: (v: number, row: StatsRow) => (row.live ? cell('live', '在线项目')(yuan(v), row) : yuan(v)) },
      { title: '已筹（元）', dataIndex: 'raisedFen', align: 'right', render: (v: number | null, row: StatsRow) => (row.live ? cell('live', '在线项目')(money(v), row) : money(v)) },
      { title: '捐赠笔数', dataIndex: 'donations', align: 'right', render: (n: number | null) => (n === null ? '暂无数据' : n) },
    ];
    const shown = rows.filter((x) => x.created || x.live || Object.values(x.statuses).some(Boolean));
    return (
      <Table
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={shown}
        scroll={{ x: 1000 }}
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="本期没有数据" /> }}
      />
    );
  };

  const t = report?.totals;
  return (
    <div style={{ padding: 16 }} data-testid="stats-view">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          统计
        </Typography.Title>
        <Segmented
          aria-label="统计周期"
          value={kind === 'range' ? 'range' : kind}
          options={[...KINDS, { value: 'range', label: '自定义' }]}
          onChange={(k) =>
            go({
              // 自定义 starts from this month so far; the range picker then changes it.
              period: k === 'range' ? `${dayjs().startOf('month').format('YYYY-MM-DD')}..${dayjs().format('YYYY-MM-DD')}` : periodOptions(k as (typeof KINDS)[number]['value'])[0]!.value,
            })
          }
        />
        {kind !== 'range' ? (
          <Select aria-label="统计期间" data-testid="stats-period" style={{ width: 170 }} value={period} options={periodOptions(kind)} onChange={(p) => go({ period: p })} showSearch />
        ) : null}
        <DatePicker.RangePicker
          aria-label="自定义日期范围"
          style={{ display: kind === 'range' ? undefined : 'none' }}
          value={kind === 'range' ? [dayjs(parsePeriod(period).start), dayjs(parsePeriod(period).end)] : null}
          onChange={(v) => v?.[0] && v[1] && go({ period: `${v[0].format('YYYY-MM-DD')}..${v[1].format('YYYY-MM-DD')}` })}
        />
        <Select
          aria-label="统计范围"
          data-testid="stats-district"
          style={{ width: 200 }}
          value={district ?? ALL}
          showSearch
          options={[{ value: ALL, label: '全市（联合会）' }, ...DISTRICTS.map((d) => ({ value: d, label: d }))]}
          onChange={(d) => go({ district: d === ALL ? null : d })}
        />
        <Button icon={<FileExcelOutlined />} loading={exporting === 'xlsx'} disabled={!report} onClick={handle(() => exportAs('xlsx'))}>
          导出 Excel
        </Button>
        <Button icon={<FileWordOutlined />} loading={exporting === 'docx'} disabled={!report} onClick={handle(() => exportAs('docx'))}>
          导出 Word
        </Button>
      </Space>
      {error && <Alert type="warning" showIcon title={error} data-testid="stats-error" />}
      {report && !loading && <OriginNote origin={report.origin} testId="stats-origin" />}
      {loading && !report && <Spin />}
      {report && t && (
        <Spin spinning={loading}>
          <Alert type={report.empty ? 'info' : 'success'} title={report.summary} data-testid="stats-summary" style={{ marginBottom: 12 }} />
          {report.empty ? (
            <Empty description={`${report.period.label}，${report.scopeLabel}没有项目活动`} />
          ) : (
            <>
              <Row gutter={12} style={{ marginBottom: 12 }}>
                {[
                  { title: '新建项目', value: t.created, drill: 'created' as const },
                  { title: '在线项目', value: t.live, drill: 'live' as const },
                  { title: '本期结束', value: t.ended, drill: 'ended' as const },
                ].map((x) => (
                  <Col span={4} key={x.title}>
                    <Card size="small" hoverable onClick={() => open(x.title, { measure: x.drill, dimension: 'all', key: '' })} data-testid={`stats-total-${x.drill}`}>
                      <Statistic title={x.title} value={x.value} suffix="个" />
                    </Card>
                  </Col>
                ))}
                {[
                  { title: '目标金额（元）', value: yuan(t.targetFen), key: 'target' },
                  { title: '已筹金额（元）', value: money(t.raisedFen), key: 'raised' },
                ].map((x) => (
                  <Col span={6} key={x.key}>
                    <Card size="small" hoverable onClick={() => open('在线项目', { measure: 'live', dimension: 'all', key: '' })} data-testid={`stats-total-${x.key}`}>
                      <Statistic title={x.title} value={x.value} />
                    </Card>
                  </Col>
                ))}
              </Row>
              <Row gutter={12}>
                {charts.map((c) => (
                  <Col span={c.id === 'statuses' ? 24 : 12} key={c.id}>
                    <Card size="small" style={{ marginBottom: 12 }}>
                      <EChart chart={c} onClick={onChart(c.id)} height={c.id === 'statuses' ? 300 : 260} />
                    </Card>
                  </Col>
                ))}
              </Row>
              <Tabs
                items={[
                  { key: 'district', label: '按区县', children: groupTable(report.byDistrict, 'district', '区县') },
                  { key: 'area', label: '按领域', children: groupTable(report.byFocusArea, 'focusArea', '项目领域') },
                  { key: 'platform', label: '按平台', children: groupTable(report.byPlatform, 'platform', '平台') },
                  {
                    key: 'other',
                    label: '同质化、披露与培训',
                    children: (
                      <div data-testid="stats-other">
                        <Typography.Paragraph>
                          {report.homogeneity.checked
                            ? `最近一次同质化检查发现相似项目组 ${report.homogeneity.clusters} 个，涉及项目 ${report.homogeneity.clusteredProposals} 个（${report.homogeneity.clusterDistricts.map((d) => `${d.district} ${d.proposals}`).join('、') || '—'}）。`
                            : '尚未进行同质化检查。'}
                          本期形成品牌项目 {report.homogeneity.brandProjects} 个，并入来源项目 {report.homogeneity.brandSources} 个
                          {report.homogeneity.brandDistricts.length ? `（${report.homogeneity.brandDistricts.map((d) => `${d.district} ${d.proposals}`).join('、')}）` : ''}。
                        </Typography.Paragraph>
                        <Typography.Paragraph>
                          信息披露：{report.disclosure.available ? `披露记录 ${report.disclosure.records} 条，涉及项目 ${report.disclosure.proposalsWithRecords} 个。` : report.disclosure.note}
                        </Typography.Paragraph>
                        <Typography.Paragraph>培训：{report.training.note}</Typography.Paragraph>
                      </div>
                    ),
                  },
                ]}
              />
            </>
          )}
        </Spin>
      )}
      <DrillDrawer opened={opened} period={period} district={district} onClose={() => setOpened(null)} />
    </div>
  );
}
