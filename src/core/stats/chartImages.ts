import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import sharp from 'sharp';
import type { StatsChart } from '../../shared/stats/charts';

// Only the modules the report's charts use.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export const CHART_WIDTH = 900;
export const CHART_HEIGHT = 480;

/** A chart drawn without a browser: ECharts' server-side SVG renderer. */
export function chartSvg(chart: StatsChart, width = CHART_WIDTH, height = CHART_HEIGHT): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height, locale: 'ZH' });
  try {
    instance.setOption(chart.option);
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** The chart as a PNG for Word: sharp rasterises the SVG (Chinese text through fontconfig's Noto CJK). */
export async function chartPng(chart: StatsChart, scale = 1.5): Promise<Uint8Array> {
  const svg = chartSvg(chart);
  return new Uint8Array(await sharp(Buffer.from(svg), { density: 72 * scale }).flatten({ background: '#ffffff' }).png().toBuffer());
}
