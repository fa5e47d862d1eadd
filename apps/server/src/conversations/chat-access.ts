import { Inject, Injectable } from '@nestjs/common';
import { canRead, chat, DomainError, type ChatState } from '@kefu/domain';
import type { ChatSummaryView, ResumeResult } from '@kefu/contracts';
import type { EventStore } from '@kefu/event-store';
import type { ReadStore } from '@kefu/read-store';
import { LIVE_CHATS, toChatEventView, toLiveChatSummary, type LiveChatDoc } from '@kefu/projections';
import { DeciderStreams } from '../platform/decider-streams';
import { ProjectorService } from '../platform/projector.service';
import { EVENT_STORE, READ_STORE } from '../platform/tokens';

export type Reader = { role: 'visitor'; id: string; siteId: string } | { role: 'agent'; id: string; orgId: string };

/** Who may see a chat, and what they missed (gap-free resume read from the event store itself). */
@Injectable()
export class ChatAccess {
  constructor(
    private readonly streams: DeciderStreams,
    private readonly projector: ProjectorService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  /** The chat's state if `who` may read it (its visitor, its agent, agents who handed it over); NOT_FOUND otherwise (another site's chat looks absent). */
  async participantState(chatId: string, who: Reader): Promise<ChatState> {
    // Every message asks this first: the state this process holds answers without a read. It can only
    // be behind another process's writes, so a refusal is checked again on the stream itself.
    const known = await this.streams.known(chat, chatId);
    if (readable(known.state, who)) return known.state;
    const { state } = known.cached ? await this.streams.load(chat, chatId) : known;
    if (!readable(state, who)) throw new DomainError('NOT_FOUND', 'no such chat');
    return state;
  }

  async resume(chatId: string, after: number | undefined, who: Reader): Promise<ResumeResult> {
    const state = await this.participantState(chatId, who);
    const recorded = await this.events.read(`chat-${chatId}`);
    const events = recorded.filter((e) => after === undefined || e.position > after).flatMap((e) => toChatEventView(e) ?? []);
    const last = recorded[recorded.length - 1];
    return { summary: await this.summary(chatId, last?.position, state), events };
  }

  /** The chat's summary from the live-chats read model, waited up to `position`. */
  async summary(chatId: string, position: number | undefined, state?: ChatState): Promise<ChatSummaryView> {
    await this.projector.waitFor(position);
    const doc = await this.reads.get<LiveChatDoc>(LIVE_CHATS, chatId);
    if (!doc) {
      if (!state) throw new DomainError('NOT_FOUND', 'no such chat');
      throw new DomainError('NOT_FOUND', 'this chat is not readable yet; try again');
    }
    return toSummary(doc);
  }
}

function readable(state: ChatState, who: Reader): boolean {
  const inScope = who.role === 'visitor' ? state.siteId === who.siteId : state.orgId === who.orgId;
  return state.phase !== 'none' && inScope && canRead(state, who);
}

export function toSummary(doc: LiveChatDoc): ChatSummaryView {
  return toLiveChatSummary(doc);
}
