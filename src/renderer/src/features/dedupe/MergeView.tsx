import { ArrowLeftOutlined, MergeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Popconfirm, Result, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { MergeInput } from '../../../../shared/api/methods/dedupe';
import { DISTRICTS, FOCUS_AREAS, SECTION_IDS, type FocusAreaId, type SectionId } from '../../../../shared/domain/catalog';
import type { Org, Proposal } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { ImeInput, ImeTextArea } from '../../inputs/ImeInput';
import { navigate } from '../../router';
import { errorText } from '../../util/errors';
import { MergePreview } from './MergePreview';
import { EDITED, editFrom, sectionChoices, type Edits, type Picks } from './mergeChoices';
import { SectionChooser } from './SectionChooser';
import './dedupe.css';
import { useAsyncHandler } from '../../util/asyncHandler';

const PREVIEW_DEBOUNCE_MS = 400;
const OTHER = '__other';
const orgKey = (o: Org) => `${o.name.trim()}|${o.creditCode.trim()}`;

function Sources({ ids }: { ids: string[] }) {
  const [sources, setSources] = useState<{ for: string; value: Proposal[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    Promise.all(key.split(',').map((id) => api.call('proposal.get', { id })))
      .then((value) => live && setSources({ for: key, value }))
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [key]);
  if (error) return <Result status="warning" title="无法读取要合并的项目" subTitle={error} extra={<a href="#/">返回项目库</a>} />;
  if (!sources || sources.for !== key) {
    return (
      <Spin style={{ display: 'block', marginTop: 80 }} tip="正在读取要合并的项目…" size="large">
        <div />
      </Spin>
    );
  }
  return <MergeForm key={key} sources={sources.value} />;
}

function MergeForm({ sources }: { sources: Proposal[] }) {
  const handle = useAsyncHandler();
  const { message } = App.useApp();
  const first = sources[0]!;
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [district, setDistrict] = useState<string | null>(null);
  const [focusArea, setFocusArea] = useState<FocusAreaId | null>(null);
  const [fundraiserPick, setFundraiserPick] = useState<string | null>(null);
  const [customFundraiser, setCustomFundraiser] = useState<Org>({ name: '', creditCode: '' });
  const [picks, setPicks] = useState<Picks>({});
  const [edits, setEdits] = useState<Edits>({});
  const [preview, setPreview] = useState<{ brand: Proposal; warnings: string[] } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [committing, setCommitting] = useState(false);

  const fundraisers = useMemo(() => {
    const seen = new Map<string, Org>();
    for (const p of sources) if (p.roles.fundraiser.name.trim() !== '') seen.set(orgKey(p.roles.fundraiser), p.roles.fundraiser);
    return [...seen.entries()];
  }, [sources]);
  const fundraiser: Org | null =
    fundraiserPick === null ? null : fundraiserPick === OTHER ? customFundraiser : (fundraisers.find(([k]) => k === fundraiserPick)?.[1] ?? null);

  const input: MergeInput = useMemo(
    () => ({
      sourceIds: sources.map((p) => p.id),
      title,
      summary,
      district,
      focusArea,
      fundraiser,
      sections: sectionChoices(first.id, picks, edits),
    }),
    [sources, first.id, title, summary, district, focusArea, fundraiser, picks, edits],
  );

  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      api
        .call('merge.preview', input)
        .then((r) => {
          if (!live) return;
          setPreview(r);
          setPreviewError(null);
        })
        .catch((e) => live && setPreviewError(errorText(e)));
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [input]);

  const commit = async () => {
    setCommitting(true);
    try {
      const r = await api.call('merge.commit', input);
      message.success(`已生成品牌项目「${r.brand.title}」，${r.sources.length} 个来源项目已标记为已合并`);
      navigate({ name: 'proposal', id: r.brand.id });
    } catch (e) {
      message.error(errorText(e));
      setCommitting(false);
    }
  };

  const setEdit = (section: SectionId, doc: Parameters<typeof editFrom>[0], typed?: boolean) => {
    setEdits((all) => {
      const previous = all[section];
      const next = editFrom(doc, previous);
      // Typing keeps the editor mounted; a new starting text remounts it.
      return { ...all, [section]: typed && previous ? { ...next, epoch: previous.epoch } : next };
    });
    if (!typed) setPicks((all) => ({ ...all, [section]: EDITED }));
  };

  const districtOptions = [...new Set([...sources.map((p) => p.district).filter((d) => d !== ''), ...DISTRICTS])];

  return (
    <div className="merge-view">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Space>
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => window.history.back()}>
            返回
          </Button>
          <Typography.Title level={3} style={{ margin: 0 }}>
            合并为品牌项目
          </Typography.Title>
        </Space>
      </Space>
      <Typography.Paragraph>
        把 {sources.length} 个相似项目整合为一个品牌项目，联合筹款、共同实施：
        {sources.map((p) => (
          <Tag key={p.id} style={{ marginInlineStart: 6 }}>
            <a href={`#/p/${p.id}`}>
              {p.district || '未填区县'}「{p.title || '未命名'}」
            </a>
          </Tag>
        ))}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        逐节选择采用哪个项目的文字，或合并后修改；预算、受益人、执行方等由系统汇总（右侧预览）。生成后，来源项目标记为「已合并」并保留原文供查阅；在品牌项目修改之前，可以撤销合并。
      </Typography.Paragraph>

      <div className="merge-layout">
        <div>
          <Card size="small" title="基本信息" style={{ marginBottom: 16 }}>
            <Form layout="vertical" component="div">
              <Form.Item label="品牌项目名称">
                <ImeInput value={title} maxLength={200} placeholder={preview?.brand.title ?? `${first.title}（品牌项目）`} aria-label="品牌项目名称" onCommit={setTitle} />
              </Form.Item>
              <Form.Item label="一句话简介">
                <ImeTextArea value={summary} maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={first.summary || '为谁、解决什么问题、怎么做'} aria-label="品牌项目简介" onCommit={setSummary} />
              </Form.Item>
              <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
                <Form.Item label="区县（牵头）">
                  <Select
                    allowClear
                    showSearch
                    value={district}
                    placeholder={preview ? `默认：${preview.brand.district || '未填'}` : '默认'}
                    aria-label="品牌项目区县"
                    options={districtOptions.map((d) => ({ value: d, label: d }))}
                    onChange={(v) => setDistrict(v ?? null)}
                  />
                </Form.Item>
                <Form.Item label="领域">
                  <Select
                    allowClear
                    value={focusArea}
                    placeholder={preview?.brand.focusArea ? `默认：${FOCUS_AREAS.find((f) => f.id === preview.brand.focusArea)?.label}` : '默认'}
                    aria-label="品牌项目领域"
                    options={FOCUS_AREAS.map((f) => ({ value: f.id, label: f.label }))}
                    onChange={(v) => setFocusArea(v ?? null)}
                  />
                </Form.Item>
              </div>
              <Form.Item label="公募支持方（联合筹款的主体）" extra="各区县的执行机构都作为执行方保留；筹款由一个具有公开募捐资格的慈善组织统一进行。">
                <Select
                  allowClear
                  value={fundraiserPick}
                  placeholder={preview ? `默认：${preview.brand.roles.fundraiser.name || '未指定'}` : '默认'}
                  aria-label="公募支持方"
                  options={[
                    ...fundraisers.map(([k, o]) => ({ value: k, label: o.creditCode ? `${o.name}（${o.creditCode}）` : o.name })),
                    { value: OTHER, label: '其他机构（手动填写）' },
                  ]}
                  onChange={(v) => setFundraiserPick(v ?? null)}
                />
                {fundraiserPick === OTHER && (
                  <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 8, marginTop: 8 }}>
                    <ImeInput value={customFundraiser.name} placeholder="机构名称" aria-label="公募支持方名称" onCommit={(name) => setCustomFundraiser((o) => ({ ...o, name }))} />
                    <ImeInput
                      value={customFundraiser.creditCode}
                      placeholder="统一社会信用代码"
                      aria-label="公募支持方统一社会信用代码"
                      onCommit={(creditCode) => setCustomFundraiser((o) => ({ ...o, creditCode }))}
                    />
                  </div>
                )}
              </Form.Item>
            </Form>
          </Card>
          {SECTION_IDS.map((s) => (
            <SectionChooser
              key={s}
              section={s}
              sources={sources}
              pick={picks[s] ?? first.id}
              edit={edits[s]}
              onPick={(pick) => setPicks((all) => ({ ...all, [s]: pick }))}
              onEdit={(doc, typed) => setEdit(s, doc, typed)}
            />
          ))}
        </div>
        <Card
          size="small"
          title="合并预览"
          className="merge-preview"
          aria-label="合并预览"
          styles={{ body: { maxHeight: 'calc(100vh - 110px)', overflow: 'auto' } }}
          extra={
            <Popconfirm
              title="生成品牌项目？"
              description={`${sources.length} 个来源项目将标记为「已合并」，原文保留；品牌项目修改前可以撤销合并。`}
              okText="生成"
              cancelText="取消"
              onConfirm={handle(commit)}
            >
              <Button type="primary" icon={<MergeOutlined aria-hidden />} disabled={previewError !== null || !preview} loading={committing}>
                生成品牌项目
              </Button>
            </Popconfirm>
          }
        >
          {previewError ? (
            <Alert type="error" showIcon title="无法合并这些项目" description={previewError} />
          ) : !preview ? (
            <Spin tip="正在汇总…">
              <div style={{ height: 80 }} />
            </Spin>
          ) : (
            <MergePreview brand={preview.brand} warnings={preview.warnings} sources={sources} />
          )}
        </Card>
      </div>
    </div>
  );
}

/** #/v/merge?ids=a,b: merge similar proposals into a brand project (品牌项目). */
export function MergeView({ params }: { params: URLSearchParams }) {
  const ids = [...new Set((params.get('ids') ?? '').split(',').filter((id) => id !== ''))];
  if (ids.length < 2) {
    return (
      <Result
        status="info"
        title="请选择至少两个项目再合并"
        subTitle="在「同质化检查」的相似项目组里点「合并为品牌项目」，或在项目库中勾选两个以上的项目。"
        extra={
          <Space>
            <Button type="primary" onClick={() => navigate({ name: 'view', key: 'dedupe', params: new URLSearchParams() })}>
              同质化检查
            </Button>
            <Button onClick={() => navigate({ name: 'library' })}>返回项目库</Button>
          </Space>
        }
      />
    );
  }
  return <Sources key={ids.join(',')} ids={ids} />;
}
