import { Autolinker } from 'autolinker';
import type { MessagePart } from '@kefu/contracts';

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;
const MAY_LINK = /[.:@]/;
/** Texts linkified lately: the live fan-out and the chat-records projection each map the same message. */
const RECENT_MAX = 256;
const recent = new Map<string, MessagePart[]>();

/**
 * Cut plain message text into text and link parts so UIs can show links without innerHTML.
 * Only http(s) and mailto hrefs become links; anything else (javascript:, data:) stays text.
 * autolinker stops at full-width punctuation (，。), which matters for Chinese text.
 */
export function messageParts(text: string): MessagePart[] {
  // Every link autolinker finds here has a '.' (host), ':' (scheme) or '@' (e-mail): most chat lines have
  // none, and skip its HTML scan (13% of a rebuild went to autolinker). Same parts as the full path gives.
  if (!MAY_LINK.test(text)) return [{ text }];
  // Each process maps every new message twice (live delivery and the chat-records projection, both
  // following $all): the second gets the first's parts. Frozen, since both callers share them.
  const known = recent.get(text);
  if (known) return known;
  const parts = Object.freeze(linkParts(text)) as MessagePart[];
  for (const part of parts) Object.freeze(part);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
  recent.set(text, parts);
  return parts;
}

function linkParts(text: string): MessagePart[] {
  const matches = Autolinker.parse(text, { urls: true, email: true, phone: false, mention: false, hashtag: false });
  const parts: MessagePart[] = [];
  let cursor = 0;
  for (const m of matches) {
    const href = m.getAnchorHref();
    if (!SAFE_HREF.test(href)) continue;
    const offset = m.getOffset();
    if (offset > cursor) parts.push({ text: text.slice(cursor, offset) });
    parts.push({ link: href, text: m.getMatchedText() });
    cursor = offset + m.getMatchedText().length;
  }
  if (cursor < text.length || parts.length === 0) parts.push({ text: text.slice(cursor) });
  return parts;
}
