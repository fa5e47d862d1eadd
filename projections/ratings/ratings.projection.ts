import type { RatingView } from '@kefu/contracts';
import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { agreed } from '../conversation-events';
import { dataOf } from '../event-data';

export const RATINGS = 'ratings';
/** What a rating needs to know of its chat: the visitor and the names of the agents who served it. */
export const RATINGS_CHATS = 'ratings_chats';

export type RatingDoc = Doc & RatingView & { orgId: string };

interface RatingChatDoc extends Doc {
  visitorId: string;
  names?: Record<string, string>;
}

const nameKey = (agentId: string) => `names.${agentId.replace(/[.$]/g, '_')}`;

/** I7 ratings list: each rating linked to its conversation (one document per rated chat; a new rating replaces it). */
export const ratingsProjection = projection({
  name: 'ratings',
  version: 1,
  handles: ['ChatRequested', 'ChatAssigned', 'ChatTransferred', 'ChatRated'],
  collections: [RATINGS, RATINGS_CHATS],
  async apply(e, store) {
    const at = { upsert: true, atPosition: e.position };
    switch (e.type) {
      case 'ChatRequested': {
        const d = agreed(e, 'ChatRequested');
        await store.update(RATINGS_CHATS, d.chatId, { $set: { visitorId: d.visitorId } }, at);
        return;
      }
      case 'ChatAssigned': {
        const d = dataOf(e, 'ChatAssigned');
        await store.update(RATINGS_CHATS, d.chatId, { $set: { [nameKey(d.agentId)]: d.agentName } }, at);
        return;
      }
      case 'ChatTransferred': {
        const d = agreed(e, 'ChatTransferred');
        if (d.toAgentName) await store.update(RATINGS_CHATS, d.chatId, { $set: { [nameKey(d.toAgentId)]: d.toAgentName } }, at);
        return;
      }
      case 'ChatRated': {
        const d = agreed(e, 'ChatRated');
        const chat = await store.get<RatingChatDoc>(RATINGS_CHATS, d.chatId);
        const rating: Omit<RatingDoc, '_id'> = {
          chatId: d.chatId,
          orgId: d.orgId,
          siteId: d.siteId,
          visitorId: chat?.visitorId ?? '',
          agentId: d.agentId,
          agentName: chat?.names?.[d.agentId.replace(/[.$]/g, '_')] ?? '',
          score: d.score,
          suggestion: d.suggestion,
          at: d.at,
        };
        await store.update(RATINGS, d.chatId, { $set: rating }, at);
        return;
      }
    }
  },
});
