import { type ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideKefuI18n } from '@kefu/ui';
import { widgetTranslations } from './i18n/translations';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // The widget speaks the site's language (from the session endpoint), not a remembered choice.
    provideKefuI18n(widgetTranslations, { remember: false }),
  ],
};
