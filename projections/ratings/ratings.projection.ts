import type { RatingView } from '@kefu/contracts';
import { docProjection } from '@kefu/projector';
import { childOf, setTo, type Doc } from '@kefu/read-store';
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

/** The field of `names` holding an agent's name. */
const nameKey = (agentId: string) => agentId.replace(/[.$]/g, '_');

/** Records the name an agent had in a chat (a missing name changes nothing but the guard, as `$set` of undefined did). */
function setName(chat: RatingChatDoc, agentId: string, name: string | undefined): void {
  if (name !== undefined) setTo(childOf(chat, 'names'), nameKey(agentId), name);
}

/** I7 ratings list: each rating linked to its conversation (one document per rated chat; a new rating replaces it). */
export const ratingsProjection = docProjection({
  name: 'ratings',
  version: 1,
  handles: ['ChatRequested', 'ChatAssigned', 'ChatTransferred', 'ChatRated'],
  collections: [RATINGS, RATINGS_CHATS],
  project(e, docs) {
    switch (e.type) {
      case 'ChatRequested': {
        const d = agreed(e, 'ChatRequested');
        const chat = docs.edit<RatingChatDoc>(RATINGS_CHATS, d.chatId, e.position, true);
        if (chat) setTo(chat, 'visitorId', d.visitorId);
        return;
      }
      case 'ChatAssigned': {
        const d = dataOf(e, 'ChatAssigned');
        const chat = docs.edit<RatingChatDoc>(RATINGS_CHATS, d.chatId, e.position, true);
        if (chat) setName(chat, d.agentId, d.agentName);
        return;
      }
      case 'ChatTransferred': {
        const d = agreed(e, 'ChatTransferred');
        if (!d.toAgentName) return;
        const chat = docs.edit<RatingChatDoc>(RATINGS_CHATS, d.chatId, e.position, true);
        if (chat) setName(chat, d.toAgentId, d.toAgentName);
        return;
      }
      case 'ChatRated': {
        const d = agreed(e, 'ChatRated');
        const chat = docs.get<RatingChatDoc>(RATINGS_CHATS, d.chatId);
        const names = chat?.names;
        const key = nameKey(d.agentId);
        const rating = docs.edit<RatingDoc>(RATINGS, d.chatId, e.position, true);
        if (!rating) return;
        setTo(rating, 'chatId', d.chatId);
        setTo(rating, 'orgId', d.orgId);
        setTo(rating, 'siteId', d.siteId);
        rating.visitorId = chat?.visitorId ?? '';
        setTo(rating, 'agentId', d.agentId);
        // An own field only: an agent id such as `constructor` is no name.
        rating.agentName = (names && Object.prototype.hasOwnProperty.call(names, key) ? names[key] : undefined) ?? '';
        setTo(rating, 'score', d.score);
        setTo(rating, 'suggestion', d.suggestion);
        setTo(rating, 'at', d.at);
        return;
      }
    }
  },
});
