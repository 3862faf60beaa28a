import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Empty, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { TemplateSummary } from '../../../../shared/api/methods/handbook';
import { FOCUS_AREAS, SECTIONS, type FocusAreaId } from '../../../../shared/domain/catalog';
import type { Template } from '../../../../shared/handbook/schema';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { Bullets } from './GuidePage';
import './handbook.css';

/** Template text with its placeholders (【请填写：…】) marked, so no one takes them for facts. */
export function Placeholders({ text }: { text: string }) {
  return (
    <>
      {text.split(/(【[^】]*】)/).map((part, i) =>
        part.startsWith('【') ? (
          <mark key={i} className="hb-ph">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

function TemplatePreview({ id, onClose }: { id: string | null; onClose: () => void }) {
  const [t, setT] = useState<{ id: string; template: Template } | { id: string; error: string } | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    api
      .call('handbook.template', { id })
      .then((r) => live && setT({ id, template: r.template }))
      .catch((e) => live && setT({ id, error: errorText(e) }));
    return () => {
      live = false;
    };
  }, [id]);
  const shown = t && t.id === id ? t : null;
  return (
    <Drawer key={id ?? ''} title={shown && 'template' in shown ? `预览：${shown.template.name}` : '预览模板'} open={id !== null} onClose={onClose} size={640} destroyOnHidden>
      {!shown ? (
        <Spin tip="正在读取模板…">
          <div style={{ height: 80 }} />
        </Spin>
      ) : 'error' in shown ? (
        <Alert type="error" showIcon title="无法读取模板" description={shown.error} />
      ) : (
        <div className="hb-preview">
          <Typography.Paragraph type="secondary">
            新项目将以下面的文字开头。<mark className="hb-ph">【请填写：…】</mark>和<mark className="hb-ph">【示例：…】</mark>是占位符，要换成你的项目的真实情况；没换掉的，规则检查会指出来。
          </Typography.Paragraph>
          <Typography.Title level={5}>项目名称</Typography.Title>
          <p>
            <Placeholders text={shown.template.title} />
          </p>
          <Typography.Title level={5}>一句话简介</Typography.Title>
          <p>
            <Placeholders text={shown.template.summary} />
          </p>
          {SECTIONS.map((s) => (
            <div key={s.id}>
              <Typography.Title level={5}>{s.label}</Typography.Title>
              <p className="hb-skeleton">
                <Placeholders text={shown.template.sections[s.id].skeleton} />
              </p>
            </div>
          ))}
          <Typography.Title level={5}>典型执行节点</Typography.Title>
          <Bullets items={shown.template.milestones.map((m) => `${m.when}：${m.title}——${m.detail}`)} />
          <Typography.Title level={5}>预算示例（仅供参考，新项目中金额为 0）</Typography.Title>
          <Bullets items={shown.template.budget.exampleLines.map((l) => `${l.item}（${l.category}）：${l.unitPriceYuan} 元/${l.unit} × ${l.quantity}，${l.note}`)} />
        </div>
      )}
    </Drawer>
  );
}

/**
 * Choose a focus area, then one of its templates: what it suits, its typical beneficiaries, budget
 * categories and pitfalls, and a preview of the text a new proposal starts with.
 */
export function TemplatePicker({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const [items, setItems] = useState<TemplateSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [area, setArea] = useState<FocusAreaId>('elderly');
  const [preview, setPreview] = useState<string | null>(null);
  // Another template (or area) starts at its top, not where the last one was scrolled to.
  const detail = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  // Braces: Chromium's scrollTo returns a promise, which React would take for a cleanup function.
  useEffect(() => {
    detail.current?.scrollTo({ top: 0 });
  }, [value]);
  useEffect(() => {
    list.current?.scrollTo({ top: 0 });
  }, [area]);

  useEffect(() => {
    api
      .call('handbook.templates', { focusArea: null })
      .then((r) => setItems(r.items))
      .catch((e) => setError(errorText(e)));
  }, []);

  if (error) return <Alert type="error" showIcon title="无法读取模板" description={error} />;
  if (!items) {
    return (
      <Spin tip="正在读取模板…">
        <div style={{ height: 120 }} />
      </Spin>
    );
  }
  const inArea = items.filter((t) => t.focusArea === area);
  const chosen = items.find((t) => t.id === value) ?? null;

  return (
    <div className="hb-picker">
      <div className="hb-areas" role="radiogroup" aria-label="项目领域">
        {FOCUS_AREAS.map((f) => {
          const n = items.filter((t) => t.focusArea === f.id).length;
          return (
            <button
              type="button"
              key={f.id}
              role="radio"
              aria-checked={area === f.id}
              className={area === f.id ? 'hb-area-btn active' : 'hb-area-btn'}
              onClick={() => {
                setArea(f.id);
                const only = items.filter((t) => t.focusArea === f.id);
                onChange(only.length === 1 ? only[0]!.id : null);
              }}
            >
              {f.label}
              <span className="hb-area-count">{n}</span>
            </button>
          );
        })}
      </div>
      <div className="hb-templates" role="radiogroup" aria-label="模板" ref={list}>
        {inArea.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="这个领域还没有模板，可以选“空白项目”。" />
        ) : (
          inArea.map((t) => (
            <button type="button" key={t.id} role="radio" aria-checked={value === t.id} className={value === t.id ? 'hb-tpl active' : 'hb-tpl'} onClick={() => onChange(t.id)}>
              <span className="hb-tpl-name">{t.name.replace(`${t.focusAreaLabel} · `, '')}</span>
              <span className="hb-tpl-desc">{t.description}</span>
            </button>
          ))
        )}
      </div>
      <div className="hb-tpl-detail" aria-live="polite" ref={detail} data-testid="template-detail">
        {chosen ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {chosen.name}
            </Typography.Title>
            <Typography.Paragraph>{chosen.description}</Typography.Paragraph>
            <div className="hb-facts">
              <div>
                <Typography.Text strong>典型受益对象</Typography.Text>
                <div>
                  {chosen.beneficiaryTypes.map((b) => (
                    <Tag key={b}>{b}</Tag>
                  ))}
                </div>
              </div>
              <div>
                <Typography.Text strong>预算类别</Typography.Text>
                <div>
                  {chosen.budgetCategories.map((c) => (
                    <Tag key={c} color="blue">
                      {c}
                    </Tag>
                  ))}
                </div>
              </div>
              <div>
                <Typography.Text strong>典型节点</Typography.Text>
                <div className="hb-tpl-milestones">{chosen.milestones.join(' → ')}</div>
              </div>
              <div>
                <Typography.Text strong>常见坑</Typography.Text>
                <Bullets items={chosen.pitfalls} className="hb-mistakes" />
              </div>
            </div>
            <Button icon={<EyeOutlined aria-hidden />} onClick={() => setPreview(chosen.id)}>
              预览模板内容
            </Button>
          </>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="在左边选一个模板，这里显示它适合什么项目、常见坑和预览。" />
        )}
      </div>
      <TemplatePreview id={preview} onClose={() => setPreview(null)} />
    </div>
  );
}
