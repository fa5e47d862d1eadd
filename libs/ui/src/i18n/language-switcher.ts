import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Language } from '@kefu/contracts';
import { LANGUAGES, injectActiveLanguage, isLanguage } from './i18n';

/** Each language is named in itself, so a user who picked the wrong one can still find theirs. */
const NATIVE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

@Component({
  selector: 'kefu-language-switcher',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="kefu-language">
      <span class="kefu-language__label">{{ 'common.language' | transloco }}</span>
      <select data-testid="language-select" (change)="choose($event)">
        @for (language of languages; track language) {
          <option [value]="language" [selected]="language === active()">{{ names[language] }}</option>
        }
      </select>
    </label>
  `,
  styles: `
    .kefu-language {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      font-size: 0.875rem;
    }
    select {
      font: inherit;
      padding: 0.2rem 0.4rem;
      border-radius: 4px;
      border: 1px solid #c8cdd4;
      background: #fff;
    }
  `,
})
export class LanguageSwitcher {
  private readonly transloco = inject(TranslocoService);
  protected readonly languages = LANGUAGES;
  protected readonly names = NATIVE_NAMES;
  protected readonly active = injectActiveLanguage();

  protected choose(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isLanguage(value)) this.transloco.setActiveLang(value);
  }
}
