import { Modal, Space, Typography } from 'antd';
import { useEffect, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { platformLabel, type PlatformId } from '../../../../shared/domain/catalog';
import type { ImageRef } from '../../../../shared/domain/proposal';
import type { ImageSpec } from '../../../../shared/rules/pack';
import { api } from '../../api';
import { cropPosition } from '../../../../shared/domain/focalCrop';

type Point = ImageRef['focalPoint'];
interface Crop {
  platform: PlatformId;
  label: string;
  aspect: number;
}

const packs = new Map<PlatformId, Promise<(Crop & { role: ImageSpec['role'] })[]>>();

/** The shapes a platform shows this kind of picture in (cover or gallery), from its active rule pack. */
function cropsOf(platform: PlatformId, cover: boolean): Promise<Crop[]> {
  let p = packs.get(platform);
  if (!p) {
    p = api.call('rules.pack', { id: platform }).then((pack) =>
      pack.images.flatMap((s) => (s.aspect ? [{ platform, label: `${platformLabel(platform)} · ${s.label}`, aspect: s.aspect.w / s.aspect.h, role: s.role }] : [])),
    );
    p.catch(() => packs.delete(platform));
    packs.set(platform, p);
  }
  return p.then((all) => all.filter((c) => c.role === (cover ? 'cover' : 'gallery')));
}

const STEP = 0.05;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * 设置图片焦点: click the picture to place the point the platforms' crops keep (arrow keys move it),
 * and see each target platform's crop of it before saving.
 */
export function FocalPointDialog({ img, url, platforms, onSave, onClose }: { img: ImageRef; url: string | null; platforms: PlatformId[]; onSave: (p: Point) => void; onClose: () => void }) {
  const [point, setPoint] = useState<Point>(img.focalPoint);
  const [crops, setCrops] = useState<Crop[] | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all(platforms.map((p) => cropsOf(p, img.isCover).catch(() => [])))
      .then((all) => live && setCrops(all.flat()))
      .catch(() => live && setCrops([]));
    return () => {
      live = false;
    };
  }, [platforms, img.isCover]);

  const place = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setPoint({ x: clamp01((e.clientX - r.left) / r.width), y: clamp01((e.clientY - r.top) / r.height) });
  };
  const nudge = (e: KeyboardEvent<HTMLDivElement>) => {
    const d = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] }[e.key];
    if (!d) return;
    e.preventDefault();
    setPoint((p) => ({ x: clamp01(p.x + d[0]!), y: clamp01(p.y + d[1]!) }));
  };
  const pct = (v: number) => `${Math.round(v * 100)}%`;

  return (
    <Modal open title={`设置图片焦点 —「${img.caption || img.fileName}」`} width={900} okText="保存焦点" cancelText="取消" onOk={() => onSave(point)} onCancel={onClose}>
      <Typography.Paragraph type="secondary">点击图片上画面的重点（如人物的脸），各平台裁剪时会尽量把它留在画面中；也可以用方向键移动。原图不会被改动。</Typography.Paragraph>
      <div className="focal-layout">
        <div
          className="focal-stage"
          role="slider"
          tabIndex={0}
          aria-label="图片焦点：点击放置，方向键移动"
          aria-valuetext={`水平 ${pct(point.x)}，垂直 ${pct(point.y)}`}
          data-testid="focal-stage"
          onClick={place}
          onKeyDown={nudge}
        >
          {url ? <img src={url} alt={img.caption || img.fileName} draggable={false} /> : <div className="focal-missing">图片加载中…</div>}
          <span className="focal-marker" style={{ left: pct(point.x), top: pct(point.y) }} aria-hidden />
        </div>
        <div className="focal-previews" aria-label="各平台裁剪预览">
          <Typography.Text strong>各平台裁剪预览</Typography.Text>
          {crops === null && <Typography.Text type="secondary">正在读取各平台的图片规格…</Typography.Text>}
          {crops?.length === 0 && <Typography.Text type="secondary">{platforms.length === 0 ? '先在「目标平台」中选择平台，才能预览各平台的裁剪。' : '所选平台对这类图片不限比例，不会裁剪。'}</Typography.Text>}
          <Space wrap size={12} align="start">
            {crops?.map((c) => {
              const pos = cropPosition(img.width, img.height, c.aspect, point);
              return (
                <figure key={c.label} className="focal-preview" data-testid="focal-preview" data-platform={c.platform}>
                  <div className="focal-preview-frame" style={{ aspectRatio: String(c.aspect) }}>
                    {url && <img src={url} alt="" style={{ objectPosition: `${pos.x}% ${pos.y}%` }} data-testid="focal-crop" />}
                  </div>
                  <figcaption>{c.label}</figcaption>
                </figure>
              );
            })}
          </Space>
        </div>
      </div>
    </Modal>
  );
}
