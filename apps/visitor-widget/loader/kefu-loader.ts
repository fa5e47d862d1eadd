/**
 * The snippet's loader: `<script async src="https://HOST/loader.js" data-site="SITE_ID"></script>`.
 * Plain TypeScript, no dependencies, bundled by esbuild to an ES2017 IIFE of well under 2 KB.
 * It adds one iframe (the widget, served from HOST) and resizes it on the widget's request.
 */

export const FRAME_ATTRIBUTE = 'data-kefu-widget';
const LOADED_FLAG = '__kefuLoaded';
const MAX_PARAM = 1500;

export const FRAME_SIZE = {
  collapsed: { width: 72, height: 72 },
  open: { width: 380, height: 560 },
} as const;

type Win = Window & typeof globalThis & { [LOADED_FLAG]?: boolean };

interface ResizeRequest {
  kefu: 'resize';
  open: boolean;
  hidden?: boolean;
}

/** The script tag that loaded us: currentScript, else a `script[data-site]` whose src ends with /loader.js. */
export function findOwnScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement && current.getAttribute('data-site') && current.src) return current;
  const candidates = doc.querySelectorAll<HTMLScriptElement>('script[data-site][src]');
  for (let i = candidates.length - 1; i >= 0; i--) {
    const script = candidates[i];
    if (script && /\/loader\.js$/.test(script.src.split(/[?#]/)[0] ?? '')) return script;
  }
  return null;
}

export function widgetUrl(origin: string, siteId: string, win: Window): string {
  const params = [
    ['site', siteId],
    ['u', win.location.href],
    ['t', win.document.title],
    ['r', win.document.referrer],
  ]
    .map(([key, value]) => `${key}=${encodeURIComponent((value ?? '').slice(0, MAX_PARAM))}`)
    .join('&');
  return `${origin}/widget/?${params}`;
}

function applySize(frame: HTMLIFrameElement, request: ResizeRequest): void {
  const size = request.open ? FRAME_SIZE.open : FRAME_SIZE.collapsed;
  frame.style.display = request.hidden ? 'none' : 'block';
  frame.style.width = `${size.width}px`;
  frame.style.height = `${size.height}px`;
}

function isResizeRequest(data: unknown): data is ResizeRequest {
  return typeof data === 'object' && data !== null && (data as ResizeRequest).kefu === 'resize';
}

/** Installs the widget once per page (a snippet pasted twice is harmless); returns the iframe or null. */
export function boot(win: Win): HTMLIFrameElement | null {
  const doc = win.document;
  const script = findOwnScript(doc);
  const siteId = script?.getAttribute('data-site');
  if (!script || !siteId) return null;

  if (win[LOADED_FLAG] || doc.querySelector(`iframe[${FRAME_ATTRIBUTE}]`)) return null;
  win[LOADED_FLAG] = true;

  let origin: string;
  try {
    origin = new URL(script.src, doc.baseURI).origin;
  } catch {
    return null;
  }

  const frame = doc.createElement('iframe');
  frame.setAttribute(FRAME_ATTRIBUTE, siteId);
  frame.title = doc.documentElement.lang.toLowerCase().startsWith('en') ? 'Live chat' : '在线客服 Live chat';
  frame.setAttribute('allowtransparency', 'true');
  frame.src = widgetUrl(origin, siteId, win);
  const style = frame.style;
  style.position = 'fixed';
  style.right = '0';
  style.bottom = '0';
  style.border = '0';
  style.margin = '0';
  style.padding = '0';
  style.background = 'transparent';
  style.colorScheme = 'normal';
  style.maxWidth = '100vw';
  style.maxHeight = '100vh';
  style.zIndex = '2147483000';
  style.overflow = 'hidden';
  applySize(frame, { kefu: 'resize', open: false });

  win.addEventListener('message', (event: MessageEvent) => {
    // Only our widget may resize our frame: its origin and its window.
    if (event.origin !== origin || event.source !== frame.contentWindow || !isResizeRequest(event.data)) return;
    applySize(frame, event.data);
  });

  const mount = (): void => {
    if (!frame.isConnected) doc.body.appendChild(frame);
  };
  if (doc.body) mount();
  else doc.addEventListener('DOMContentLoaded', mount, { once: true });
  return frame;
}
