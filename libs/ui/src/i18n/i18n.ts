import {
  DestroyRef,
  type EnvironmentProviders,
  Injectable,
  InjectionToken,
  type Signal,
  inject,
  isDevMode,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type Translation, type TranslocoLoader, TranslocoService, provideTransloco } from '@jsverse/transloco';
import type { Language } from '@kefu/contracts';
import { map } from 'rxjs';
import { BROWSER_STORAGE } from '../storage/safe-storage';
import sharedEn from './en.json';
import sharedZhCN from './zh-CN.json';
import sharedZhTW from './zh-TW.json';

export const LANGUAGES: readonly Language[] = ['zh-CN', 'zh-TW', 'en'];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
/** Where the admin console and agent workspace remember the chosen language. */
export const LANGUAGE_KEY = 'kefu.lang';

/** Each app's own strings per language; a function so an app can load them lazily. */
export type TranslationSource = Record<Language, () => Promise<Translation>>;

const SHARED: Record<Language, Translation> = { 'zh-CN': sharedZhCN, 'zh-TW': sharedZhTW, en: sharedEn };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The strings shared by every app (errors, chat states), merged under the app's own. */
export function withShared(lang: Language, own: Translation): Translation {
  return { ...SHARED[lang], ...own };
}

const APP_TRANSLATIONS = new InjectionToken<TranslationSource>('kefu.app-translations');

@Injectable()
class KefuTranslationLoader implements TranslocoLoader {
  private readonly source = inject(APP_TRANSLATIONS);

  async getTranslation(lang: string): Promise<Translation> {
    const language = isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
    return withShared(language, await this.source[language]());
  }
}

export interface I18nOptions {
  /** Remember the user's choice in localStorage (the widget follows the site's language instead). */
  remember: boolean;
}

export function provideKefuI18n(source: TranslationSource, options: I18nOptions): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: APP_TRANSLATIONS, useValue: source },
    provideTransloco({
      config: {
        availableLangs: [...LANGUAGES],
        defaultLang: DEFAULT_LANGUAGE,
        fallbackLang: DEFAULT_LANGUAGE,
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
        missingHandler: { useFallbackTranslation: true, logMissingKey: isDevMode() },
      },
      loader: KefuTranslationLoader,
    }),
    provideEnvironmentInitializer(() => {
      const transloco = inject(TranslocoService);
      const storage = inject(BROWSER_STORAGE);
      if (options.remember) {
        const remembered = storage.getItem(LANGUAGE_KEY);
        if (isLanguage(remembered)) transloco.setActiveLang(remembered);
      }
      const subscription = transloco.langChanges$.subscribe((lang) => {
        if (typeof document !== 'undefined') document.documentElement.lang = lang;
        if (options.remember) storage.setItem(LANGUAGE_KEY, lang);
      });
      inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
    }),
  ]);
}

/** The active language as a signal (for date formatting and the switcher). */
export function injectActiveLanguage(): Signal<Language> {
  const transloco = inject(TranslocoService);
  const current = transloco.getActiveLang();
  return toSignal(transloco.langChanges$.pipe(map((lang) => (isLanguage(lang) ? lang : DEFAULT_LANGUAGE))), {
    initialValue: isLanguage(current) ? current : DEFAULT_LANGUAGE,
  });
}
