/**
 * Only web addresses become images or links: a `javascript:` or `data:` reference (or an upload id) gives null,
 * and the caller shows a name or nothing instead.
 */
export function httpHref(ref: string): string | null {
  try {
    const url = new URL(ref);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
