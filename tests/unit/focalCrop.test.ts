import { describe, expect, it } from 'vitest';
import { cropRegion } from '../../src/core/export/images';
import { cropPosition } from '../../src/shared/domain/focalCrop';

/** The crop's left and top edges as the preview places them (object-position percentages of the slack). */
function previewRegion(w: number, h: number, aspect: number, focal: { x: number; y: number }) {
  const { left, top, width, height } = cropRegion(w, h, aspect, focal);
  const pos = cropPosition(w, h, aspect, focal);
  return { left: Math.round((pos.x / 100) * (w - width)), top: Math.round((pos.y / 100) * (h - height)), exported: { left, top } };
}

describe('the focal point preview shows the crop the export makes', () => {
  it.each([
    [1600, 900, 1, { x: 0.1, y: 0.5 }],
    [1600, 900, 1, { x: 0.9, y: 0.2 }],
    [1600, 900, 4 / 3, { x: 0.5, y: 0.5 }],
    [1200, 1600, 16 / 9, { x: 0.3, y: 0.15 }],
    [1200, 1600, 16 / 9, { x: 0.3, y: 0.95 }],
    [1000, 1000, 2, { x: 0, y: 0.7 }],
  ])('%i×%i cropped to %f around %o', (w, h, aspect, focal) => {
    const r = previewRegion(w, h, aspect, focal);
    expect(Math.abs(r.left - r.exported.left)).toBeLessThanOrEqual(1);
    expect(Math.abs(r.top - r.exported.top)).toBeLessThanOrEqual(1);
  });

  it('moving the point moves the crop: a face at the left edge stays in a square crop', () => {
    expect(cropPosition(1600, 900, 1, { x: 0.05, y: 0.5 }).x).toBe(0);
    expect(cropPosition(1600, 900, 1, { x: 0.95, y: 0.5 }).x).toBe(100);
  });
});
