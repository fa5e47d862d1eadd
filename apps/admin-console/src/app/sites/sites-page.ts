import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { AdminLimits, type Language, type SiteView } from '@kefu/contracts';
import { ErrorNotice, LANGUAGES, type UiError, toUiError } from '@kefu/ui';
import { WEB_ADDRESS, maxChars, requiredText } from '../common/forms';
import { DEFAULT_TIME_ZONE, timeZoneOptions } from '../common/time-zones';
import { SiteCard } from './site-card';
import { SitesApi } from './sites-api';

@Component({
  selector: 'kefu-sites-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorNotice, SiteCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sites-page.html',
  styleUrl: './sites-page.css',
})
export class SitesPage {
  private readonly sitesApi = inject(SitesApi);
  protected readonly languages = LANGUAGES;
  protected readonly nameMax = AdminLimits.siteNameMaxChars;
  protected readonly zones = timeZoneOptions(DEFAULT_TIME_ZONE);

  protected readonly sites = signal<SiteView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<UiError | null>(null);
  protected readonly creating = signal(false);
  protected readonly createError = signal<UiError | null>(null);
  private readonly submitted = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [requiredText, maxChars(AdminLimits.siteNameMaxChars)]],
    url: ['', [Validators.required, Validators.pattern(WEB_ADDRESS), Validators.maxLength(AdminLimits.siteUrlMaxChars)]],
    language: ['zh-CN' as Language, Validators.required],
    timeZone: [DEFAULT_TIME_ZONE, Validators.required],
  });

  constructor() {
    void this.load();
  }

  protected invalid(name: 'name' | 'url'): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  /** Reads wait for the last write's position (SitesApi passes ?waitFor=), so a new site shows at once. */
  protected async load(): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      this.sites.set(await this.sitesApi.list());
    } catch (e) {
      this.loadError.set(toUiError(e));
    } finally {
      this.loading.set(false);
    }
  }

  protected async create(): Promise<void> {
    this.submitted.set(true);
    this.form.markAllAsTouched();
    if (this.form.invalid || this.creating()) return;
    this.creating.set(true);
    this.createError.set(null);
    const { name, url, language, timeZone } = this.form.getRawValue();
    try {
      await this.sitesApi.create({ name: name.trim(), url: url.trim(), language, timeZone });
      this.form.reset({ name: '', url: '', language, timeZone });
      this.submitted.set(false);
      await this.load();
    } catch (e) {
      this.createError.set(toUiError(e));
    } finally {
      this.creating.set(false);
    }
  }
}
