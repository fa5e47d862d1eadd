import { type EnvironmentProviders, importProvidersFrom } from '@angular/core';
import { type Translation, TranslocoTestingModule } from '@jsverse/transloco';
import type { Language } from '@kefu/contracts';
import { DEFAULT_LANGUAGE, LANGUAGES, withShared } from '../i18n/i18n';

/** Real translations, loaded synchronously, so specs assert the text a user reads. */
export function provideTestI18n(own: Partial<Record<Language, Translation>>): EnvironmentProviders {
  const langs: Record<string, Translation> = {};
  for (const lang of LANGUAGES) {
    const translation = own[lang];
    if (translation) langs[lang] = withShared(lang, translation);
  }
  return importProvidersFrom(
    TranslocoTestingModule.forRoot({
      langs,
      preloadLangs: true,
      translocoConfig: {
        availableLangs: [...LANGUAGES],
        defaultLang: DEFAULT_LANGUAGE,
        fallbackLang: DEFAULT_LANGUAGE,
        reRenderOnLangChange: true,
        missingHandler: { logMissingKey: false, useFallbackTranslation: true },
      },
    }),
  );
}
