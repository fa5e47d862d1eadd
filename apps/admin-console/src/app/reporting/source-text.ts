import type { SourceView } from '@kefu/contracts';

/** Translates a key of the console's strings. */
export type Label = (key: string, params?: Record<string, unknown>) => string;

const ENGINES = ['baidu', 'google', 'bing', 'sogou', 'so360', 'shenma', 'yahoo', 'duckduckgo', 'yandex'];

export function engineName(engine: string, label: Label): string {
  return ENGINES.includes(engine) ? label(`engine.${engine}`) : engine || label('engine.unknown');
}

/** "直接访问", "百度搜索", or the referring host. */
export function sourceName(source: Pick<SourceView, 'kind' | 'engine' | 'host'>, label: Label): string {
  if (source.kind === 'direct') return label('source.direct');
  if (source.kind === 'search') return label('source.search', { engine: engineName(source.engine, label) });
  return source.host;
}

/** The source with the search keyword when there was one: "百度搜索 · 客服系统". */
export function sourceText(source: SourceView | undefined, label: Label): string {
  if (!source) return '';
  const name = sourceName(source, label);
  return source.keyword ? `${name} · ${source.keyword}` : name;
}
