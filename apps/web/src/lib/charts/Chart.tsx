import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts';

export interface ChartClick {
  name: string;
  dataIndex: number;
  seriesName: string;
}

export interface ChartProps {
  option: ChartOption;
  /** What the chart shows, read by screen readers (the data is also given as a table nearby). */
  ariaLabel: string;
  height?: number | string;
  dark?: boolean;
  onItemClick?: (item: ChartClick) => void;
  className?: string;
}

const FONT = "'Be Vietnam Pro', system-ui, sans-serif";

/** A chart from an ECharts option; redraws in place when the option changes and follows its box size. */
export function Chart({ option, ariaLabel, height = 280, dark = false, onItemClick, className }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onItemClick);
  clickHandler.current = onItemClick;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, dark ? 'dark' : undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      clickHandler.current?.({
        name: String(params.name ?? ''),
        dataIndex: params.dataIndex ?? 0,
        seriesName: String(params.seriesName ?? ''),
      });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [dark]);

  useEffect(() => {
    chart.current?.setOption(
      {
        backgroundColor: 'transparent',
        textStyle: { fontFamily: FONT },
        aria: { enabled: true, label: { description: ariaLabel } },
        animationDuration: 300,
        ...option,
      },
      { notMerge: true },
    );
  }, [option, ariaLabel, dark]);

  return (
    <div
      ref={box}
      className={className}
      role="img"
      aria-label={ariaLabel}
      style={{ width: '100%', height }}
      data-chart=""
    />
  );
}
