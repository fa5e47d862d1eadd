import { type ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideKefuI18n } from '@kefu/ui';
import { provideAdminRouter } from './app.routes';
import { adminTranslations } from './i18n/translations';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideAdminRouter(),
    provideKefuI18n(adminTranslations, { remember: true }),
  ],
};
