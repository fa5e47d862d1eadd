import { docProjection } from '@kefu/projector';
import { addTo, childOf, type Doc } from '@kefu/read-store';
import { agreed } from '../conversation-events';
import { type DayBucketDoc, editDayBucket } from '../day-buckets';
import { encodeKey, isSiteZoneEvent, localSlot, projectSiteZone, SITE_ZONE_EVENTS, siteZone } from '../local-time';

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

/** Counts a score (`sign` 1) or takes it back (-1) in one hour's figures (`h.<hour>`), overall and for the agent. */
function count(hourFigures: RatingsHour, agentKey: string, score: number, sign: 1 | -1): void {
  for (const f of [hourFigures, childOf<RatingFigures>(childOf(hourFigures, 'a'), agentKey)]) {
    addTo(f, 'n', sign);
    addTo(f, 'sum', sign * score);
    addTo(childOf(f, 's'), String(score), sign);
  }
}

const hourOf = (bucket: StatsRatingsDoc, hour: string): RatingsHour => childOf<RatingsHour>(childOf(bucket, 'h'), hour);

/** J6 ratings per site, local hour and agent; a chat rated again counts with its latest score only. */
export const statsRatingsProjection = docProjection({
  name: 'stats-ratings',
  version: 1,
  handles: [...SITE_ZONE_EVENTS, 'ChatRated'],
  collections: [STATS_RATINGS, STATS_RATINGS_CHATS, STATS_RATINGS_SITES],
  project(e, docs) {
    if (isSiteZoneEvent(e)) return projectSiteZone(e, docs, STATS_RATINGS_SITES);
    if (e.type !== 'ChatRated') return;
    const d = agreed(e, 'ChatRated');
    const score = Math.round(d.score);
    if (!(score >= 1 && score <= 5)) return;
    const a = encodeKey(d.agentId);
    const { day, hour } = localSlot(d.at, siteZone(docs, STATS_RATINGS_SITES, d.siteId));
    const bucket = editDayBucket<StatsRatingsDoc>(docs, STATS_RATINGS, d.siteId, day, e.position);
    if (bucket) count(hourOf(bucket, hour), a, score, 1);
    // A chat rated again: its earlier score is taken back from the earlier rating's hour.
    const earlier = docs.get<RatedChatDoc>(STATS_RATINGS_CHATS, d.chatId);
    if (earlier && earlier.pos !== e.position) {
      const undo = earlier.day === day ? bucket : editDayBucket<StatsRatingsDoc>(docs, STATS_RATINGS, d.siteId, earlier.day, e.position);
      if (undo) count(hourOf(undo, earlier.hour), earlier.a, earlier.score, -1);
    }
    const chat = docs.edit<RatedChatDoc>(STATS_RATINGS_CHATS, d.chatId, e.position, true);
    if (chat) {
      chat.day = day;
      chat.hour = hour;
      chat.a = a;
      chat.score = score;
      chat.pos = e.position;
    }
  },
});
