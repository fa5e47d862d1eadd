import type { Translation } from '@jsverse/transloco';
import type { TranslationSource } from '@kefu/ui';

/** Each language is its own lazy chunk: only the active one is downloaded. */
export const adminTranslations: TranslationSource = {
  'zh-CN': () => Promise.all([import('./zh-CN.json'), import('../reporting/i18n/zh-CN.json')]).then(([a, b]) => mergeTranslations(a.default, b.default)),
  'zh-TW': () => Promise.all([import('./zh-TW.json'), import('../reporting/i18n/zh-TW.json')]).then(([a, b]) => mergeTranslations(a.default, b.default)),
  en: () => Promise.all([import('./en.json'), import('../reporting/i18n/en.json')]).then(([a, b]) => mergeTranslations(a.default, b.default)),
};

/** The monitoring/records/statistics strings live in their own files and add keys inside shared groups (`records`, `nav`). */
export function mergeTranslations(base: Translation, extra: Translation): Translation {
  const out: Translation = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current: unknown = out[key];
    out[key] = isGroup(current) && isGroup(value) ? mergeTranslations(current, value) : value;
  }
  return out;
}

function isGroup(value: unknown): value is Translation {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
