import { InjectionToken } from '@angular/core';
import { type ChatTarget, type FixedLinkTarget, parseFixedLinkTarget } from '@kefu/contracts';

/** What the loader tells the widget about the page it runs on (query params of the iframe URL). */
export interface HostPage {
  siteId: string | null;
  /** URL of the host page (`u`). */
  url: string;
  /** Its title (`t`). */
  title: string;
  /** Its referrer (`r`). */
  referrer: string;
  /** C7 fixed link: whom the chat is for (`target=agent:<id>` / `group:<id>`); absent = automatic. */
  target?: ChatTarget;
  /** Opened as a page of its own (a fixed link), not inside the loader's iframe: the chat opens at once. */
  standalone: boolean;
}

/** A fixed link names an agent or a group; `auto` and the robot (not a person) route automatically. */
export function chatTargetOf(target: FixedLinkTarget | undefined): ChatTarget | undefined {
  if (target?.kind === 'agent') return { kind: 'agent', agentId: target.agentId };
  if (target?.kind === 'group') return { kind: 'group', groupId: target.groupId };
  return undefined;
}

const MAX_URL = 2000;
const MAX_TITLE = 300;

/**
 * In the loader's iframe the page is the host page (`u`, `t`, `r`). Opened by a fixed link, the
 * widget is the page: it stands for itself, and the page that linked to it is its referrer.
 */
export function readHostPage(search: string, self?: { href: string; title: string; referrer: string; framed: boolean }): HostPage {
  const params = new URLSearchParams(search);
  const siteId = params.get('site')?.trim() || null;
  const target = chatTargetOf(parseFixedLinkTarget(params.get('target')));
  const standalone = !!self && !self.framed && !params.get('u');
  const host: HostPage = {
    siteId,
    url: (standalone ? self.href : (params.get('u') ?? '')).slice(0, MAX_URL),
    title: (standalone ? self.title : (params.get('t') ?? '')).slice(0, MAX_TITLE),
    referrer: (standalone ? self.referrer : (params.get('r') ?? '')).slice(0, MAX_URL),
    standalone,
  };
  return target ? { ...host, target } : host;
}

export const HOST_PAGE = new InjectionToken<HostPage>('kefu.host-page', {
  providedIn: 'root',
  factory: () => readHostPage(location.search, { href: location.href, title: document.title, referrer: document.referrer, framed: window.parent !== window }),
});

/** Where the widget reports its size (the loader's page); null when not framed. */
export const PARENT_WINDOW = new InjectionToken<Window | null>('kefu.parent-window', {
  providedIn: 'root',
  factory: () => (window.parent && window.parent !== window ? window.parent : null),
});
