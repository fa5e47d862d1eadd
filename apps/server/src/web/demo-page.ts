import { Paths } from '@kefu/contracts';
import { UUID } from '../platform/ids';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The demo page (/demo?site=<siteId>): a plain shop page with the site's snippet installed, so a
 * newcomer can try the widget at once. Without a valid site id it says how to get one.
 */
export function demoPage(siteId: unknown, page: unknown): string {
  const site = typeof siteId === 'string' && UUID.test(siteId) ? siteId.toLowerCase() : undefined;
  const n = typeof page === 'string' && /^[1-9]$/.test(page) ? Number(page) : 1;
  const snippet = site ? `<script async src="${Paths.loader}" data-site="${escape(site)}"></script>` : '';
  const nav = site ? [1, 2, 3].map((i) => `<a href="${Paths.demo}?site=${escape(site)}&amp;page=${i}">Page ${i}</a>`).join(' · ') : '';
  const body = site
    ? `<p>This is a demo shop page with the chat widget installed. Open the consult icon at the bottom right to chat.</p><nav>${nav}</nav><p>Page ${n}: products, prices and more.</p>`
    : `<p>Sign in to the <a href="${Paths.admin}">admin console</a>, create a site, and open its demo link (this page with <code>?site=&lt;site id&gt;</code>).</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo shop · page ${n}</title>
<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:760px;margin:40px auto;padding:0 16px;color:#222}nav a{margin-right:8px}</style>
</head><body><h1>Demo shop</h1>${body}${snippet}</body></html>`;
}
