import { type ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideKefuI18n } from '@kefu/ui';
import { agentTranslations } from './i18n/translations';

export const appConfig: ApplicationConfig = {
  providers: [provideBrowserGlobalErrorListeners(), provideZonelessChangeDetection(), provideKefuI18n(agentTranslations, { remember: true })],
};
