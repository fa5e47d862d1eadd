import type {
  Granularity,
  InvitationFunnelReport,
  KeywordRow,
  PageTrendBucket,
  RatingsReport,
  RegionRow,
  SourceRow,
  SourceTrendBucket,
  VisitorsReport,
} from '@kefu/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { formatBucket } from '../reporting/format';

/** Translates a key of the console's strings (the chart's legend and axis names follow the chosen language). */
export type Label = (key: string, params?: Record<string, unknown>) => string;

const PALETTE = ['#1f6feb', '#1a7f37', '#bf8700', '#cf222e', '#8250df', '#0a7ea4', '#bc4c00'];
const base = { color: PALETTE, tooltip: { trigger: 'axis' }, grid: { left: 48, right: 24, top: 40, bottom: 40, containLabel: true } };

function lineSeries(name: string, data: (number | null)[], yAxisIndex = 0): Record<string, unknown> {
  return { name, type: 'line', data, smooth: false, showSymbol: data.length <= 62, connectNulls: false, yAxisIndex };
}

function categoryAxis(buckets: string[], granularity: Granularity, lang: string): Record<string, unknown> {
  return { type: 'category', data: buckets.map((b) => formatBucket(b, granularity, lang)), axisLabel: { hideOverlap: true } };
}

/** J1: visits, unique visitors, chats and leave-messages per bucket. */
export function visitorsChart(report: VisitorsReport, label: Label, lang: string): EChartsCoreOption {
  const buckets = report.series.map((b) => b.bucket);
  return {
    ...base,
    legend: { top: 0 },
    xAxis: categoryAxis(buckets, report.granularity, lang),
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      lineSeries(
        label('stats.visitors.visits'),
        report.series.map((b) => b.visits),
      ),
      lineSeries(
        label('stats.visitors.uniqueVisitors'),
        report.series.map((b) => b.uniqueVisitors),
      ),
      lineSeries(
        label('stats.visitors.chats'),
        report.series.map((b) => b.chats),
      ),
      lineSeries(
        label('stats.visitors.leaveMessages'),
        report.series.map((b) => b.leaveMessages),
      ),
    ],
  };
}

/** J1: the share of each visitor kind (a pie). */
export function visitorKindsChart(report: VisitorsReport, label: Label): EChartsCoreOption {
  const kinds = ['new', 'returning', 'intent', 'member'] as const;
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        data: kinds.map((k) => ({ name: label(`visitorKind.${k}`), value: report.totals.kinds[k] })),
        label: { formatter: '{b}\n{d}%' },
      },
    ],
  };
}

/** A ranking (pages, keywords, regions, sources): horizontal bars of the top rows, the largest on top. */
export function rankingChart(rows: { name: string; values: number[] }[], seriesNames: string[], top = 10): EChartsCoreOption {
  const shown = rows.slice(0, top).reverse();
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { width: 220, overflow: 'truncate' } },
    series: seriesNames.map((name, i) => ({ name, type: 'bar', data: shown.map((r) => r.values[i] ?? 0) })),
  };
}

/** One page's or one source's trend (J2, J3). */
export function trendChart(
  series: (PageTrendBucket | SourceTrendBucket)[],
  granularity: Granularity,
  lines: { name: string; values: (number | null)[] }[],
  lang: string,
): EChartsCoreOption {
  return {
    ...base,
    legend: { top: 0 },
    xAxis: categoryAxis(
      series.map((b) => b.bucket),
      granularity,
      lang,
    ),
    yAxis: { type: 'value', minInterval: 1 },
    series: lines.map((l) => lineSeries(l.name, l.values)),
  };
}

export function sourceShareChart(rows: SourceRow[], name: (row: SourceRow) => string): EChartsCoreOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'scroll', bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: rows.slice(0, 12).map((r) => ({ name: name(r), value: r.visits })) }],
  };
}

export const keywordRanking = (rows: KeywordRow[], label: Label): EChartsCoreOption =>
  rankingChart(
    rows.map((r) => ({ name: r.keyword, values: [r.visits, r.chats] })),
    [label('stats.visits'), label('stats.chats')],
  );

export const regionRanking = (rows: RegionRow[], name: (row: RegionRow) => string, label: Label): EChartsCoreOption =>
  rankingChart(
    rows.map((r) => ({ name: name(r), values: [r.visits, r.chats] })),
    [label('stats.visits'), label('stats.chats')],
    15,
  );

/** J6: how many ratings of each score, and the average and count over time. */
export function scoresChart(report: RatingsReport, label: Label): EChartsCoreOption {
  const scores = ['1', '2', '3', '4', '5'] as const;
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: scores.map((s) => label('stats.ratings.stars', { score: s })) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: label('stats.ratings.count'), type: 'bar', data: scores.map((s) => report.scores[s]) }],
  };
}

export function ratingTrendChart(report: RatingsReport, label: Label, lang: string): EChartsCoreOption {
  return {
    ...base,
    legend: { top: 0 },
    xAxis: categoryAxis(
      report.series.map((b) => b.bucket),
      report.granularity,
      lang,
    ),
    yAxis: [
      { type: 'value', minInterval: 1, name: label('stats.ratings.count') },
      { type: 'value', min: 0, max: 5, name: label('stats.ratings.average') },
    ],
    series: [
      { name: label('stats.ratings.count'), type: 'bar', data: report.series.map((b) => b.ratings) },
      lineSeries(
        label('stats.ratings.average'),
        report.series.map((b) => (b.average === null ? null : Math.round(b.average * 100) / 100)),
        1,
      ),
    ],
  };
}

/** ★ invitations sent → accepted → chats → rated. */
export function funnelChart(report: InvitationFunnelReport, label: Label): EChartsCoreOption {
  const t = report.totals;
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        min: 0,
        max: Math.max(1, t.sent),
        label: { position: 'inside', formatter: '{b}: {c}' },
        data: [
          { name: label('stats.funnel.sent'), value: t.sent },
          { name: label('stats.funnel.accepted'), value: t.accepted },
          { name: label('stats.funnel.chats'), value: t.chats },
          { name: label('stats.funnel.rated'), value: t.rated },
        ],
      },
    ],
  };
}
