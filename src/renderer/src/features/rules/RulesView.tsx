import { DiffOutlined, ImportOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Menu, Select, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../../shared/api/client';
import type { ImpactReport, PackId, PackInfo, PackVersionInfo } from '../../../../shared/api/methods/rules';
import { PLATFORM_IDS } from '../../../../shared/domain/catalog';
import { api } from '../../api';
import { JobProgress, useJob } from '../../util/JobProgress';
import { navigate } from '../../router';
import { errorText } from '../../util/errors';
import { dateTime } from '../../util/format';
import { PackDiffView } from './PackDiffView';
import { forgetSummaries } from './summaryLoader';
import './rules.css';
import { useAsyncHandler } from '../../util/asyncHandler';

interface ImportFailure {
  title: string;
  message: string;
  details: readonly string[];
}

/** Details shown at once; a broken file may have hundreds. */
const DETAILS_SHOWN = 20;

/** The legal pack first, then the platforms as the catalog lists them (by how much the federation uses them). */
function inCatalogOrder(packs: PackInfo[]): PackInfo[] {
  const order: string[] = ['legal', ...PLATFORM_IDS];
  return [...packs].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

function go(pack: string, from?: string, to?: string): void {
  const params = new URLSearchParams({ pack });
  if (from && to) {
    params.set('from', from);
    params.set('to', to);
  }
  navigate({ name: 'view', key: 'rules', params });
}

/** What an imported version does now: in use, waiting for its effective date, or held back by a pin. */
function importedState(x: { active: boolean; effectiveDate: string }): string {
  if (x.active) return '，现在使用此版';
  if (x.effectiveDate > todayInChongqing()) return `，将于 ${x.effectiveDate} 生效，届时取代正在使用的版本`;
  return '（已固定其他版本，此版暂不使用）';
}

const todayInChongqing = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function VersionTags({ v, pinned }: { v: PackVersionInfo; pinned: string | null }) {
  return (
    <Space size={4} wrap>
      {v.active && <Tag color="green">正在使用</Tag>}
      {v.pending && <Tag color="orange">{v.effectiveDate} 起生效</Tag>}
      {pinned === v.version && <Tag color="blue">已固定</Tag>}
      <Tag>{v.origin === 'shipped' ? '随善策发布' : '导入'}</Tag>
    </Space>
  );
}

function Diff({ pack, from, to }: { pack: PackId; from: string; to: string }) {
  const key = `${pack}|${from}|${to}`;
  const [loaded, setLoaded] = useState<{ key: string; report: ImpactReport | null; error: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    api
      .call('rules.diff', { id: pack, from, to })
      .then((report) => live && setLoaded({ key, report, error: null }))
      .catch((e) => live && setLoaded({ key, report: null, error: errorText(e) }));
    return () => {
      live = false;
    };
  }, [key, pack, from, to]);
  if (loaded?.key !== key) return <Spin tip="正在比较，并重新检查项目库中的项目…">{<div style={{ height: 80 }} />}</Spin>;
  if (!loaded.report) return <Alert type="error" showIcon title="无法比较这两个版本" description={loaded.error} />;
  return <PackDiffView report={loaded.report} />;
}

function PackDetail({ info, from, to, onChanged }: { info: PackInfo; from: string | null; to: string | null; onChanged: () => void }) {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const versions = info.versions;
  // Remounted (see its key) when the compared versions in the address change.
  const [a, setA] = useState<string | undefined>(from ?? versions[1]?.version);
  const [b, setB] = useState<string | undefined>(to ?? versions[0]?.version);

  const pin = async (version: string | null) => {
    try {
      await api.call('rules.pin', { id: info.id, version });
      forgetSummaries();
      message.success(version ? `已固定使用「${info.name}」${version} 版` : `已取消固定：「${info.name}」使用最新版本`);
      onChanged();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const options = versions.map((v) => ({ value: v.version, label: `${v.version} 版（${v.effectiveDate} 生效）` }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={
          <Space>
            {info.name}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              正在使用 {info.activeVersion} 版
              {info.upcoming && `；${info.upcoming.version} 版将于 ${info.upcoming.effectiveDate} 生效，届时自动取代 ${info.activeVersion} 版`}
            </Typography.Text>
          </Space>
        }
      >
        <Table<PackVersionInfo>
          size="small"
          rowKey="version"
          pagination={false}
          dataSource={versions}
          columns={[
            { title: '版本', dataIndex: 'version', width: 80 },
            { title: '状态', width: 200, render: (_, v) => <VersionTags v={v} pinned={info.pinnedVersion} /> },
            { title: '生效日期', dataIndex: 'effectiveDate', width: 110 },
            { title: '导入时间', width: 140, render: (_, v) => (v.importedAt ? dateTime(v.importedAt) : '—') },
            { title: '规则数', dataIndex: 'ruleCount', width: 70, align: 'right' },
            { title: '更新说明', dataIndex: 'summary' },
            {
              title: '操作',
              width: 120,
              render: (_, v) =>
                info.pinnedVersion === v.version ? (
                  <Button size="small" icon={<UnlockOutlined aria-hidden />} onClick={handle(() => pin(null))}>
                    取消固定
                  </Button>
                ) : (
                  <Button size="small" icon={<LockOutlined aria-hidden />} onClick={handle(() => pin(v.version))} aria-label={`固定使用 ${v.version} 版`}>
                    固定此版
                  </Button>
                ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {info.pinnedVersion
            ? `已固定使用 ${info.pinnedVersion} 版：以后导入更新的版本也不会自动启用，直到取消固定。`
            : '未固定版本：始终使用版本号最新的一版。旧版本都会保留，可随时固定回去。'}
        </Typography.Paragraph>
      </Card>

      <Card title="比较两个版本">
        {versions.length < 2 ? (
          <Typography.Text type="secondary">此规则包只有一个版本。导入新版本后，可以在这里查看两版的差别和受影响的项目。</Typography.Text>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }} size={16}>
            <Space wrap>
              <Select style={{ width: 240 }} value={a} onChange={setA} options={options} aria-label="旧版本" />
              <span>→</span>
              <Select style={{ width: 240 }} value={b} onChange={setB} options={options} aria-label="新版本" />
              <Button type="primary" icon={<DiffOutlined aria-hidden />} disabled={!a || !b || a === b} onClick={() => go(info.id, a, b)}>
                比较
              </Button>
            </Space>
            {from && to && <Diff pack={info.id} from={from} to={to} />}
          </Space>
        )}
      </Card>
    </Space>
  );
}

/**
 * The rule packs: every pack with its versions, importing a new version from a file, pinning one,
 * and what changes between two versions for the proposals in the library.
 */
export function RulesView({ params }: { params: URLSearchParams }) {
  const { message } = App.useApp();
  const job = useJob();
  const [packs, setPacks] = useState<PackInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const [importing, setImporting] = useState(false);

  const [reloadKey, setReloadKey] = useState(0);
  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  useEffect(() => {
    let live = true;
    api
      .call('rules.packs', {})
      .then((r) => {
        if (!live) return;
        setPacks(inCatalogOrder(r.packs));
        setLoadError(null);
      })
      .catch((e) => live && setLoadError(errorText(e)));
    return () => {
      live = false;
    };
  }, [reloadKey]);

  const selected = packs?.find((p) => p.id === params.get('pack')) ?? packs?.[0] ?? null;

  const importFile = async (file: File) => {
    setFailure(null);
    setImporting(true);
    try {
      const before = new Map((packs ?? []).map((p) => [p.id, p.activeVersion]));
      const { imported } = await job.run('rules.import', { json: await file.text() }, `正在导入「${file.name}」`);
      forgetSummaries();
      reload();
      const added = imported.filter((x) => x.status === 'added');
      const name = (id: string) => packs?.find((p) => p.id === id)?.name ?? id;
      for (const x of imported) {
        if (x.status === 'unchanged') message.info(`「${name(x.id)}」${x.version} 版已在库中，内容相同，未重复导入`);
        else message.success(`已导入「${name(x.id)}」${x.version} 版${importedState(x)}`);
      }
      // Show what the new version changes, against the version in use until now.
      const first = added[0];
      if (first) {
        const old = before.get(first.id);
        go(first.id, old && old !== first.version ? old : undefined, old && old !== first.version ? first.version : undefined);
      }
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      setFailure({
        title: `无法导入「${file.name}」，规则包没有任何改动`,
        message: text,
        // The message already quotes the first problem.
        details: e instanceof ApiError ? e.details.filter((d) => !text.includes(d)) : [],
      });
    } finally {
      setImporting(false);
    }
  };

  return (
    <div>
      <JobProgress job={job.handle} />
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space orientation="vertical" size={0}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            规则包
          </Typography.Title>
          <Typography.Text type="secondary">各平台的字段、字数限制和内容规则，以及法律通用规则。平台规则变化时，导入总会发布的新版本。</Typography.Text>
        </Space>
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            void importFile(file);
            return false;
          }}
        >
          <Button type="primary" icon={<ImportOutlined aria-hidden />} loading={importing}>
            导入新版本
          </Button>
        </Upload>
      </Space>

      {failure && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setFailure(null)}
          style={{ marginBottom: 16 }}
          title={failure.title}
          description={
            <div>
              <div>{failure.message}</div>
              {failure.details.length > 0 && (
                <ul className="rules-import-details">
                  {failure.details.slice(0, DETAILS_SHOWN).map((d, i) => (
                    <li key={i}>{d}</li>
                  ))}
                  {failure.details.length > DETAILS_SHOWN && <li>……还有 {failure.details.length - DETAILS_SHOWN} 处问题</li>}
                </ul>
              )}
            </div>
          }
        />
      )}
      {loadError && <Alert type="error" showIcon title="无法读取规则包" description={loadError} style={{ marginBottom: 16 }} />}

      {!packs && !loadError ? (
        <Spin tip="正在读取规则包…">{<div style={{ height: 120 }} />}</Spin>
      ) : (
        packs && (
          <div className="rules-view-layout">
            <Card size="small" className="rules-view-packs">
              <Menu
                mode="inline"
                aria-label="规则包"
                selectedKeys={selected ? [selected.id] : []}
                onClick={({ key }) => go(key)}
                items={packs.map((p) => ({
                  key: p.id,
                  label: (
                    <span className="rules-view-pack">
                      <span>{p.name}</span>
                      <span className="rules-view-pack-version">
                        {p.activeVersion}
                        {p.pinnedVersion ? ' · 已固定' : ''}
                        {p.versions.length > 1 ? ` · 共 ${p.versions.length} 版` : ''}
                      </span>
                    </span>
                  ),
                }))}
              />
            </Card>
            {selected && <PackDetail key={`${selected.id}|${params.get('from')}|${params.get('to')}`} info={selected} from={params.get('from')} to={params.get('to')} onChanged={reload} />}
          </div>
        )
      )}
    </div>
  );
}
