import { ClearOutlined, FileExcelOutlined, FileWordOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, InputNumber, Pagination, Segmented, Select, Space, Spin, Table, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_THRESHOLD, MIN_THRESHOLD, type DedupeReport, type ReportPair } from '../../../../shared/api/methods/dedupe';
import { focusAreaLabel, type FocusAreaId } from '../../../../shared/domain/catalog';
import { api } from '../../api';
import { JobProgress, useJob } from '../../util/JobProgress';
import { useBusyKey } from '../../util/busyAction';
import { navigate } from '../../router';
import { errorText } from '../../util/errors';
import { download } from '../../util/files';
import { dateTime } from '../../util/format';
import { DOCX_MIME } from '../export/exportFiles';
import { KindredPairs } from './KindredPairs';
import { ClusterCard, type ClusterActions } from './ClusterCard';
import { CompareDrawer, type ComparePair } from './CompareDrawer';
import { percent, ScoreExplanation } from './similarity';
import './dedupe.css';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Sort = 'score' | 'size' | 'district';
const SORTS: { value: Sort; label: string }[] = [
  { value: 'score', label: '按最高相似度' },
  { value: 'size', label: '按项目数' },
  { value: 'district', label: '按区县' },
];
const zh = new Intl.Collator('zh-CN');
/** Above this many proposals a run takes long enough to say so up front. */
const LARGE_LIBRARY = 5_000;
/** Clusters shown at once: a large library can have thousands. */
const PAGE_SIZE = 10;

/** The last report, kept while the app runs so that coming back from a comparison or a merge does not mean running it again. */
let lastReport: DedupeReport | null = null;

export function mergeView(ids: readonly string[]): void {
  navigate({ name: 'view', key: 'merge', params: new URLSearchParams({ ids: ids.join(',') }) });
}

function Running({ since, size }: { since: number; size: number | null }) {
  const [now, setNow] = useState(since);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const seconds = Math.max(0, Math.round((now - since) / 1000));
  // The core compares in one call, so there is no fraction to show: say that it is working, and for how long.
  return (
    <Alert
      type="info"
      showIcon
      icon={<Spin size="small" />}
      role="status"
      aria-live="polite"
      data-testid="dedupe-running"
      style={{ margin: '12px 0' }}
      title={`正在检查项目库（共 ${size ?? '…'} 个项目）…已用时 ${seconds} 秒`}
      description={size !== null && size > LARGE_LIBRARY ? '项目较多，可能需要一分钟左右。可以先去做别的事，检查完成后回到这里查看。' : undefined}
    />
  );
}

