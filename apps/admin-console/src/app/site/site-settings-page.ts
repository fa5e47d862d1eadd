import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AdminLimits, type Language, type SiteDetailView, type UpdateSiteRequest } from '@kefu/contracts';
import { ErrorNotice, LANGUAGES, type UiError, toUiError } from '@kefu/ui';
import { ConfirmButton } from '../common/confirm-button';
import { DomainList } from '../common/domain-list';
import { WEB_ADDRESS, charCount, maxChars, requiredText } from '../common/forms';
import { DEFAULT_TIME_ZONE, timeZoneOptions } from '../common/time-zones';
import { SitesApi } from '../sites/sites-api';
import { CategoriesEditor } from './categories-editor';
import { SiteContext } from './site-context';

/** D1 rename / URL / allowed domains / delete, G3 language, G4 custom title, the site's time zone, H3 conversation categories. */
@Component({
  selector: 'kefu-site-settings-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorNotice, ConfirmButton, DomainList, CategoriesEditor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (context.site(); as site) {
      <section class="kefu-card">
        <h2>{{ 'site.settings.title' | transloco }}</h2>
        <form class="kefu-form" [formGroup]="form" (ngSubmit)="save(site)" novalidate>
          <div class="row">
            <label class="kefu-field">
              <span>{{ 'sites.create.name' | transloco }}</span>
              <input formControlName="name" data-testid="settings-name" required />
              @if (invalid('name')) {
                <small class="kefu-field__error">{{ nameError() | transloco: { max: limits.siteNameMaxChars } }}</small>
              }
            </label>
            <label class="kefu-field">
              <span>{{ 'sites.create.url' | transloco }}</span>
              <input type="url" formControlName="url" data-testid="settings-url" placeholder="https://www.example.com" required />
              @if (invalid('url')) {
                <small class="kefu-field__error">{{ 'validation.url' | transloco }}</small>
              }
            </label>
          </div>
          <div class="row">
            <label class="kefu-field">
              <span>{{ 'sites.create.language' | transloco }}</span>
              <select formControlName="language" data-testid="settings-language">
                @for (language of languages; track language) {
                  <option [value]="language">{{ 'languages.' + language | transloco }}</option>
                }
              </select>
              <small class="kefu-muted">{{ 'site.settings.languageHint' | transloco }}</small>
            </label>
            <label class="kefu-field">
              <span>{{ 'site.settings.timeZone' | transloco }}</span>
              <select formControlName="timeZone" data-testid="settings-timezone">
                @for (zone of zones(); track zone) {
                  <option [value]="zone">{{ zone }}</option>
                }
              </select>
              <small class="kefu-muted">{{ 'site.settings.timeZoneHint' | transloco }}</small>
            </label>
          </div>
          <label class="kefu-field">
            <span>{{ 'site.settings.customTitle' | transloco }}</span>
            <input formControlName="customTitle" data-testid="settings-custom-title" [placeholder]="'site.settings.customTitlePlaceholder' | transloco" />
            <small [class.kefu-field__error]="titleTooLong()" [class.kefu-muted]="!titleTooLong()" data-testid="settings-custom-title-hint">
              @if (titleTooLong()) {
                {{ 'validation.maxChars' | transloco: { max: limits.customTitleMaxChars } }}
              } @else {
                {{ 'site.settings.customTitleHint' | transloco: { count: titleLength(), max: limits.customTitleMaxChars } }}
              }
            </small>
          </label>
          <div class="kefu-field">
            <span>{{ 'site.settings.allowedDomains' | transloco }}</span>
            <kefu-domain-list [(domains)]="domains" [max]="limits.allowedDomainsMax" />
            <small class="kefu-muted">{{ 'site.settings.allowedDomainsHint' | transloco }}</small>
            @if (domainsMissing()) {
              <small class="kefu-field__error">{{ 'site.settings.allowedDomainsRequired' | transloco }}</small>
            }
          </div>
          <kefu-error-notice [error]="error()" />
          @if (saved()) {
            <p class="kefu-form__info" data-testid="settings-saved">{{ 'actions.saved' | transloco }}</p>
          }
          <div>
            <button type="submit" class="kefu-button kefu-button--primary" data-testid="settings-save" [disabled]="busy()">
              {{ 'actions.save' | transloco }}
            </button>
          </div>
        </form>
      </section>

      <kefu-categories-editor />

      <section class="kefu-card danger">
        <h2>{{ 'site.settings.deleteTitle' | transloco }}</h2>
        <p class="kefu-muted">{{ 'site.settings.deleteHint' | transloco }}</p>
        <kefu-confirm-button
          label="site.settings.delete"
          question="site.settings.deleteQuestion"
          [params]="{ name: site.name }"
          testId="site-delete"
          [disabled]="busy()"
          (confirmed)="remove(site)"
        />
        <kefu-error-notice [error]="deleteError()" />
      </section>
    } @else if (!context.error()) {
      <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 1rem;
    }
    h2 {
      font-size: 1rem;
    }
    .row {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
      gap: 0.85rem;
    }
    .danger {
      border-color: #f1b9b9;
    }
  `,
})
export class SiteSettingsPage {
  private readonly api = inject(SitesApi);
  private readonly router = inject(Router);
  protected readonly context = inject(SiteContext);
  protected readonly limits = AdminLimits;
  protected readonly languages = LANGUAGES;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [requiredText, maxChars(AdminLimits.siteNameMaxChars)]],
    url: ['', [Validators.required, Validators.pattern(WEB_ADDRESS), Validators.maxLength(AdminLimits.siteUrlMaxChars)]],
    language: ['zh-CN' as Language],
    timeZone: [DEFAULT_TIME_ZONE],
    customTitle: ['', [maxChars(AdminLimits.customTitleMaxChars)]],
  });
  protected readonly domains = signal<string[]>([]);
  protected readonly zones = signal<string[]>(timeZoneOptions(DEFAULT_TIME_ZONE));
  private readonly title = signal('');
  protected readonly titleLength = computed(() => charCount(this.title().trim()));
  protected readonly titleTooLong = computed(() => this.titleLength() > AdminLimits.customTitleMaxChars);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly submitted = signal(false);
  protected readonly error = signal<UiError | null>(null);
  protected readonly deleteError = signal<UiError | null>(null);
  protected readonly domainsMissing = computed(() => this.submitted() && this.domains().length === 0);

  constructor() {
    this.form.controls.customTitle.valueChanges.subscribe((value) => this.title.set(value));
    // Each (re)load of the site shows what the server holds.
    effect(() => {
      const site = this.context.site();
      if (site) this.fill(site);
    });
  }

  protected invalid(name: keyof typeof this.form.controls): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected nameError(): string {
    return this.form.controls.name.hasError('maxChars') ? 'validation.maxChars' : 'validation.required';
  }

  protected async save(site: SiteDetailView): Promise<void> {
    this.submitted.set(true);
    this.saved.set(false);
    this.form.markAllAsTouched();
    if (this.form.invalid || this.domains().length === 0 || this.busy()) return;
    const changes = this.changes(site);
    if (Object.keys(changes).length === 0) {
      this.saved.set(true);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.update(site.siteId, changes);
      this.saved.set(true);
      await this.context.reload();
    } catch (e) {
      this.error.set(toUiError(e));
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(site: SiteDetailView): Promise<void> {
    this.busy.set(true);
    this.deleteError.set(null);
    try {
      await this.api.remove(site.siteId);
      await this.router.navigateByUrl('/sites');
    } catch (e) {
      this.deleteError.set(toUiError(e));
    } finally {
      this.busy.set(false);
    }
  }

  /** Only what changed: each change is its own event on the server. */
  private changes(site: SiteDetailView): UpdateSiteRequest {
    const value = this.form.getRawValue();
    const changes: UpdateSiteRequest = {};
    if (value.name.trim() !== site.name) changes.name = value.name.trim();
    if (value.url.trim() !== site.url) changes.url = value.url.trim();
    if (value.language !== site.language) changes.language = value.language;
    if (value.timeZone !== site.timeZone) changes.timeZone = value.timeZone;
    if (value.customTitle.trim() !== (site.customTitle ?? '')) changes.customTitle = value.customTitle.trim();
    const domains = this.domains();
    if (domains.length !== site.allowedDomains.length || domains.some((d, i) => d !== site.allowedDomains[i])) changes.allowedDomains = domains;
    return changes;
  }

  private fill(site: SiteDetailView): void {
    this.zones.set(timeZoneOptions(site.timeZone));
    this.form.reset({
      name: site.name,
      url: site.url,
      language: site.language,
      timeZone: site.timeZone || DEFAULT_TIME_ZONE,
      customTitle: site.customTitle ?? '',
    });
    this.domains.set([...site.allowedDomains]);
    this.submitted.set(false);
  }
}
