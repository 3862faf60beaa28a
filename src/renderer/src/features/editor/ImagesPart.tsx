import { AimOutlined, DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Radio, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { PlatformId } from '../../../../shared/domain/catalog';
import type { ImageRef } from '../../../../shared/domain/proposal';
import { api } from '../../api';
import { errorText } from '../../util/errors';
import { fileToBase64 } from '../../util/files';
import { ImeInput } from '../../inputs/ImeInput';
import { useEditorApi } from './EditorContext';
import { FocalPointDialog } from './FocalPointDialog';
import { memoPart } from './memoPart';
import type { PartProps } from './types';
import { useImageUrl } from './useImageUrl';

function ImageCard({ img, platforms, onChange, onRemove }: { img: ImageRef; platforms: PlatformId[]; onChange: (patch: Partial<ImageRef>) => void; onRemove: () => void }) {
  const url = useImageUrl(img.sha256);
  const [focusing, setFocusing] = useState(false);
  const moved = img.focalPoint.x !== 0.5 || img.focalPoint.y !== 0.5;
  const c = img.consent;
  // Any answer marks the record as filled in: an untouched default does not mean 「no people」.
  const setConsent = (patch: Partial<ImageRef['consent']>) => onChange({ consent: { ...c, ...patch, recorded: true } });
  const people = c.recorded || c.identifiablePeople ? (c.identifiablePeople ? 'yes' : 'no') : undefined;
  return (
    <Card size="small" data-testid="image-card">
      <Space align="start">
        {url ? <img className="image-thumb" src={url} alt={img.caption || img.fileName} /> : <div className="image-thumb" />}
        <Space orientation="vertical" size={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {img.fileName} · {img.width}×{img.height}
          </Typography.Text>
          <Radio checked={img.isCover} onChange={() => onChange({ isCover: true })}>
            封面图
          </Radio>
          <Button size="small" icon={<AimOutlined aria-hidden />} onClick={() => setFocusing(true)}>
            {moved ? '调整焦点' : '设置焦点'}
          </Button>
          <Button size="small" danger icon={<DeleteOutlined aria-hidden />} onClick={onRemove}>
            移除
          </Button>
        </Space>
      </Space>
      <ImeInput style={{ marginTop: 8 }} placeholder="图片说明" value={img.caption} aria-label="图片说明" onCommit={(v) => onChange({ caption: v })} />
      <ImeInput style={{ marginTop: 8 }} placeholder="来源（拍摄者/机构）" value={img.source} aria-label="图片来源" onCommit={(v) => onChange({ source: v })} />
      <Space orientation="vertical" size={0} style={{ marginTop: 8 }}>
        <Radio.Group
          aria-label="画面中是否有可辨认的人"
          value={people}
          onChange={(e) => setConsent({ identifiablePeople: e.target.value === 'yes' })}
          options={[
            { value: 'yes', label: '画面中有可辨认的人' },
            { value: 'no', label: '没有可辨认的人' },
          ]}
        />
        {c.identifiablePeople && (
          <Checkbox checked={c.portraitConsent} onChange={(e) => setConsent({ portraitConsent: e.target.checked })}>
            已取得本人肖像授权
          </Checkbox>
        )}
        {c.identifiablePeople && (
          <Checkbox checked={c.minors} onChange={(e) => setConsent({ minors: e.target.checked })}>
            画面中有未成年人
          </Checkbox>
        )}
        {c.identifiablePeople && c.minors && (
          <Checkbox checked={c.guardianConsent} onChange={(e) => setConsent({ guardianConsent: e.target.checked })}>
            已取得监护人书面同意
          </Checkbox>
        )}
      </Space>
      {focusing && (
        <FocalPointDialog
          img={img}
          url={url}
          platforms={platforms}
          onClose={() => setFocusing(false)}
          onSave={(focalPoint) => {
            onChange({ focalPoint });
            setFocusing(false);
          }}
        />
      )}
    </Card>
  );
}

function ImagesPartView({ proposal: p, edit }: PartProps) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(0);
  // New pictures go into the real library (image.add), so samples take none.
  const canAdd = useEditorApi().source.kind === 'library';

  const add = async (file: File) => {
    setUploading((n) => n + 1);
    try {
      const ref = await api.call('image.add', { fileName: file.name, dataBase64: await fileToBase64(file) });
      edit((d) => ({ ...d, images: [...d.images, { ...ref, isCover: d.images.length === 0 }] }));
    } catch (e) {
      message.error(`无法添加图片「${file.name}」：${errorText(e)}`);
    } finally {
      setUploading((n) => n - 1);
    }
    return false;
  };

  const update = (id: string, patch: Partial<ImageRef>) =>
    edit((d) => ({
      ...d,
      images: d.images.map((x) => (x.id === id ? { ...x, ...patch } : patch.isCover ? { ...x, isCover: false } : x)),
    }));

  return (
    <div>
      {canAdd ? (
        <Space>
          {/* Not disabled while uploading: more pictures can be added before the first ones are in. */}
          <Upload accept="image/jpeg,image/png,image/webp" multiple showUploadList={false} beforeUpload={add}>
            <Button icon={<UploadOutlined aria-hidden />}>添加图片（可多选）</Button>
          </Upload>
          {uploading > 0 && (
            <Typography.Text type="secondary" role="status">
              正在添加 {uploading} 张…
            </Typography.Text>
          )}
        </Space>
      ) : (
        <Typography.Text type="secondary">培训样例使用示意图，不能添加新图片；可以修改说明、来源和授权。</Typography.Text>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        原图保存在项目库中，导出时按各平台要求另行裁剪，不改动原图。画面中有可辨认的人时，须取得肖像授权；未成年人须取得监护人同意。
      </Typography.Paragraph>
      {p.images.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有图片" />
      ) : (
        <div className="image-cards">
          {p.images.map((img) => (
            <ImageCard key={img.id} img={img} platforms={p.platforms} onChange={(patch) => update(img.id, patch)} onRemove={() => edit((d) => ({ ...d, images: d.images.filter((x) => x.id !== img.id) }))} />
          ))}
        </div>
      )}
    </div>
  );
}

export const ImagesPart = memoPart(ImagesPartView, ['images', 'platforms']);
