import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { AdminLimits, type AssignAgentDetailsRequest, type Distribution, type SiteGroupView } from '@kefu/contracts';
import { charCount, compactPhone, maxChars, phoneNumber, requiredText } from '../common/forms';
import { PROVINCES, parseCities } from './regions';

/** What the agent form produces (D3): everything of AssignAgentDetailsRequest but the employee. */
export type AgentSettings = Required<Omit<AssignAgentDetailsRequest, 'userId'>>;

/**
 * D3/G10/D4: an agent's nickname (required), job number, contacts, group, distribution rule
 * (automatic, or regional with provinces and cities) and concurrent-chat cap.
 */
@Component({
  selector: 'kefu-agent-form',
  imports: [ReactiveFormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="kefu-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <div class="row">
        <label class="kefu-field">
          <span>{{ 'agents.nickname' | transloco }} *</span>
          <input formControlName="nickname" data-testid="agent-form-nickname" required />
          @if (invalid('nickname')) {
            <small class="kefu-field__error">{{ lengthError('nickname') | transloco: { max: limits.nicknameMaxChars } }}</small>
          }
        </label>
        <label class="kefu-field">
          <span>{{ 'agents.jobNumber' | transloco }}</span>
          <input formControlName="jobNumber" data-testid="agent-form-job-number" />
          @if (invalid('jobNumber')) {
            <small class="kefu-field__error">{{ 'validation.maxChars' | transloco: { max: limits.jobNumberMaxChars } }}</small>
          }
        </label>
      </div>
      <div class="row">
        <label class="kefu-field">
          <span>{{ 'agents.email' | transloco }}</span>
          <input type="email" formControlName="email" data-testid="agent-form-email" />
          @if (invalid('email')) {
            <small class="kefu-field__error">{{ 'validation.email' | transloco }}</small>
          }
        </label>
        <label class="kefu-field">
          <span>{{ 'agents.phone' | transloco }}</span>
          <input type="tel" formControlName="phone" data-testid="agent-form-phone" />
          @if (invalid('phone')) {
            <small class="kefu-field__error">{{ 'validation.phone' | transloco }}</small>
          }
        </label>
      </div>
      <div class="row">
        <label class="kefu-field">
          <span>{{ 'agents.group' | transloco }}</span>
          <select formControlName="groupId" data-testid="agent-form-group">
            @for (group of groups(); track group.groupId) {
              <option [value]="group.groupId">{{ group.isDefault ? ('groups.default' | transloco) : group.name }}</option>
            }
            <option value="">{{ 'agents.noGroup' | transloco }}</option>
          </select>
          @if (form.controls.groupId.value === '') {
            <small class="kefu-muted">{{ 'agents.noGroupHint' | transloco }}</small>
          }
        </label>
        <div class="kefu-field">
          <span>{{ 'agents.maxChats' | transloco }}</span>
          <div class="cap">
            <label class="check">
              <input type="checkbox" formControlName="unlimitedChats" data-testid="agent-form-unlimited" />
              {{ 'agents.noCap' | transloco }}
            </label>
            @if (!form.controls.unlimitedChats.value) {
              <input
                type="number"
                min="1"
                [max]="limits.maxChatsMax"
                formControlName="maxChats"
                data-testid="agent-form-max-chats"
                [attr.aria-label]="'agents.maxChats' | transloco"
              />
            }
          </div>
          @if (invalid('maxChats') && !form.controls.unlimitedChats.value) {
            <small class="kefu-field__error">{{ 'validation.range' | transloco: { min: 1, max: limits.maxChatsMax } }}</small>
          }
        </div>
      </div>
      <fieldset class="kefu-field distribution">
        <legend>{{ 'agents.distribution' | transloco }}</legend>
        <label class="check">
          <input type="radio" formControlName="distribution" value="auto" data-testid="agent-form-auto" />
          {{ 'agents.distributionAuto' | transloco }}
        </label>
        <label class="check">
          <input type="radio" formControlName="distribution" value="regional" data-testid="agent-form-regional" />
          {{ 'agents.distributionRegional' | transloco }}
        </label>
        @if (form.controls.distribution.value === 'regional') {
          <div class="regions" data-testid="agent-form-regions">
            <p class="kefu-muted hint">{{ 'agents.regionsHint' | transloco }}</p>
            <div class="provinces">
              @for (province of provinces; track province) {
                <label class="check province">
                  <input type="checkbox" [checked]="chosen().has(province)" (change)="toggle(province)" [attr.data-testid]="'province-' + province" />
                  {{ province }}
                </label>
              }
            </div>
            <label class="kefu-field">
              <span>{{ 'agents.cities' | transloco }}</span>
              <input formControlName="cities" data-testid="agent-form-cities" [placeholder]="'agents.citiesPlaceholder' | transloco" />
            </label>
            @if (regionsProblem(); as p) {
              <small class="kefu-field__error" data-testid="agent-form-regions-error">{{
                p | transloco: { max: limits.regionsMax, chars: limits.regionMaxChars }
              }}</small>
            }
          </div>
        }
      </fieldset>
      <div class="buttons">
        <button type="submit" class="kefu-button kefu-button--primary" data-testid="agent-form-submit" [disabled]="busy()">
          {{ submitLabel() | transloco }}
        </button>
        <button type="button" class="kefu-button" (click)="cancelled.emit()">{{ 'actions.cancel' | transloco }}</button>
      </div>
    </form>
  `,
  styles: `
    .row {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
      gap: 0.85rem;
    }
    .cap {
      display: flex;
      gap: 0.75rem;
      align-items: center;
    }
    .cap input[type='number'] {
      width: 8rem;
    }
    .check {
      color: var(--kefu-text);
    }
    .distribution {
      border: 1px solid var(--kefu-border);
      border-radius: 6px;
      padding: 0.5rem 0.75rem 0.75rem;
    }
    .distribution legend {
      color: var(--kefu-muted);
      padding: 0 0.25rem;
    }
    .provinces {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(7rem, 1fr));
      gap: 0.2rem;
      margin-bottom: 0.5rem;
    }
    .province {
      margin: 0;
      font-size: 0.85rem;
    }
    .hint {
      font-size: 0.8rem;
      margin: 0.25rem 0;
    }
    .buttons {
      display: flex;
      gap: 0.5rem;
    }
  `,
})
export class AgentForm {
  readonly groups = input.required<SiteGroupView[]>();
  /** Values to start from (editing an agent, or an employee's details when assigning). */
  readonly initial = input<Partial<AgentSettings>>({});
  readonly submitLabel = input('actions.save');
  readonly busy = input(false);
  readonly saved = output<AgentSettings>();
  readonly cancelled = output<void>();

  protected readonly limits = AdminLimits;
  protected readonly provinces = PROVINCES;
  protected readonly form = inject(NonNullableFormBuilder).group({
    nickname: ['', [requiredText, maxChars(AdminLimits.nicknameMaxChars)]],
    jobNumber: ['', [maxChars(AdminLimits.jobNumberMaxChars)]],
    email: ['', [Validators.email, Validators.maxLength(254)]],
    phone: ['', [phoneNumber]],
    groupId: [''],
    distribution: ['auto' as Distribution],
    cities: [''],
    unlimitedChats: [true],
    maxChats: [5, [Validators.required, Validators.min(1), Validators.max(AdminLimits.maxChatsMax), Validators.pattern(/^\d+$/)]],
  });
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  private readonly submitted = signal(false);
  private readonly cities = signal('');
  private readonly distribution = signal<Distribution>('auto');
  private readonly regions = computed(() => [...this.chosen(), ...parseCities(this.cities()).filter((c) => !this.chosen().has(c))]);
  protected readonly regionsProblem = computed(() => {
    if (!this.submitted() || this.distribution() !== 'regional') return null;
    const regions = this.regions();
    if (regions.length === 0) return 'agents.regionsRequired';
    if (regions.length > AdminLimits.regionsMax) return 'agents.regionsTooMany';
    if (regions.some((r) => charCount(r) > AdminLimits.regionMaxChars)) return 'agents.regionTooLong';
    return null;
  });

  constructor() {
    this.form.controls.cities.valueChanges.subscribe((value) => this.cities.set(value));
    this.form.controls.distribution.valueChanges.subscribe((value) => this.distribution.set(value));
    effect(() => this.fill(this.initial(), this.groups()));
  }

  protected invalid(name: keyof typeof this.form.controls): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected lengthError(name: 'nickname'): string {
    return this.form.controls[name].hasError('maxChars') ? 'validation.maxChars' : 'agents.nicknameRequired';
  }

  protected toggle(province: string): void {
    const next = new Set(this.chosen());
    if (next.has(province)) next.delete(province);
    else next.add(province);
    this.chosen.set(next);
  }

  protected submit(): void {
    this.submitted.set(true);
    this.form.markAllAsTouched();
    const value = this.form.getRawValue();
    const capInvalid = !value.unlimitedChats && this.form.controls.maxChats.invalid;
    const otherInvalid = (['nickname', 'jobNumber', 'email', 'phone'] as const).some((name) => this.form.controls[name].invalid);
    if (capInvalid || otherInvalid || this.regionsProblem() || this.busy()) return;
    const regional = value.distribution === 'regional';
    this.saved.emit({
      nickname: value.nickname.trim(),
      jobNumber: value.jobNumber.trim(),
      email: value.email.trim(),
      phone: compactPhone(value.phone.trim()),
      groupId: value.groupId,
      distribution: value.distribution,
      regions: regional ? this.regions() : [],
      maxChats: value.unlimitedChats ? null : Number(value.maxChats),
    });
  }

  private fill(initial: Partial<AgentSettings>, groups: SiteGroupView[]): void {
    const regions = initial.regions ?? [];
    const provinces = regions.filter((r) => PROVINCES.includes(r));
    const defaultGroup = groups.find((g) => g.isDefault)?.groupId ?? groups[0]?.groupId ?? '';
    this.form.reset({
      nickname: initial.nickname ?? '',
      jobNumber: initial.jobNumber ?? '',
      email: initial.email ?? '',
      phone: initial.phone ?? '',
      groupId: initial.groupId ?? defaultGroup,
      distribution: initial.distribution ?? 'auto',
      cities: regions.filter((r) => !PROVINCES.includes(r)).join('，'),
      unlimitedChats: initial.maxChats === null || initial.maxChats === undefined,
      maxChats: initial.maxChats ?? 5,
    });
    this.chosen.set(new Set(provinces));
    this.submitted.set(false);
  }
}
