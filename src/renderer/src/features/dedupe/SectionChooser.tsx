import { EditOutlined, MergeOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Radio, Space, Typography } from 'antd';
import { SECTIONS, type SectionId } from '../../../../shared/domain/catalog';
import type { Proposal } from '../../../../shared/domain/proposal';
import type { LexicalDoc } from '../../../../shared/domain/richText';
import type { ReactNode } from 'react';
import { RichTextEditor } from '../../inputs/RichTextEditor';
import { combinedDoc, docOf, EDITED, type SectionEdit } from './mergeChoices';

const sourceName = (p: Proposal) => `${p.district ? `${p.district}` : ''}「${p.title || '未命名'}」`;

/** A button that asks first when it would throw away the reviewer's own text. */
function Replacing({ edited, onConfirm, children, icon }: { edited: boolean; onConfirm: () => void; children: string; icon: ReactNode }) {
  const button = (
    <Button size="small" icon={icon} onClick={edited ? undefined : onConfirm}>
      {children}
    </Button>
  );
  return edited ? (
    <Popconfirm title="将替换已修改的文字，确定吗？" okText="替换" cancelText="取消" onConfirm={onConfirm}>
      {button}
    </Popconfirm>
  ) : (
    button
  );
}

/**
 * One rich-text section of the brand project: take one source's text as it is, or start from one
 * (or from all of them, one after the other) and edit.
 */
export function SectionChooser({
  section,
  sources,
  pick,
  edit,
  onPick,
  onEdit,
}: {
  section: SectionId;
  sources: readonly Proposal[];
  pick: string;
  edit: SectionEdit | undefined;
  onPick: (pick: string) => void;
  /** A new starting text (remounts the editor) or, with `typed`, the reviewer's typing. */
  onEdit: (doc: LexicalDoc, typed?: boolean) => void;
}) {
  const label = SECTIONS.find((s) => s.id === section)!.label;
  const chosen = sources.find((p) => p.id === pick);
  const empty = sources.every((p) => p.sections[section].text.trim() === '');
  return (
    <Card size="small" title={label} className="merge-section" data-section={section} style={{ marginBottom: 16 }} id={`merge-${section}`}>
      {empty ? (
        <Typography.Text type="secondary">各来源项目都没有填写这一部分，合并后可在品牌项目中补写。</Typography.Text>
      ) : (
        <Radio.Group value={pick} onChange={(e) => onPick(e.target.value as string)} style={{ width: '100%' }} aria-label={`${label}采用哪份文字`}>
          <div className="merge-sources">
            {sources.map((p) => (
              <div key={p.id} className={pick === p.id ? 'merge-source merge-source-chosen' : 'merge-source'}>
                <Radio value={p.id} aria-label={`${label}：采用${sourceName(p)}的文字`}>
                  采用{sourceName(p)}
                </Radio>
                <div className="merge-source-text">{p.sections[section].text || <Typography.Text type="secondary">（未填写）</Typography.Text>}</div>
              </div>
            ))}
          </div>
          <Space style={{ marginTop: 10 }} wrap>
            {edit && (
              <Radio value={EDITED} aria-label={`${label}：采用修改后的文字`}>
                采用下面修改后的文字
              </Radio>
            )}
            {chosen && (
              <Replacing edited={edit !== undefined} icon={<EditOutlined aria-hidden />} onConfirm={() => onEdit(docOf(chosen, section))}>
                以所选文字为底稿修改
              </Replacing>
            )}
            {sources.length > 1 && (
              <Replacing edited={edit !== undefined} icon={<MergeOutlined aria-hidden />} onConfirm={() => onEdit(combinedDoc(sources, section))}>
                合并各来源的文字再修改
              </Replacing>
            )}
          </Space>
        </Radio.Group>
      )}
      {edit && pick === EDITED && (
        <div style={{ marginTop: 10 }}>
          <RichTextEditor
            key={edit.epoch}
            name={`merge-${section}`}
            label={`${label}（品牌项目）`}
            placeholder="在这里编辑品牌项目的文字：删去重复的内容，保留各区县的特色做法……"
            initialDoc={edit.doc}
            onChange={(doc) => onEdit(doc, true)}
          />
        </div>
      )}
    </Card>
  );
}
