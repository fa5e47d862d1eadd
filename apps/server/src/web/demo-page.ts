import { Paths } from '@kefu/contracts';
import { UUID } from '../platform/ids';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type DemoLang = 'zh-CN' | 'zh-TW' | 'en';

const TEXT: Record<
  DemoLang,
  { title: string; heading: string; intro: string; page: (n: number) => string; body: (n: number) => string; noSite: (admin: string) => string }
> = {
  'zh-CN': {
    title: '演示商城',
    heading: '演示商城',
    intro: '这是装好了在线客服代码的演示页面。点击右下角的咨询图标即可开始对话。',
    page: (n) => `第 ${n} 页`,
    body: (n) => `第 ${n} 页：商品、价格和更多介绍。`,
    noSite: (admin) => `请先登录<a href="${admin}">管理后台</a>，添加站点，然后打开该站点的演示链接（本页加上 <code>?site=&lt;站点 ID&gt;</code>）。`,
  },
  'zh-TW': {
    title: '示範商城',
    heading: '示範商城',
    intro: '這是裝好了線上客服程式碼的示範頁面。點擊右下角的諮詢圖示即可開始對話。',
    page: (n) => `第 ${n} 頁`,
    body: (n) => `第 ${n} 頁：商品、價格與更多介紹。`,
    noSite: (admin) => `請先登入<a href="${admin}">管理後台</a>，新增站點，然後開啟該站點的示範連結（本頁加上 <code>?site=&lt;站點 ID&gt;</code>）。`,
  },
  en: {
    title: 'Demo shop',
    heading: 'Demo shop',
    intro: 'This is a demo shop page with the chat widget installed. Open the consult icon at the bottom right to chat.',
    page: (n) => `Page ${n}`,
    body: (n) => `Page ${n}: products, prices and more.`,
    noSite: (admin) =>
      `Sign in to the <a href="${admin}">admin console</a>, create a site, and open its demo link (this page with <code>?site=&lt;site id&gt;</code>).`,
  },
};

/** `?lang=` wins, then the browser's Accept-Language, then simplified Chinese (the product's first language). */
export function demoLanguage(lang: unknown, acceptLanguage: string | undefined): DemoLang {
  if (lang === 'zh-CN' || lang === 'zh-TW' || lang === 'en') return lang;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  if (/^zh-(tw|hk|mo|hant)/.test(first)) return 'zh-TW';
  if (first.startsWith('en')) return 'en';
  return 'zh-CN';
}

/**
 * The demo page (/demo?site=<siteId>): a plain shop page with the site's snippet installed, so a
 * newcomer can try the widget at once. Without a valid site id it says how to get one.
 */
export function demoPage(siteId: unknown, page: unknown, lang: DemoLang = 'zh-CN'): string {
  const t = TEXT[lang];
  const site = typeof siteId === 'string' && UUID.test(siteId) ? siteId.toLowerCase() : undefined;
  const n = typeof page === 'string' && /^[1-9]$/.test(page) ? Number(page) : 1;
  const snippet = site ? `<script async src="${Paths.loader}" data-site="${escape(site)}"></script>` : '';
  const nav = site ? [1, 2, 3].map((i) => `<a href="${Paths.demo}?site=${escape(site)}&amp;page=${i}&amp;lang=${lang}">${t.page(i)}</a>`).join(' · ') : '';
  const body = site ? `<p>${t.intro}</p><nav>${nav}</nav><p>${t.body(n)}</p>` : `<p>${t.noSite(Paths.admin)}</p>`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title} · ${t.page(n)}</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:760px;margin:40px auto;padding:0 16px;color:#222}nav a{margin-right:8px}</style>
</head><body><h1>${t.heading}</h1>${body}${snippet}</body></html>`;
}
