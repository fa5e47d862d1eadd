import type { TranslationSource } from '@kefu/ui';

/** Each language is its own lazy chunk: only the active one is downloaded. */
export const agentTranslations: TranslationSource = {
  'zh-CN': () => import('./zh-CN.json').then((m) => m.default),
  'zh-TW': () => import('./zh-TW.json').then((m) => m.default),
  en: () => import('./en.json').then((m) => m.default),
};
