import { regionOf } from '../conversation-events';
import { dimensionCollections, visitDimensionProjection } from '../visit-dimension';

export const STATS_REGIONS = dimensionCollections('stats_regions');

export const regionKey = (country: string, province: string, city: string): string => JSON.stringify([country, province, city]);

/** J5 regions: visits and chats per country, province and city (ip2region's Chinese names; '' unknown). */
export const statsRegionsProjection = visitDimensionProjection({
  name: 'stats-regions',
  version: 2,
  collections: STATS_REGIONS,
  keyOf: (d) => {
    const r = regionOf(d);
    return regionKey(r.country, r.province, r.city);
  },
});
