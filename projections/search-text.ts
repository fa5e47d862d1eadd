/**
 * Full-text search of records (I5, I6) without a tokenizer: texts are stored normalised (NFKC, so
 * full-width Latin letters and digits match their ASCII forms; lower case) and searched by substring,
 * which finds Chinese words inside sentences that have no spaces. The query side escapes the user's
 * string before building a `$regex` from it: user input is never a pattern or an operator.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The non-empty normalised texts among `texts`. */
export function searchable(texts: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of texts) {
    if (typeof t !== 'string') continue;
    const n = normaliseText(t).trim();
    if (n !== '') out.push(n);
  }
  return out;
}

/** A regular expression source matching `query` literally (after the same normalisation). */
export function literalPattern(query: string): string {
  return normaliseText(query)
    .trim()
    .replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
