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

/** Where the site puts the invitation and direct chat windows (C3, C5); anything else keeps the icon's corner. */
const POSITIONS = ['center', 'top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
type Position = (typeof POSITIONS)[number];
/** Bounds of a placed frame (the site's settings allow less; this only guards the host page). */
export const FRAME_BOUNDS = { min: 72, max: 900 } as const;

interface FramePlacement {
  width: number;
  height: number;
  position: Position;
  floating: boolean;
}

interface ResizeRequest {
  kefu: 'resize';
  open: boolean;
  hidden?: boolean;
  frame?: FramePlacement;
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

function bounded(n: unknown, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.min(FRAME_BOUNDS.max, Math.max(FRAME_BOUNDS.min, Math.round(n))) : fallback;
}

/** A well-formed placement, or undefined (then the frame keeps the icon's corner). */
function placementOf(request: ResizeRequest): FramePlacement | undefined {
  const frame = request.frame;
  if (!request.open || typeof frame !== 'object' || frame === null) return undefined;
  const position = (POSITIONS as readonly string[]).includes(frame.position) ? frame.position : 'bottom-right';
  return {
    width: bounded(frame.width, FRAME_SIZE.open.width),
    height: bounded(frame.height, FRAME_SIZE.open.height),
    position,
    floating: frame.floating !== false,
  };
}

function applySize(frame: HTMLIFrameElement, request: ResizeRequest, win: Window): void {
  const placed = placementOf(request);
  const size = placed ?? (request.open ? FRAME_SIZE.open : FRAME_SIZE.collapsed);
  const style = frame.style;
  style.display = request.hidden ? 'none' : 'block';
  style.width = `${size.width}px`;
  style.height = `${size.height}px`;
  const position = placed?.position ?? 'bottom-right';
  const [vertical, horizontal] = position === 'center' ? ['center', 'center'] : position.split('-');
  // A frame that does not float is placed where the visitor is looking now, on the page: it scrolls away with it.
  const floating = placed?.floating ?? true;
  const top = floating ? 0 : win.scrollY;
  const left = floating ? 0 : win.scrollX;
  style.position = floating ? 'fixed' : 'absolute';
  style.transform = '';
  style.right = style.bottom = style.left = style.top = '';
  if (vertical === 'top') style.top = `${top}px`;
  else if (vertical === 'bottom') {
    if (floating) style.bottom = '0';
    else style.top = `${top + Math.max(0, win.innerHeight - size.height)}px`;
  } else style.top = floating ? '50%' : `${top + Math.max(0, (win.innerHeight - size.height) / 2)}px`;
  if (horizontal === 'left') style.left = `${left}px`;
  else if (horizontal === 'right') {
    if (floating) style.right = '0';
    else style.left = `${left + Math.max(0, win.innerWidth - size.width)}px`;
  } else style.left = floating ? '50%' : `${left + Math.max(0, (win.innerWidth - size.width) / 2)}px`;
  // Centred on the viewport by its drawn size (a frame taller than the viewport is cut to 100vh).
  if (floating && position === 'center') style.transform = 'translate(-50%, -50%)';
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
  style.border = '0';
  style.margin = '0';
  style.padding = '0';
  style.background = 'transparent';
  style.colorScheme = 'normal';
  style.maxWidth = '100vw';
  style.maxHeight = '100vh';
  style.zIndex = '2147483000';
  style.overflow = 'hidden';
  applySize(frame, { kefu: 'resize', open: false }, win);

  win.addEventListener('message', (event: MessageEvent) => {
    // Only our widget may resize our frame: its origin and its window.
    if (event.origin !== origin || event.source !== frame.contentWindow || !isResizeRequest(event.data)) return;
    applySize(frame, event.data, win);
  });

  const mount = (): void => {
    if (!frame.isConnected) doc.body.appendChild(frame);
  };
  if (doc.body) mount();
  else doc.addEventListener('DOMContentLoaded', mount, { once: true });
  return frame;
}
