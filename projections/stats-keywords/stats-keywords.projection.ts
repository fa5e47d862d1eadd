import { sourceOf } from '../conversation-events';
import { dimensionCollections, visitDimensionProjection } from '../visit-dimension';

export const STATS_KEYWORDS = dimensionCollections('stats_keywords');

/** The dimension key of a keyword row: engine and keyword, unambiguous whatever characters they hold. */
export const keywordKey = (engine: string, keyword: string): string => JSON.stringify([engine, keyword]);

/** J4 search keywords: visits and chats per search engine and keyword (visits from a search with a keyword only). */
export const statsKeywordsProjection = visitDimensionProjection({
  name: 'stats-keywords',
  version: 2,
  collections: STATS_KEYWORDS,
  keyOf: (d) => {
    const s = sourceOf(d);
    const keyword = s.keyword.trim().toLowerCase();
    return s.kind === 'search' && keyword !== '' ? keywordKey(s.engine, keyword) : undefined;
  },
});
