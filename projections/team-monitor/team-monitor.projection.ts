import { docProjection } from '@kefu/projector';
import { addTo, type Doc, type DocumentSet, setTo } from '@kefu/read-store';
import { agreed } from '../conversation-events';
import { dataOf } from '../event-data';
import { isSiteZoneEvent, localSlot, projectSiteZone, SITE_ZONE_EVENTS, siteZone } from '../local-time';

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

const dayOf = (docs: DocumentSet, siteId: string, iso: string): string => localSlot(iso, siteZone(docs, TEAM_SITES, siteId)).day;

/**
 * The agent's row for the event at `position` (undefined when it already holds it). A new row starts offline
 * with no chats, named `newName` (no name field when undefined); an existing one keeps its fields.
 */
function agentRow(docs: DocumentSet, position: number, agentId: string, orgId: string, at: string, newName: string | undefined): TeamAgentDoc | undefined {
  const existed = docs.get<TeamAgentDoc>(TEAM_AGENTS, agentId) !== undefined;
  const agent = docs.edit<TeamAgentDoc>(TEAM_AGENTS, agentId, position, true);
  if (agent && !existed) {
    setTo(agent, 'agentId', agentId);
    setTo(agent, 'orgId', orgId);
    agent.status = 'offline';
    setTo(agent, 'statusSince', at);
    agent.chatsNow = 0;
    setTo(agent, 'name', newName);
  }
  return agent;
}

/** One chat less for the agent (never creates the row). */
function agentChatDone(docs: DocumentSet, position: number, agentId: string): void {
  const agent = docs.edit<TeamAgentDoc>(TEAM_AGENTS, agentId, position);
  if (agent) addTo(agent, 'chatsNow', -1);
}

/** The agent's figures of a site's local day (undefined when they already hold the event). */
function agentDay(docs: DocumentSet, position: number, agentId: string, orgId: string, siteId: string, day: string): TeamAgentDayDoc | undefined {
  const doc = docs.edit<TeamAgentDayDoc>(TEAM_AGENT_DAYS, agentDayId(agentId, siteId, day), position, true);
  if (doc) {
    setTo(doc, 'agentId', agentId);
    setTo(doc, 'orgId', orgId);
    setTo(doc, 'siteId', siteId);
    doc.day = day;
  }
  return doc;
}

/** One more open chat of the agent on the site (the row is created), or one less (only an existing row). */
function siteLoad(docs: DocumentSet, position: number, agentId: string, orgId: string, siteId: string, by: 1 | -1): void {
  const doc = docs.edit<TeamAgentSiteDoc>(TEAM_AGENT_SITES, agentSiteId(agentId, siteId), position, by > 0);
  if (!doc) return;
  if (by > 0) {
    setTo(doc, 'agentId', agentId);
    setTo(doc, 'orgId', orgId);
    setTo(doc, 'siteId', siteId);
  }
  addTo(doc, 'chatsNow', by);
}

/**
 * I4 team monitor: each agent's status, chats now and per day, first-response time (assignment or transfer
 * → the agent's first message) and handle time (assignment → close), per site and local day.
 */
