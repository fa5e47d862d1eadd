import { InjectionToken } from '@angular/core';

/** What the loader tells the widget about the page it runs on (query params of the iframe URL). */
export interface HostPage {
  siteId: string | null;
  /** URL of the host page (`u`). */
  url: string;
  /** Its title (`t`). */
  title: string;
  /** Its referrer (`r`). */
  referrer: string;
}

const MAX_URL = 2000;
const MAX_TITLE = 300;

export function readHostPage(search: string): HostPage {
  const params = new URLSearchParams(search);
  const siteId = params.get('site')?.trim() || null;
  return {
    siteId,
    url: (params.get('u') ?? '').slice(0, MAX_URL),
    title: (params.get('t') ?? '').slice(0, MAX_TITLE),
    referrer: (params.get('r') ?? '').slice(0, MAX_URL),
  };
}

export const HOST_PAGE = new InjectionToken<HostPage>('kefu.host-page', {
  providedIn: 'root',
  factory: () => readHostPage(location.search),
});

/** Where the widget reports its size (the loader's page); null when not framed. */
export const PARENT_WINDOW = new InjectionToken<Window | null>('kefu.parent-window', {
  providedIn: 'root',
  factory: () => (window.parent && window.parent !== window ? window.parent : null),
});
