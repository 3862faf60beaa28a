import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { StatsChart } from '../../../../shared/stats/charts';

// Only the modules the report's charts use; ECharts' Chinese locale is built in ('ZH').
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export interface ChartClick {
  dataIndex: number;
  seriesIndex: number;
}

/** One chart of the report, drawn from the same option the DOCX renders; a click on a bar reports which. */
export function EChart({ chart, onClick, height = 320 }: { chart: StatsChart; onClick?: (c: ChartClick) => void; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  });
  useEffect(() => {
    const instance = echarts.init(el.current!, null, { locale: 'ZH', renderer: 'canvas' });
    instance.on('click', (p) => click.current?.({ dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0 }));
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, []);
  useEffect(() => {
    echarts.getInstanceByDom(el.current!)?.setOption(chart.option, true);
  }, [chart]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={`stats-chart-${chart.id}`} aria-label={chart.title} role="img" />;
}
