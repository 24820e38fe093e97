import { Alert, Spin } from 'antd';
import type { EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartOption } from './echartsCore';

/**
 * An ECharts chart, loaded on first use (ECharts is its own chunk). To assistive technology the chart is one image
 * described by `label`; the numbers themselves are in the table the page shows alongside (WCAG 1.1.1).
 */
export function EChart({
  option,
  label,
  height = 320,
  testId,
}: {
  option: ChartOption;
  label: string;
  height?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const holder = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let disposed = false;
    let instance: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    import('./echartsCore')
      .then(({ init }) => {
        const el = holder.current;
        if (disposed || !el) return;
        instance = init(el, undefined, { renderer: 'svg' });
        observer = new ResizeObserver(() => instance?.resize());
        observer.observe(el);
        setChart(instance);
      })
      .catch(() => {
        if (!disposed) setFailed(true);
      });
    return () => {
      disposed = true;
      observer?.disconnect();
      instance?.dispose();
    };
  }, []);

  useEffect(() => {
    chart?.setOption(option, { notMerge: true });
  }, [chart, option]);

  if (failed) return <Alert type="warning" showIcon title={t('insights.chart.loadFailed')} />;
  return (
    <div role="img" aria-label={label} className="sg-chart" data-testid={testId} data-ready={chart ? 'true' : 'false'}>
      {chart ? null : <Spin className="sg-chart-spin" />}
      <div ref={holder} className="sg-chart-canvas" style={{ height }} aria-hidden="true" />
    </div>
  );
}
