import type { Decider, DomainEvent } from '../shared/decider';
import { cleanText } from '../shared/text';

const HOUR_MS = 3_600_000;
/** Pages remembered per site; beyond this the oldest are forgotten (they may be recorded again). */
const PAGES_REMEMBERED = 500;

/**
 * E1 install check (stream `install-{siteId}`): the snippet was seen running on a page. To keep the
 * event store small a page is recorded at most once an hour; the site view shows the last one.
 */
export type InstallCheckEvent = DomainEvent<'SnippetSeen', { orgId: string; siteId: string; page: string; at: string }>;
export type InstallCheckCommand = { type: 'RecordSnippetSeen'; orgId: string; siteId: string; page: string; now: string };
export interface InstallCheckState {
  /** page -> last time it was recorded. */
  lastSeen: Record<string, string>;
}

export const installCheck: Decider<InstallCheckCommand, InstallCheckEvent, InstallCheckState> = {
  streamPrefix: 'install',
  initialState: { lastSeen: {} },
  decide(cmd, s) {
    const page = cleanText(cmd.page, 'page', 500);
    const last = s.lastSeen[page];
    if (last && Date.parse(cmd.now) - Date.parse(last) < HOUR_MS) return [];
    return [{ type: 'SnippetSeen', data: { orgId: cmd.orgId, siteId: cmd.siteId, page, at: cmd.now } }];
  },
  evolve(s, e) {
    const lastSeen = { ...s.lastSeen };
    delete lastSeen[e.data.page];
    lastSeen[e.data.page] = e.data.at;
    const pages = Object.keys(lastSeen);
    for (const old of pages.slice(0, Math.max(0, pages.length - PAGES_REMEMBERED))) delete lastSeen[old];
    return { lastSeen };
  },
};

/** The page a snippet ran on, as recorded: origin and path (query and fragment dropped; they carry personal data and make every URL unique). */
export function pageOfUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`.slice(0, 500);
}
