type Point = { x: number; y: number };

/**
 * Where a crop of `aspect` sits when it is centred on the focal point and kept inside the picture,
 * as CSS object-position percentages: the same placement the export makes (core/export cropRegion).
 */
export function cropPosition(width: number, height: number, aspect: number, focal: Point): { x: number; y: number } {
  const cw = width / height > aspect ? height * aspect : width;
  const ch = width / height > aspect ? height : width / aspect;
  const along = (f: number, size: number, crop: number) => (size - crop < 1 ? 50 : (100 * Math.min(Math.max(f * size - crop / 2, 0), size - crop)) / (size - crop));
  return { x: along(focal.x, width, cw), y: along(focal.y, height, ch) };
}
