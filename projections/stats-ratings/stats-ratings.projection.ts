import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { agreed } from '../conversation-events';
import { dayBucketId, dayBucketKeys, type DayBucketDoc } from '../day-buckets';
import { addInc } from '../increments';
import { applySiteZone, encodeKey, isSiteZoneEvent, localSlot, SITE_ZONE_EVENTS, zoneOf } from '../local-time';

export const STATS_RATINGS = 'stats_ratings';
export const STATS_RATINGS_CHATS = 'stats_ratings_chats';
export const STATS_RATINGS_SITES = 'stats_ratings_sites';

export interface RatingFigures {
  /** Ratings */
  n?: number;
  /** Sum of scores */
  sum?: number;
  /** Count per score '1'..'5' */
  s?: Record<string, number>;
}
export type RatingsHour = RatingFigures & { a?: Record<string, RatingFigures> };
export type StatsRatingsDoc = DayBucketDoc<RatingsHour>;

interface RatedChatDoc extends Doc {
  day: string;
  hour: string;
  a: string;
  score: number;
  pos: number;
}

function count(inc: Record<string, number>, base: string, agentKey: string, score: number, sign: 1 | -1): void {
  for (const prefix of [base, `${base}.a.${agentKey}`]) {
    addInc(inc, `${prefix}.n`, sign);
    addInc(inc, `${prefix}.sum`, sign * score);
    addInc(inc, `${prefix}.s.${score}`, sign);
  }
}

/** J6 ratings per site, local hour and agent; a chat rated again counts with its latest score only. */
export const statsRatingsProjection = projection({
  name: 'stats-ratings',
  version: 1,
  handles: [...SITE_ZONE_EVENTS, 'ChatRated'],
  collections: [STATS_RATINGS, STATS_RATINGS_CHATS, STATS_RATINGS_SITES],
  async apply(e, store) {
    if (isSiteZoneEvent(e)) return applySiteZone(e, store, STATS_RATINGS_SITES);
    if (e.type !== 'ChatRated') return;
    const at = { upsert: true, atPosition: e.position };
    const d = agreed(e, 'ChatRated');
    const score = Math.round(d.score);
    if (!(score >= 1 && score <= 5)) return;
    const a = encodeKey(d.agentId);
    const { day, hour } = localSlot(d.at, await zoneOf(store, STATS_RATINGS_SITES, d.siteId));
    const earlier = await store.get<RatedChatDoc>(STATS_RATINGS_CHATS, d.chatId);
    const inc: Record<string, number> = {};
    count(inc, `h.${hour}`, a, score, 1);
    if (earlier && earlier.pos !== e.position) {
      const undo = earlier.day === day ? inc : {};
      count(undo, `h.${earlier.hour}`, earlier.a, earlier.score, -1);
      if (undo !== inc) await store.update(STATS_RATINGS, dayBucketId(d.siteId, earlier.day), { $set: dayBucketKeys(d.siteId, earlier.day), $inc: undo }, at);
    }
    await store.update(STATS_RATINGS, dayBucketId(d.siteId, day), { $set: dayBucketKeys(d.siteId, day), $inc: inc }, at);
    await store.update(STATS_RATINGS_CHATS, d.chatId, { $set: { day, hour, a, score, pos: e.position } }, at);
  },
});
