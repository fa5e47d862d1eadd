import { projection } from '@kefu/projector';
import type { Doc } from '@kefu/read-store';
import { agreed } from '../conversation-events';
import { dataOf } from '../event-data';
import { applySiteZone, isSiteZoneEvent, localSlot, SITE_ZONE_EVENTS, zoneOf } from '../local-time';

export const TEAM_AGENTS = 'team_agents';
/** Per agent, site and local day of the site: chats, first responses and handle times. */
export const TEAM_AGENT_DAYS = 'team_agent_days';
export const TEAM_CHATS = 'team_chats';
export const TEAM_SITES = 'team_sites';
/** Per agent and site: the open chats the agent serves there (what routing holds against the site's cap). */
export const TEAM_AGENT_SITES = 'team_agent_sites';
/** One document per chat waiting in a site's queue: queued until routed, released or closed. */
export const TEAM_QUEUE = 'team_queue';

export interface TeamAgentDoc extends Doc {
  agentId: string;
  orgId: string;
  name: string;
  status: 'online' | 'away' | 'busy' | 'offline';
  statusSince: string;
  chatsNow: number;
}

export interface TeamAgentDayDoc extends Doc {
  agentId: string;
  orgId: string;
  siteId: string;
  day: string;
  chats?: number;
  firstResponseMs?: number;
  firstResponses?: number;
  handleMs?: number;
  handled?: number;
}

interface TeamChatDoc extends Doc {
  orgId: string;
  siteId: string;
  agentId: string;
  /** When the current agent got the chat (assignment or transfer). */
  since: string;
  /** Position of the message that was the current agent's first answer. */
  answeredAt?: number;
  closedAt?: number;
}

export interface TeamAgentSiteDoc extends Doc {
  agentId: string;
  orgId: string;
  siteId: string;
  chatsNow: number;
}

export interface TeamQueuedChatDoc extends Doc {
  orgId: string;
  siteId: string;
  chatId: string;
  queuedAt: string;
}

export const agentDayId = (agentId: string, siteId: string, day: string): string => `${agentId}|${siteId}|${day}`;
export const agentSiteId = (agentId: string, siteId: string): string => `${agentId}|${siteId}`;

/**
 * I4 team monitor: each agent's status, chats now and per day, first-response time (assignment or transfer
 * → the agent's first message) and handle time (assignment → close), per site and local day.
 */
/** A new agent row created by the same update that increments `chatsNow`: `$inc` creates the counter. */
function withoutChatsNow(fields: Record<string, unknown>): Record<string, unknown> {
  const { chatsNow: _chatsNow, ...rest } = fields;
  return rest;
}

