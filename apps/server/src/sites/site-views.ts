import type { SiteView } from '@kefu/contracts';
import type { SiteDoc } from '@kefu/projections';
import { Paths } from '@kefu/contracts';

/** The snippet a site pastes into its pages (E1): one async script tag. */
export function snippetFor(origin: string, siteId: string): string {
  return `<script async src="${origin}${Paths.loader}" data-site="${siteId}"></script>`;
}

export function toSiteView(doc: SiteDoc, origin: string): SiteView {
  return {
    siteId: doc.siteId,
    orgId: doc.orgId,
    name: doc.name,
    url: doc.url,
    language: doc.language,
    timeZone: doc.timeZone,
    allowedDomains: doc.allowedDomains,
    agents: Object.entries(doc.agents ?? {}).map(([userId, a]) => ({ userId, nickname: a.nickname })),
    createdAt: doc.createdAt,
    snippet: snippetFor(origin, doc.siteId),
  };
}
