/**
 * Where a visit came from (K1 visit enrichment, J-reports "source"): the referring site, whether it is
 * a search engine, and the search keyword. No maintained package covers the Chinese engines, so this
 * is our own table (STACK.md lists the query parameters per engine).
 */
export interface VisitSource {
  kind: 'direct' | 'search' | 'referral';
  /** Referring host ('' for direct). */
  host: string;
  /** baidu, google, bing, sogou, so360, shenma, yahoo, duckduckgo, yandex, or ''. */
  engine: string;
  keyword: string;
}

interface Engine {
  id: string;
  /** Host suffixes (a host equal to or ending in `.suffix`). */
  hosts: string[];
  /** Query parameters holding the keyword, in order of preference. */
  params: string[];
}

/** Order matters where hosts overlap (m.sm.cn before sm.cn is not needed: suffix match). */
const ENGINES: readonly Engine[] = [
  { id: 'baidu', hosts: ['baidu.com'], params: ['wd', 'word', 'kw', 'query'] },
  { id: 'sogou', hosts: ['sogou.com'], params: ['query', 'keyword'] },
  { id: 'so360', hosts: ['so.com', '360.cn'], params: ['q'] },
  { id: 'shenma', hosts: ['sm.cn'], params: ['q'] },
  { id: 'bing', hosts: ['bing.com'], params: ['q'] },
  {
    id: 'google',
    hosts: ['google.com', 'google.com.hk', 'google.cn', 'google.co.jp', 'google.co.uk', 'google.de', 'google.fr', 'google.com.tw'],
    params: ['q'],
  },
  { id: 'yahoo', hosts: ['yahoo.com', 'yahoo.co.jp'], params: ['p', 'q'] },
  { id: 'duckduckgo', hosts: ['duckduckgo.com'], params: ['q'] },
  { id: 'yandex', hosts: ['yandex.ru', 'yandex.com'], params: ['text'] },
];

export const DIRECT: VisitSource = { kind: 'direct', host: '', engine: '', keyword: '' };

const GBK_CHARSETS = new Set(['gbk', 'gb2312', 'gb18030']);

function bytesOf(percentEncoded: string): Uint8Array {
  const bytes: number[] = [];
  const s = percentEncoded.replace(/\+/g, ' ');
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === '%' && /^[0-9a-f]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of new TextEncoder().encode(c)) bytes.push(b);
    }
  }
  return Uint8Array.from(bytes);
}

/** Decode a raw query value: UTF-8 by default, GBK when the engine says so (`ie=gbk`), or when the bytes are not valid UTF-8. */
function decodeValue(raw: string, charset: string): string {
  const bytes = bytesOf(raw);
  if (GBK_CHARSETS.has(charset)) return new TextDecoder('gbk').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

function rawParams(search: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = (eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    if (!params.has(key)) params.set(key, eq < 0 ? '' : pair.slice(eq + 1));
  }
  return params;
}

const matches = (host: string, suffix: string) => host === suffix || host.endsWith(`.${suffix}`);

/**
 * Classify a referrer. `ownHost` is the page's host: a referrer from the site itself is not a source
 * (the visit's source is direct). Anything that is not an http(s) URL counts as direct.
 */
export function parseReferrer(referrer: string, ownHost = ''): VisitSource {
  let url: URL;
  try {
    url = new URL(referrer.trim());
  } catch {
    return DIRECT;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return DIRECT;
  const host = url.hostname.toLowerCase();
  if (ownHost && host === ownHost.toLowerCase()) return DIRECT;
  const engine = ENGINES.find((e) => e.hosts.some((h) => matches(host, h)));
  if (!engine) return { kind: 'referral', host, engine: '', keyword: '' };
  const params = rawParams(url.search);
  const charset = (params.get('ie') ?? params.get('ie'.toUpperCase()) ?? params.get('oe') ?? '').toLowerCase();
  let keyword = '';
  for (const p of engine.params) {
    const raw = params.get(p);
    if (raw) {
      keyword = decodeValue(raw, charset).trim().slice(0, 200);
      break;
    }
  }
  return { kind: 'search', host, engine: engine.id, keyword };
}
