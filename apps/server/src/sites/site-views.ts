import { fixedLinkUrl, Paths, type FixedLinkTarget, type SiteAgentDetailView, type SiteDetailView, type SiteGroupView } from '@kefu/contracts';
import type { SiteDoc } from '@kefu/projections';

/** The snippet a site pastes into its pages (E1): one async script tag. */
export function snippetFor(origin: string, siteId: string): string {
  return `<script async src="${origin}${Paths.loader}" data-site="${siteId}"></script>`;
}

const byOrder = <T extends { order: number }>(a: T & { id: string }, b: T & { id: string }) => a.order - b.order || a.id.localeCompare(b.id);

export function toSiteView(doc: SiteDoc, origin: string): SiteDetailView {
  const groups = doc.groups ?? {};
  const agentEntries = Object.entries(doc.agents ?? {});
  const agents: SiteAgentDetailView[] = agentEntries
    .map(([userId, a], i) => ({ id: userId, order: a.order ?? i, a }))
    .sort(byOrder)
    .map(({ id: userId, order, a }) => ({
      userId,
      nickname: a.nickname,
      jobNumber: a.jobNumber ?? '',
      email: a.email ?? '',
      phone: a.phone ?? '',
      groupId: a.groupId ?? '',
      distribution: a.distribution ?? 'auto',
      regions: a.regions ?? [],
      order,
      maxChats: a.maxChats ?? null,
      link: fixedLinkUrl(origin, doc.siteId, { kind: 'agent', agentId: userId }),
    }));
  const groupViews: SiteGroupView[] = Object.entries(groups)
    .map(([id, g]) => ({ id, ...g }))
    .sort(byOrder)
    .map(({ id, name, order }) => ({
      groupId: id,
      name,
      order,
      isDefault: id === doc.defaultGroupId,
      agentCount: agents.filter((a) => a.groupId === id).length,
    }));
  return {
    siteId: doc.siteId,
    orgId: doc.orgId,
    name: doc.name,
    url: doc.url,
    language: doc.language,
    timeZone: doc.timeZone,
    allowedDomains: doc.allowedDomains,
    agents,
    groups: groupViews,
    customTitle: doc.customTitle ?? '',
    install: { ...(doc.lastSeenAt ? { lastSeenAt: doc.lastSeenAt } : {}), ...(doc.lastSeenPage ? { lastSeenPage: doc.lastSeenPage } : {}) },
    createdAt: doc.createdAt,
    snippet: snippetFor(origin, doc.siteId),
    ...(doc.deletedAt ? { deletedAt: doc.deletedAt } : {}),
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** E2: copyable HTML of a fixed link; every value is escaped (the text may be anything an admin typed). */
export function fixedLinkHtml(url: string, style: 'text' | 'image', text: string, imageUrl?: string): string {
  const open = `<a href="${escapeHtml(url)}" target="_blank" rel="noopener">`;
  if (style === 'image') return `${open}<img src="${escapeHtml(imageUrl ?? '')}" alt="${escapeHtml(text)}" style="border:0"></a>`;
  return `${open}${escapeHtml(text)}</a>`;
}

export type { FixedLinkTarget };
