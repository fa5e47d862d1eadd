import { invalid } from './domain-error';

/** Control characters (C0 and C1) other than tab, newline and carriage return carry no meaning in chat text and can hide content. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Normalise user-written text: strip control characters, trim, and enforce a length.
 * Text stays plain text: every UI renders it as text, never as HTML, so markup in it cannot run.
 */
export function cleanText(value: string, field: string, max: number, options: { allowEmpty?: boolean } = {}): string {
  const text = value.replace(CONTROL, '').trim();
  if (!options.allowEmpty && text.length === 0) throw invalid(`${field} must not be empty`);
  // UTF-16 units are never fewer than characters: only text longer than `max` units needs counting.
  if (text.length > max && [...text].length > max) throw invalid(`${field} is too long: at most ${max} characters`, { field, max });
  return text;
}

/** An absolute http(s) URL, parsed; anything else is INVALID, naming `field`. */
export function httpUrl(value: string, field: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw invalid(`${field} must be an absolute http(s) URL, e.g. https://www.example.com`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid(`${field} must start with http:// or https://`);
  return parsed;
}
