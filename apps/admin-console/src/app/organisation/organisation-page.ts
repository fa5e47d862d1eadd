import { ChangeDetectionStrategy, Component, type WritableSignal, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { AdminLimits, type OrganisationView, type UpdateOrganisationRequest } from '@kefu/contracts';
import { ErrorNotice, LocalTimePipe, SessionStore, type UiError, injectActiveLanguage, toUiError } from '@kefu/ui';
import { WEB_ADDRESS, maxChars, requiredText } from '../common/forms';
import { OrganisationApi } from './organisation-api';

/** A1 the organisation's name and website; D4/G11 how many agents may be online at once, and who holds a seat now. */
@Component({
  selector: 'kefu-organisation-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorNotice, LocalTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="page">
      <h1>{{ 'organisation.title' | transloco }}</h1>
      <kefu-error-notice [error]="loadError()" />
      @if (org(); as o) {
        <div class="grid">
          <section class="kefu-card">
            <h2>{{ 'organisation.profile' | transloco }}</h2>
            <form class="kefu-form" [formGroup]="profile" (ngSubmit)="saveProfile(o)" novalidate>
              <label class="kefu-field">
                <span>{{ 'auth.register.orgName' | transloco }}</span>
                <input formControlName="name" data-testid="org-name" [readonly]="!owner()" />
                @if (invalid('name')) {
                  <small class="kefu-field__error">{{
                    (profile.controls.name.hasError('maxChars') ? 'validation.maxChars' : 'validation.required') | transloco: { max: limits.orgNameMaxChars }
                  }}</small>
                }
              </label>
              <label class="kefu-field">
                <span>{{ 'auth.register.website' | transloco }}</span>
                <input type="url" formControlName="website" data-testid="org-website" [readonly]="!owner()" />
                @if (invalid('website')) {
                  <small class="kefu-field__error">{{ 'validation.url' | transloco }}</small>
                }
              </label>
              <p class="kefu-muted small">{{ 'organisation.registeredAt' | transloco: { time: (o.registeredAt | localTime: lang()) } }}</p>
              <p class="kefu-muted small">{{ 'organisation.customTitleHint' | transloco }}</p>
              <kefu-error-notice [error]="profileError()" />
              @if (profileSaved()) {
                <p class="kefu-form__info" data-testid="org-saved">{{ 'actions.saved' | transloco }}</p>
              }
              @if (owner()) {
                <div>
                  <button type="submit" class="kefu-button kefu-button--primary" data-testid="org-save" [disabled]="busy()">
                    {{ 'actions.save' | transloco }}
                  </button>
                </div>
              } @else {
                <p class="kefu-muted small">{{ 'organisation.ownerOnly' | transloco }}</p>
              }
            </form>
          </section>

          <section class="kefu-card" data-testid="seats">
            <h2>{{ 'seats.title' | transloco }}</h2>
            <p class="in-use" data-testid="seats-in-use">
              {{ 'seats.inUse' | transloco: { count: o.seats.inUse } }} /
              @if (o.seats.limit === null) {
                {{ 'seats.unlimited' | transloco }}
              } @else {
                {{ 'seats.limitOf' | transloco: { limit: o.seats.limit } }}
              }
            </p>
            @if (o.seats.holders.length) {
              <ul class="holders" data-testid="seat-holders">
                @for (holder of o.seats.holders; track holder.userId) {
                  <li>
                    {{ holder.name }} <small class="kefu-muted">{{ 'seats.since' | transloco: { time: (holder.since | localTime: lang() : 'time') } }}</small>
                  </li>
                }
              </ul>
            } @else {
              <p class="kefu-muted small">{{ 'seats.nobody' | transloco }}</p>
            }
            <form class="kefu-form" (submit)="$event.preventDefault(); saveSeats(o)">
              <fieldset class="kefu-field">
                <legend>{{ 'seats.limit' | transloco }}</legend>
                <label class="check">
                  <input
                    type="radio"
                    name="seat-mode"
                    [checked]="unlimited()"
                    (change)="unlimited.set(true)"
                    [disabled]="!owner()"
                    data-testid="seats-unlimited"
                  />
                  {{ 'seats.unlimited' | transloco }}
                </label>
                <label class="check">
                  <input
                    type="radio"
                    name="seat-mode"
                    [checked]="!unlimited()"
                    (change)="unlimited.set(false)"
                    [disabled]="!owner()"
                    data-testid="seats-limited"
                  />
                  {{ 'seats.atMost' | transloco }}
                </label>
                @if (!unlimited()) {
                  <input
                    type="number"
                    min="0"
                    [max]="limits.seatLimitMax"
                    class="number"
                    data-testid="seats-limit"
                    [value]="limitText()"
                    (input)="limitText.set(valueOf($event))"
                    [readonly]="!owner()"
                    [attr.aria-label]="'seats.limit' | transloco"
                  />
                }
              </fieldset>
              @if (limitInvalid()) {
                <small class="kefu-field__error" data-testid="seats-limit-invalid">{{
                  'validation.range' | transloco: { min: 0, max: limits.seatLimitMax }
                }}</small>
              }
              @if (belowInUse(o)) {
                <p class="kefu-form__info" data-testid="seats-below">{{ 'seats.belowInUse' | transloco: { count: o.seats.inUse } }}</p>
              }
              <p class="kefu-muted small">{{ 'seats.hint' | transloco }}</p>
              <kefu-error-notice [error]="seatsError()" />
              @if (seatsSaved()) {
                <p class="kefu-form__info" data-testid="seats-saved">{{ 'actions.saved' | transloco }}</p>
              }
              @if (owner()) {
                <div>
                  <button type="submit" class="kefu-button kefu-button--primary" data-testid="seats-save" [disabled]="busy()">
                    {{ 'actions.save' | transloco }}
                  </button>
                </div>
              }
            </form>
          </section>
        </div>
      } @else if (!loadError()) {
        <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
      }
    </main>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      gap: 1rem;
      align-items: start;
    }
    h2 {
      font-size: 1rem;
    }
    .small {
      font-size: 0.85rem;
      margin: 0;
    }
    .in-use {
      font-size: 1.1rem;
      font-weight: 600;
    }
    .holders {
      padding-left: 1.25rem;
      margin: 0 0 1rem;
    }
    input.number {
      width: 9rem;
    }
  `,
})
export class OrganisationPage {
  private readonly api = inject(OrganisationApi);
  private readonly session = inject(SessionStore);
  protected readonly lang = injectActiveLanguage();
  protected readonly limits = AdminLimits;
  /** PATCH /organisation and PUT /organisation/seats are the owner's (A3). */
  protected readonly owner = computed(() => this.session.user()?.roles.includes('owner') ?? false);

  protected readonly org = signal<OrganisationView | null>(null);
  protected readonly loadError = signal<UiError | null>(null);
  protected readonly profile = inject(NonNullableFormBuilder).group({
    name: ['', [requiredText, maxChars(AdminLimits.orgNameMaxChars)]],
    website: ['', [Validators.required, Validators.pattern(WEB_ADDRESS), Validators.maxLength(AdminLimits.websiteMaxChars)]],
  });
  private readonly submitted = signal(false);
  protected readonly unlimited = signal(true);
  protected readonly limitText = signal('');
  protected readonly limitInvalid = signal(false);
  protected readonly busy = signal(false);
  protected readonly profileError = signal<UiError | null>(null);
  protected readonly seatsError = signal<UiError | null>(null);
  protected readonly profileSaved = signal(false);
  protected readonly seatsSaved = signal(false);

  constructor() {
    void this.load();
  }

  protected valueOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected invalid(name: 'name' | 'website'): boolean {
    const control = this.profile.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected belowInUse(org: OrganisationView): boolean {
    const limit = this.parsedLimit();
    return !this.unlimited() && limit !== undefined && limit < org.seats.inUse;
  }

  protected async saveProfile(org: OrganisationView): Promise<void> {
    this.submitted.set(true);
    this.profileSaved.set(false);
    this.profile.markAllAsTouched();
    if (this.profile.invalid || this.busy()) return;
    const value = this.profile.getRawValue();
    const changes: UpdateOrganisationRequest = {};
    if (value.name.trim() !== org.name) changes.name = value.name.trim();
    if (value.website.trim() !== org.website) changes.website = value.website.trim();
    if (Object.keys(changes).length === 0) {
      this.profileSaved.set(true);
      return;
    }
    if (await this.write(this.profileError, () => this.api.update(changes))) this.profileSaved.set(true);
  }

  protected async saveSeats(org: OrganisationView): Promise<void> {
    this.seatsSaved.set(false);
    const limit = this.unlimited() ? null : this.parsedLimit();
    this.limitInvalid.set(limit === undefined);
    if (limit === undefined || this.busy()) return;
    if (limit === org.seats.limit) {
      this.seatsSaved.set(true);
      return;
    }
    if (await this.write(this.seatsError, () => this.api.setSeatLimit(limit))) this.seatsSaved.set(true);
  }

  /** A whole number in range, or undefined. */
  private parsedLimit(): number | undefined {
    const text = this.limitText().trim();
    if (!/^\d+$/.test(text)) return undefined;
    const n = Number(text);
    return n <= AdminLimits.seatLimitMax ? n : undefined;
  }

  private async write(errorSlot: WritableSignal<UiError | null>, call: () => Promise<unknown>): Promise<boolean> {
    this.busy.set(true);
    errorSlot.set(null);
    try {
      await call();
      await this.load();
      return true;
    } catch (e) {
      errorSlot.set(toUiError(e));
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      const org = await this.api.get();
      this.org.set(org);
      this.loadError.set(null);
      this.profile.reset({ name: org.name, website: org.website });
      this.submitted.set(false);
      this.unlimited.set(org.seats.limit === null);
      this.limitText.set(org.seats.limit === null ? '' : String(org.seats.limit));
    } catch (e) {
      this.loadError.set(toUiError(e));
    }
  }
}
