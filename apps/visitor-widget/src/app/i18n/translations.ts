import type { TranslationSource } from '@kefu/ui';
import en from './en.json';
import zhCN from './zh-CN.json';
import zhTW from './zh-TW.json';

/** Inlined (about 1 KB each): the widget must not wait for another request before it can speak. */
export const widgetTranslations: TranslationSource = {
  'zh-CN': () => Promise.resolve(zhCN),
  'zh-TW': () => Promise.resolve(zhTW),
  en: () => Promise.resolve(en),
};