export const teamMonitorProjection = docProjection({
  name: 'team-monitor',
  version: 3,
  handles: [
    ...SITE_ZONE_EVENTS,
    'UserRegistered',
    'UserRenamed',
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
  project(e, docs) {
    if (isSiteZoneEvent(e)) return projectSiteZone(e, docs, TEAM_SITES);
    const position = e.position;
    switch (e.type) {
      case 'UserRegistered': {
        const d = dataOf(e, 'UserRegistered');
        if (!d.roles.includes('agent')) return;
        const agent = agentRow(docs, position, d.userId, d.orgId, d.registeredAt, undefined);
        if (agent) setTo(agent, 'name', d.name);
        return;
      }
      case 'UserRenamed': {
        // Only a row the panel already shows (an agent's): a rename creates none.
        const d = dataOf(e, 'UserRenamed');
        const agent = docs.edit<TeamAgentDoc>(TEAM_AGENTS, d.userId, position);
        if (agent) setTo(agent, 'name', d.name);
        return;
      }
      case 'AgentAssignedToSite': {
        const d = dataOf(e, 'AgentAssignedToSite');
        const agent = agentRow(docs, position, d.userId, d.orgId, d.assignedAt, undefined);
        // The team knows agents by the nickname visitors see (the account name is only a fallback).
        if (agent) setTo(agent, 'name', d.nickname);
        return;
      }
      case 'AgentStatusChanged': {
        const d = dataOf(e, 'AgentStatusChanged');
        const agent = agentRow(docs, position, d.userId, d.orgId, d.at, '');
        if (!agent) return;
        setTo(agent, 'status', d.status);
        setTo(agent, 'statusSince', d.at);
        return;
      }
      case 'ChatAssigned': {
        const d = dataOf(e, 'ChatAssigned');
        const day = agentDay(docs, position, d.agentId, d.orgId, d.siteId, dayOf(docs, d.siteId, d.at));
        if (day) addTo(day, 'chats', 1);
        const agent = agentRow(docs, position, d.agentId, d.orgId, d.at, d.agentName);
        if (agent) addTo(agent, 'chatsNow', 1);
        siteLoad(docs, position, d.agentId, d.orgId, d.siteId, 1);
        const chat = docs.edit<TeamChatDoc>(TEAM_CHATS, d.chatId, position, true);
        if (chat) {
          chat.orgId = d.orgId;
          chat.siteId = d.siteId;
          chat.agentId = d.agentId;
          chat.since = d.at;
        }
        return;
      }
      case 'ChatTransferred': {
        const d = agreed(e, 'ChatTransferred');
        const day = agentDay(docs, position, d.toAgentId, d.orgId, d.siteId, dayOf(docs, d.siteId, d.at));
        if (day) addTo(day, 'chats', 1);
        // A transfer to the same agent: the second change of the row finds it holding this event, as before.
        agentChatDone(docs, position, d.fromAgentId);
        const agent = agentRow(docs, position, d.toAgentId, d.orgId, d.at, d.toAgentName ?? '');
        if (agent) addTo(agent, 'chatsNow', 1);
        siteLoad(docs, position, d.fromAgentId, d.orgId, d.siteId, -1);
        siteLoad(docs, position, d.toAgentId, d.orgId, d.siteId, 1);
        const chat = docs.edit<TeamChatDoc>(TEAM_CHATS, d.chatId, position, true);
        if (chat) {
          chat.agentId = d.toAgentId;
          chat.since = d.at;
          delete chat.answeredAt;
        }
        return;
      }
      case 'MessagePosted': {
        const d = dataOf(e, 'MessagePosted');
        if (d.from.role !== 'agent') return;
        const chat = docs.get<TeamChatDoc>(TEAM_CHATS, d.chatId);
        if (!chat || chat.agentId !== d.from.id) return;
        if (chat.answeredAt !== undefined && chat.answeredAt !== position) return;
        const { agentId, orgId, siteId, since } = chat;
        const ms = Math.max(0, Date.parse(d.at) - Date.parse(since));
        const day = agentDay(docs, position, agentId, orgId, siteId, dayOf(docs, siteId, since));
        if (day) {
          addTo(day, 'firstResponseMs', ms);
          addTo(day, 'firstResponses', 1);
        }
        const answered = docs.edit<TeamChatDoc>(TEAM_CHATS, d.chatId, position, true);
        if (answered) answered.answeredAt = position;
        return;
      }
      case 'ChatClosed': {
        const d = dataOf(e, 'ChatClosed');
        // A visitor who gives up waiting closes a chat that never had an agent: it leaves the queue here too.
        docs.remove(TEAM_QUEUE, d.chatId);
        const chat = docs.get<TeamChatDoc>(TEAM_CHATS, d.chatId);
        if (!chat || (chat.closedAt !== undefined && chat.closedAt !== position)) return;
        const { agentId, orgId, siteId, since } = chat;
        const ms = Math.max(0, Date.parse(d.at) - Date.parse(since));
        const day = agentDay(docs, position, agentId, orgId, siteId, dayOf(docs, siteId, d.at));
        if (day) {
          addTo(day, 'handleMs', ms);
          addTo(day, 'handled', 1);
        }
        agentChatDone(docs, position, agentId);
        siteLoad(docs, position, agentId, orgId, siteId, -1);
        const closed = docs.edit<TeamChatDoc>(TEAM_CHATS, d.chatId, position, true);
        if (closed) closed.closedAt = position;
        return;
      }
      case 'ChatQueued': {
        const d = dataOf(e, 'ChatQueued');
        const queued = docs.edit<TeamQueuedChatDoc>(TEAM_QUEUE, d.chatId, position, true);
        if (!queued) return;
        queued.orgId = d.orgId;
        queued.siteId = d.siteId;
        queued.chatId = d.chatId;
        queued.queuedAt = d.at;
        return;
      }
      case 'ChatRouted':
      case 'ChatReleased':
        // Removing is idempotent: a chat routed straight away was never in the queue.
        docs.remove(TEAM_QUEUE, dataOf(e, e.type).chatId);
        return;
    }
  },
});
