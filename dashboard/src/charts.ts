import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { h, uid } from './dom';

/**
 * Bar charts with Chart.js (bundled, tree-shaken: only the bar chart's parts). A chart is a
 * picture for the eye; each comes in a figure with its caption and a table holding the same
 * numbers, which is what a screen reader, a keyboard and a copy-paste get.
 */

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
Chart.defaults.font.family =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif';
Chart.defaults.font.size = 13;
Chart.defaults.color = '#1f2933';
// Motion only for those who have not asked for less.
Chart.defaults.animation = window.matchMedia('(prefers-reduced-motion: reduce)').matches ? false : { duration: 300 };

export interface Series {
  label: string;
  values: number[];
  /** Fill colour, dark enough against white for the 3:1 a graphic needs. */
  color: string;
}

/** Colours of the themes (and of other series in turn): distinct, and each ≥ 3:1 on white. */
export const PALETTE = ['#1d5fa8', '#b34700', '#2e7d32', '#7b3fa0', '#a3195b', '#00796b', '#5d4037'];

const charts = new Set<Chart>();

/** Destroys the charts of the view being left (Chart.js keeps a resize observer per chart). */
export function destroyCharts(): void {
  charts.forEach((chart) => chart.destroy());
  charts.clear();
}

export function barChart(options: {
  title: string;
  summary: string;
  categories: string[];
  series: Series[];
  /** Header of the table's first column. */
  categoryHeader: string;
  totalHeader?: string;
  stacked?: boolean;
  horizontal?: boolean;
  /** Shares (0–1) rather than counts: the axis and the table show percentages. */
  format?: (value: number) => string;
  tableValues?: (series: Series, index: number, seriesIndex: number) => string;
  /** The heading before the figure says the same: the caption is for screen readers only. */
  captionHidden?: boolean;
}): HTMLElement {
  const captionId = uid('chart');
  const canvas = h('canvas', { role: 'img', 'aria-label': options.summary });
  const frame = h('div', { class: options.horizontal ? 'chart chart-horizontal' : 'chart' }, canvas);
  const format = options.format ?? ((value: number) => String(value));
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: options.categories,
      datasets: options.series.map((series) => ({
        label: series.label,
        data: series.values,
        backgroundColor: series.color,
        borderColor: '#ffffff',
        borderWidth: options.stacked ? 1 : 0,
        maxBarThickness: 48,
      })),
    },
    options: {
      indexAxis: options.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: {
          stacked: options.stacked,
          ticks: options.horizontal ? { callback: (value) => format(Number(value)) } : {},
        },
        y: {
          stacked: options.stacked,
          beginAtZero: true,
          ticks: options.horizontal
            ? {
                autoSkip: false,
                // Long names are cut on a narrow screen; the table after the chart has them whole.
                callback(value) {
                  const text = this.getLabelForValue(Number(value));
                  const room = this.chart.width < 520 ? 16 : 56;
                  return text.length > room ? `${text.slice(0, room - 1)}…` : text;
                },
              }
            : { precision: 0, callback: (value) => format(Number(value)) },
        },
      },
      plugins: {
        // The legend is HTML below the chart: it wraps at any width, and reads as text.
        legend: { display: false },
        tooltip: {
          callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${format(Number(item.raw))}` },
        },
      },
    },
  });
  charts.add(chart);

  const withTotal = options.totalHeader !== undefined;
  const table = h(
    'table',
    { class: 'data-table' },
    h('caption', { class: 'visually-hidden' }, options.title),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, options.categoryHeader),
        options.series.map((series) => h('th', { scope: 'col', class: 'num' }, series.label)),
        withTotal && h('th', { scope: 'col', class: 'num' }, options.totalHeader),
      ),
    ),
    h(
      'tbody',
      {},
      options.categories.map((category, index) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, category),
          options.series.map((series, seriesIndex) =>
            h(
              'td',
              { class: 'num' },
              options.tableValues ? options.tableValues(series, index, seriesIndex) : format(series.values[index] ?? 0),
            ),
          ),
          withTotal &&
            h(
              'td',
              { class: 'num' },
              format(options.series.reduce((sum, series) => sum + (series.values[index] ?? 0), 0)),
            ),
        ),
      ),
    ),
  );
  return h(
    'figure',
    { class: 'chart-figure', 'aria-labelledby': captionId },
    h('figcaption', { id: captionId, class: options.captionHidden ? 'visually-hidden' : null }, options.title),
    frame,
    options.series.length > 1
      ? h(
          'ul',
          { class: 'chart-legend', 'aria-hidden': 'true' },
          options.series.map((series, index) =>
            h(
              'li',
              {},
              h('span', {
                class: `swatch swatch-${PALETTE.indexOf(series.color) >= 0 ? PALETTE.indexOf(series.color) : index}`,
              }),
              series.label,
            ),
          ),
        )
      : null,
    h('div', { class: 'table-scroll' }, table),
  );
}