export const teamMonitorProjection = projection({
  name: 'team-monitor',
  version: 3,
  handles: [
    ...SITE_ZONE_EVENTS,
    'UserRegistered',
    'AgentAssignedToSite',
    'AgentStatusChanged',
    'ChatAssigned',
    'ChatTransferred',
    'MessagePosted',
    'ChatClosed',
    'ChatQueued',
    'ChatRouted',
    'ChatReleased',
  ],
  collections: [TEAM_AGENTS, TEAM_AGENT_DAYS, TEAM_CHATS, TEAM_SITES, TEAM_AGENT_SITES, TEAM_QUEUE],
  async apply(e, store) {
    if (isSiteZoneEvent(e)) return applySiteZone(e, store, TEAM_SITES);
    const at = { upsert: true, atPosition: e.position };
    const dayOf = async (siteId: string, iso: string) => localSlot(iso, await zoneOf(store, TEAM_SITES, siteId)).day;
    const newAgent = (orgId: string, at: string) => ({ orgId, status: 'offline', statusSince: at, chatsNow: 0 });
    const siteLoad = (agentId: string, orgId: string, siteId: string, by: 1 | -1) =>
      by > 0
        ? store.update(TEAM_AGENT_SITES, agentSiteId(agentId, siteId), { $set: { agentId, orgId, siteId }, $inc: { chatsNow: 1 } }, at)
        : store.update(TEAM_AGENT_SITES, agentSiteId(agentId, siteId), { $inc: { chatsNow: -1 } }, { atPosition: e.position });
    const agentFields = async (agentId: string, orgId: string, at: string): Promise<Record<string, unknown>> => {
      const existing = await store.get<TeamAgentDoc>(TEAM_AGENTS, agentId);
      return existing ? {} : { agentId, name: '', ...newAgent(orgId, at) };
    };
    switch (e.type) {
      case 'UserRegistered': {
        const d = dataOf(e, 'UserRegistered');
        if (!d.roles.includes('agent')) return;
        const fields = await agentFields(d.userId, d.orgId, d.registeredAt);
        await store.update(TEAM_AGENTS, d.userId, { $set: { ...fields, name: d.name } }, at);
        return;
      }
      case 'AgentAssignedToSite': {
        const d = dataOf(e, 'AgentAssignedToSite');
        const fields = await agentFields(d.userId, d.orgId, d.assignedAt);
        // The team knows agents by the nickname visitors see (the account name is only a fallback).
        await store.update(TEAM_AGENTS, d.userId, { $set: { ...fields, name: d.nickname } }, at);
        return;
      }
      case 'AgentStatusChanged': {
        const d = dataOf(e, 'AgentStatusChanged');
        const fields = await agentFields(d.userId, d.orgId, d.at);
        await store.update(TEAM_AGENTS, d.userId, { $set: { ...fields, status: d.status, statusSince: d.at } }, at);
        return;
      }
      case 'ChatAssigned': {
        const d = dataOf(e, 'ChatAssigned');
        const day = await dayOf(d.siteId, d.at);
        await store.update(
          TEAM_AGENT_DAYS,
          agentDayId(d.agentId, d.siteId, day),
          { $set: { agentId: d.agentId, orgId: d.orgId, siteId: d.siteId, day }, $inc: { chats: 1 } },
          at,
        );
        const fields = withoutChatsNow(await agentFields(d.agentId, d.orgId, d.at));
        await store.update(TEAM_AGENTS, d.agentId, { $set: { ...fields, ...(fields['name'] === '' ? { name: d.agentName } : {}) }, $inc: { chatsNow: 1 } }, at);
        await siteLoad(d.agentId, d.orgId, d.siteId, 1);
        await store.update(TEAM_CHATS, d.chatId, { $set: { orgId: d.orgId, siteId: d.siteId, agentId: d.agentId, since: d.at } }, at);
        return;
      }
      case 'ChatTransferred': {
        const d = agreed(e, 'ChatTransferred');
        const day = await dayOf(d.siteId, d.at);
        await store.update(
          TEAM_AGENT_DAYS,
          agentDayId(d.toAgentId, d.siteId, day),
          { $set: { agentId: d.toAgentId, orgId: d.orgId, siteId: d.siteId, day }, $inc: { chats: 1 } },
          at,
        );
        await store.update(TEAM_AGENTS, d.fromAgentId, { $inc: { chatsNow: -1 } }, { atPosition: e.position });
        const fields = withoutChatsNow(await agentFields(d.toAgentId, d.orgId, d.at));
        await store.update(
          TEAM_AGENTS,
          d.toAgentId,
          { $set: { ...fields, ...(fields['name'] === '' ? { name: d.toAgentName ?? '' } : {}) }, $inc: { chatsNow: 1 } },
          at,
        );
        await siteLoad(d.fromAgentId, d.orgId, d.siteId, -1);
        await siteLoad(d.toAgentId, d.orgId, d.siteId, 1);
        await store.update(TEAM_CHATS, d.chatId, { $set: { agentId: d.toAgentId, since: d.at }, $unset: { answeredAt: '' } }, at);
        return;
      }
      case 'MessagePosted': {
        const d = dataOf(e, 'MessagePosted');
        if (d.from.role !== 'agent') return;
        const chat = await store.get<TeamChatDoc>(TEAM_CHATS, d.chatId);
        if (!chat || chat.agentId !== d.from.id) return;
        if (chat.answeredAt !== undefined && chat.answeredAt !== e.position) return;
        const day = await dayOf(chat.siteId, chat.since);
        const ms = Math.max(0, Date.parse(d.at) - Date.parse(chat.since));
        await store.update(
          TEAM_AGENT_DAYS,
          agentDayId(chat.agentId, chat.siteId, day),
          { $set: { agentId: chat.agentId, orgId: chat.orgId, siteId: chat.siteId, day }, $inc: { firstResponseMs: ms, firstResponses: 1 } },
          at,
        );
        await store.update(TEAM_CHATS, d.chatId, { $set: { answeredAt: e.position } }, at);
        return;
      }
      case 'ChatClosed': {
        const d = dataOf(e, 'ChatClosed');
        // A visitor who gives up waiting closes a chat that never had an agent: it leaves the queue here too.
        await store.delete(TEAM_QUEUE, d.chatId);
        const chat = await store.get<TeamChatDoc>(TEAM_CHATS, d.chatId);
        if (!chat || (chat.closedAt !== undefined && chat.closedAt !== e.position)) return;
        const day = await dayOf(chat.siteId, d.at);
        const ms = Math.max(0, Date.parse(d.at) - Date.parse(chat.since));
        await store.update(
          TEAM_AGENT_DAYS,
          agentDayId(chat.agentId, chat.siteId, day),
          { $set: { agentId: chat.agentId, orgId: chat.orgId, siteId: chat.siteId, day }, $inc: { handleMs: ms, handled: 1 } },
          at,
        );
        await store.update(TEAM_AGENTS, chat.agentId, { $inc: { chatsNow: -1 } }, { atPosition: e.position });
        await siteLoad(chat.agentId, chat.orgId, chat.siteId, -1);
        await store.update(TEAM_CHATS, d.chatId, { $set: { closedAt: e.position } }, at);
        return;
      }
      case 'ChatQueued': {
        const d = dataOf(e, 'ChatQueued');
        await store.update(TEAM_QUEUE, d.chatId, { $set: { orgId: d.orgId, siteId: d.siteId, chatId: d.chatId, queuedAt: d.at } }, at);
        return;
      }
      case 'ChatRouted':
      case 'ChatReleased':
        // Deleting is idempotent: a chat routed straight away was never in the queue.
        await store.delete(TEAM_QUEUE, dataOf(e, e.type).chatId);
        return;
    }
  },
});