/** 同质化检查: similar proposals across the whole library, grouped, with what they share. */
export function DedupeReportView() {
  const { message } = App.useApp();
  // The check and its export run off the UI thread, with a percentage and 取消.
  const job = useJob();
  const [thresholdPct, setThresholdPct] = useState(Math.round((lastReport?.threshold ?? DEFAULT_THRESHOLD) * 100));
  const [report, setReport] = useState<DedupeReport | null>(lastReport);
  const [runningSince, setRunningSince] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [size, setSize] = useState<number | null>(null);
  const [district, setDistrict] = useState<string | null>(null);
  const [focusArea, setFocusArea] = useState<FocusAreaId | null>(null);
  const [minPct, setMinPct] = useState<number | null>(null);
  const [sort, setSort] = useState<Sort>('score');
  const [page, setPage] = useState(1);
  const [pair, setPair] = useState<ComparePair | null>(null);
  // A judgement is keyed by its pair, so only that pair's buttons turn busy.
  const [busy, runJudge] = useBusyKey<string>();
  const [exporting, runExport] = useBusyKey<'xlsx' | 'docx'>();
  const runs = useRef(0);

  // The last check is a record kept in the library: shown again after a restart, with its time and threshold.
  useEffect(() => {
    if (lastReport) return;
    let live = true;
    api
      .call('dedupe.lastReport', {})
      .then(({ report: stored }) => {
        if (!live || !stored || runs.current > 0) return;
        lastReport = stored;
        setReport(stored);
        setThresholdPct(Math.round(stored.threshold * 100));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    api
      .call('proposal.list', { limit: 1 })
      .then((r) => setSize(r.total))
      .catch(() => setSize(null));
  }, []);

  const run = async (threshold: number) => {
    const mine = ++runs.current;
    setRunningSince(Date.now());
    setError(null);
    try {
      const r = await job.run('dedupe.report', { threshold }, '正在进行同质化检查');
      if (mine !== runs.current) return;
      lastReport = r;
      setReport(r);
    } catch (e) {
      if (mine === runs.current) setError(errorText(e));
    } finally {
      if (mine === runs.current) setRunningSince(null);
    }
  };

  const visible = useMemo(() => {
    if (!report) return [];
    const min = minPct === null ? 0 : minPct / 100;
    const kept = report.clusters.filter(
      (c) => (district === null || c.districts.includes(district)) && (focusArea === null || c.focusAreas.includes(focusArea)) && c.maxScore >= min - 1e-9,
    );
    const byScore = (x: (typeof kept)[number], y: (typeof kept)[number]) => y.maxScore - x.maxScore;
    const firstDistrict = (c: (typeof kept)[number]) => [...c.districts].sort(zh.compare)[0] ?? '\uffff';
    return [...kept].sort((x, y) =>
      sort === 'size'
        ? y.members.length - x.members.length || byScore(x, y)
        : sort === 'district'
          ? zh.compare(firstDistrict(x), firstDistrict(y)) || byScore(x, y)
          : byScore(x, y),
    );
  }, [report, district, focusArea, minPct, sort]);

  /** Changing what is shown starts again from the first page. */
  const refine =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const clearFilters = () => {
    setDistrict(null);
    setFocusArea(null);
    setMinPct(null);
    setPage(1);
  };
  const pageCount = Math.max(1, Math.ceil(visible.length / PAGE_SIZE));
  const shownPage = Math.min(page, pageCount);

  const districts = useMemo(() => [...new Set(report?.clusters.flatMap((c) => c.districts) ?? [])].sort(zh.compare), [report]);
  const focusAreas = useMemo(() => [...new Set(report?.clusters.flatMap((c) => c.focusAreas) ?? [])], [report]);
  const filtered = district !== null || focusArea !== null || minPct !== null;

  const titleOf = (id: string): string => {
    for (const c of report?.clusters ?? []) {
      const m = c.members.find((x) => x.id === id);
      if (m) return m.title || '未命名';
    }
    return id;
  };

  const judge = async (a: string, b: string, distinct: boolean, label: string) => {
    if (!report) return;
    await runJudge(`${a}|${b}`, async () => {
      await api.call('dedupe.judge', { a, b, distinct });
      message.success(distinct ? `已记录：${label}不是同一项目，以后的检查不再把它们列为相似` : `已撤销排除：${label}会重新参与检查`);
      await run(report.threshold);
    });
  };

  const actions: ClusterActions = {
    compare: (a, b) => setPair({ a: { id: a }, b: { id: b } }),
    judge: (p: ReportPair, distinct) => void judge(p.a, p.b, distinct, `「${titleOf(p.a)}」与「${titleOf(p.b)}」`),
    merge: (ids) => mergeView(ids),
    busy,
  };

  const doExport = async (format: 'xlsx' | 'docx') => {
    if (!report) return;
    await runExport(format, async () => {
      const r = await job.run('dedupe.exportReport', { threshold: report.threshold, format, clusterIds: visible.map((c) => c.id) }, '正在导出同质化检查报告');
      download(r.fileName, r.dataBase64, format === 'xlsx' ? XLSX_MIME : DOCX_MIME);
      message.success(`已导出 ${r.clusters} 组相似项目：${r.fileName}`);
    });
  };

  // Said, never silently raised: a threshold typed below the minimum is not run at another value.
  const tooLow = thresholdPct < Math.round(MIN_THRESHOLD * 100);
  const thresholdChanged = report !== null && Math.abs(report.threshold * 100 - thresholdPct) > 1e-9;

  return (
    <div className="dd-report">
      <JobProgress job={job.handle} />
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          同质化检查
        </Typography.Title>
        <Space wrap>
          <span>相似度阈值</span>
          <InputNumber
            min={1}
            max={100}
            status={tooLow ? 'error' : undefined}
            step={5}
            value={thresholdPct}
            onChange={(v) => setThresholdPct(v ?? Math.round(DEFAULT_THRESHOLD * 100))}
            suffix="%"
            controls={false}
            style={{ width: 100 }}
            aria-label="相似度阈值（百分比）"
          />
          <Button type="primary" icon={<SearchOutlined aria-hidden />} loading={runningSince !== null} disabled={tooLow} onClick={() => void run(thresholdPct / 100)}>
            {report ? '重新检查' : '开始检查'}
          </Button>
        </Space>
      </Space>
      {tooLow && (
        <Alert
          type="error"
          showIcon
          data-testid="threshold-too-low"
          style={{ marginBottom: 8 }}
          title={`阈值不能低于 ${percent(MIN_THRESHOLD)}：低于这个值时检查会漏报相似项目，结果不可靠。请把阈值改为 ${percent(MIN_THRESHOLD)} 或更高。`}
        />
      )}
      <Typography.Paragraph type="secondary">
        比较项目库中全部项目（含从区县交换包导入的项目，不含已合并的来源项目）的正文，把内容相近的项目归为一组，供审核时判断是否重复申报，或整合为联合筹款、共同实施的品牌项目。
      </Typography.Paragraph>
      <ScoreExplanation />

      {runningSince !== null && <Running since={runningSince} size={size} />}
      {error && <Alert type="error" showIcon title="同质化检查没有完成" description={error} style={{ margin: '12px 0' }} />}

      {!report ? (
        runningSince === null && (
          <Empty style={{ marginTop: 48 }} description="还没有检查过。设定相似度阈值后点「开始检查」，将逐一比较项目库中的项目。" />
        )
      ) : (
        <>
          <Alert
            style={{ margin: '12px 0' }}
            type={report.clusters.length > 0 ? 'warning' : 'success'}
            showIcon
            data-testid="dedupe-summary"
            title={
              report.clusters.length > 0
                ? `比较了 ${report.compared} 个项目，发现 ${report.clusters.length} 组相似项目（相似度阈值 ${percent(report.threshold)}）`
                : `比较了 ${report.compared} 个项目，没有发现相似度达到 ${percent(report.threshold)} 的项目`
            }
            description={
              <>
                生成于 {dateTime(report.generatedAt)}。
                {report.tooShort > 0 && `另有 ${report.tooShort} 个项目正文过短，未参与比较。`}
                {report.commonShingles > 0 && '多数项目共有的通用段落（如机构简介、法律条文）视为背景，不计入相似度。'}
                {`同类项目 ${report.kindred.length} 对（见「同类项目」）。`}
                {report.dismissed.length > 0 && `已排除 ${report.dismissed.length} 对判定为不是同一项目的项目。`}
                {thresholdChanged && `阈值已改为 ${thresholdPct}%，点「重新检查」后生效。`}
              </>
            }
          />
          <Tabs
            items={[
              {
                key: 'clusters',
                label: `文字雷同（${visible.length} 组）`,
                children: (
                  <>
                    {report.clusters.length > 0 && (
                      <Space wrap style={{ marginBottom: 12 }}>
                        <Segmented value={sort} onChange={(v) => refine(setSort)(v as Sort)} options={SORTS} aria-label="排序" />
                        <Select allowClear showSearch placeholder="区县" style={{ width: 150 }} value={district} onChange={(v) => refine(setDistrict)(v ?? null)} options={districts.map((d) => ({ value: d, label: d }))} aria-label="按区县筛选" />
                        <Select allowClear placeholder="领域" style={{ width: 150 }} value={focusArea} onChange={(v) => refine(setFocusArea)(v ?? null)} options={focusAreas.map((f) => ({ value: f, label: focusAreaLabel(f) }))} aria-label="按领域筛选" />
                        <InputNumber
                          min={Math.round(report.threshold * 100)}
                          max={100}
                          step={5}
                          value={minPct}
                          onChange={(v) => refine(setMinPct)(v)}
                          placeholder="最低相似度"
                          suffix="%"
                          controls={false}
                          style={{ width: 130 }}
                          aria-label="最低相似度（百分比）"
                        />
                        {filtered && (
                          <Button icon={<ClearOutlined aria-hidden />} onClick={clearFilters}>
                            清除筛选
                          </Button>
                        )}
                        <Button icon={<FileExcelOutlined aria-hidden />} disabled={visible.length === 0} loading={exporting === 'xlsx'} onClick={() => void doExport('xlsx')}>
                          导出 Excel
                        </Button>
                        <Button icon={<FileWordOutlined aria-hidden />} disabled={visible.length === 0} loading={exporting === 'docx'} onClick={() => void doExport('docx')}>
                          导出 Word
                        </Button>
                      </Space>
                    )}
                    {report.clusters.length === 0 ? (
                      <Empty description={`没有发现相似度达到 ${percent(report.threshold)} 的项目。可以降低阈值后重新检查。`} />
                    ) : visible.length === 0 ? (
                      <Empty description="没有符合筛选条件的项目组。">
                        <Button onClick={clearFilters}>清除筛选</Button>
                      </Empty>
                    ) : (
                      <>
                        {visible.slice((shownPage - 1) * PAGE_SIZE, shownPage * PAGE_SIZE).map((c, i) => (
                          <ClusterCard key={c.id} cluster={c} index={(shownPage - 1) * PAGE_SIZE + i + 1} actions={actions} />
                        ))}
                        {visible.length > PAGE_SIZE && (
                          <Pagination
                            align="center"
                            current={shownPage}
                            pageSize={PAGE_SIZE}
                            total={visible.length}
                            showSizeChanger={false}
                            showTotal={(t) => `共 ${t} 组`}
                            onChange={(p) => {
                              setPage(p);
                              window.scrollTo({ top: 0 });
                            }}
                          />
                        )}
                      </>
                    )}
                  </>
                ),
              },
              {
                key: 'kindred',
                label: `同类项目（${report.kindred.length}）`,
                children: <KindredPairs pairs={report.kindred} onCompare={setPair} />,
              },
              {
                key: 'dismissed',
                label: `已排除（${report.dismissed.length}）`,
                children: (
                  <>
                    <Typography.Paragraph type="secondary">审核人判定「不是同一项目」的项目对，检查时不再列为相似。判定有误时可以撤销。</Typography.Paragraph>
                    <Table
                      rowKey={(d) => `${d.a}|${d.b}`}
                      size="small"
                      pagination={false}
                      dataSource={report.dismissed}
                      aria-label="已排除的项目对"
                      locale={{ emptyText: '还没有排除过项目对。在相似项目组里点「不是同一项目」即可排除。' }}
                      columns={[
                        {
                          title: '项目',
                          render: (_, d) => (
                            <span>
                              <a href={`#/p/${d.a}`}>{d.aTitle || '未命名'}</a> ↔ <a href={`#/p/${d.b}`}>{d.bTitle || '未命名'}</a>
                            </span>
                          ),
                        },
                        { title: '相似度', width: 90, render: (_, d) => percent(d.score) },
                        { title: '判定时间', width: 150, render: (_, d) => dateTime(d.decidedAt) },
                        {
                          title: '操作',
                          width: 170,
                          render: (_, d) => {
                            const label = `「${d.aTitle || '未命名'}」与「${d.bTitle || '未命名'}」`;
                            return (
                              <Space size={4}>
                                <Button size="small" onClick={() => setPair({ a: { id: d.a }, b: { id: d.b } })} aria-label={`对照${label}`}>
                                  对照
                                </Button>
                                <Button size="small" loading={busy === `${d.a}|${d.b}`} onClick={() => void judge(d.a, d.b, false, label)} aria-label={`撤销排除${label}`}>
                                  撤销排除
                                </Button>
                              </Space>
                            );
                          },
                        },
                      ]}
                    />
                  </>
                ),
              },
            ]}
          />
        </>
      )}
      <CompareDrawer pair={pair} onClose={() => setPair(null)} />
    </div>
  );
}
