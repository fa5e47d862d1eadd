import { sourceKey, sourceOf } from '../conversation-events';
import { dimensionCollections, visitDimensionProjection } from '../visit-dimension';

export const STATS_SOURCES = dimensionCollections('stats_sources');

/** J3 sources: visits, chats and chat rate per channel (direct, a search engine, a referring host). */
export const statsSourcesProjection = visitDimensionProjection({
  name: 'stats-sources',
  version: 2,
  collections: STATS_SOURCES,
  keyOf: (d) => sourceKey(sourceOf(d)),
});
