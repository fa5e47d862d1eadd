import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { type ChangeChatSettingsRequest, type ChatSettingsView, WINDOW_POSITIONS, WINDOW_THEMES, type WindowPosition, type WindowTheme } from '@kefu/contracts';
import { ApiClient, ErrorNotice, type UiError, toUiError } from '@kefu/ui';
import { WEB_ADDRESS, isEmail, maxChars } from '../common/forms';
import { CannedResponsesEditor } from './canned-responses-editor';
import { SiteContext } from './site-context';

/** The ranges the server accepts (libs/domain chat-settings): checked here first, named there too. */
const RANGE = {
  afterSeconds: [0, 86_400],
  maxRefusals: [0, 100],
  waitAfterRefusalSeconds: [0, 86_400 * 30],
  manualMaxPerVisitor: [0, 100],
  alertBelow: [0, 5],
  limitMax: [1, 100_000],
  limitWindow: [1, 86_400 * 30],
  buttonWidth: [40, 400],
  buttonHeight: [20, 120],
  chatWidth: [300, 900],
  chatHeight: [360, 900],
} as const;
type RangeName = keyof typeof RANGE;

function whole(name: RangeName): ValidatorFn[] {
  const [min, max] = RANGE[name];
  return [Validators.required, Validators.min(min), Validators.max(max), Validators.pattern(/^\d+$/)];
}

/** A button size: 0 hides the button (manual 3.5.7), anything else within the range. */
function zeroOr(name: RangeName): ValidatorFn {
  const [min, max] = RANGE[name];
  return (control: AbstractControl) => {
    const n = Number(control.value);
    return Number.isInteger(n) && (n === 0 || (n >= min && n <= max)) ? null : { range: true };
  };
}

/** Addresses typed one per line or separated by commas. */
function addressList(text: string): string[] {
  return text
    .split(/[\s,;，；]+/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

const addresses: ValidatorFn = (control) => (addressList(String(control.value)).every(isEmail) ? null : { email: true });
const picture: ValidatorFn = (control) => (control.value === '' || WEB_ADDRESS.test(String(control.value)) ? null : { url: true });

/**
 * A site's conversation settings (manual 3.4.2 invitation window, 3.5.6 direct chat window, 3.5.7 custom
 * invitation window; F2 invitation rules, B4 typing preview, I7 ratings, C6 forwarding, the chat-request
 * limit): one form over GET/PUT /api/sites/:siteId/chat-settings; below it the canned responses (H1), saved on
 * their own. The categories (H3) have their own editor on the settings tab.
 */
@Component({
  selector: 'kefu-conversation-settings-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorNotice, CannedResponsesEditor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loaded()) {
      <form class="kefu-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <section class="kefu-card" formGroupName="auto">
          <h2>{{ 'conversation.invitations' | transloco }}</h2>
          <label class="check">
            <input type="checkbox" formControlName="enabled" data-testid="conv-auto-enabled" />
            {{ 'conversation.autoEnabled' | transloco }}
          </label>
          <div class="row">
            <label class="kefu-field">
              <span>{{ 'conversation.afterSeconds' | transloco }}</span>
              <input type="number" formControlName="afterSeconds" data-testid="conv-after-seconds" />
              @if (bad('auto.afterSeconds')) {
                <small class="kefu-field__error">{{ 'validation.range' | transloco: range('afterSeconds') }}</small>
              }
            </label>
            <label class="kefu-field">
              <span>{{ 'conversation.maxRefusals' | transloco }}</span>
              <input type="number" formControlName="maxRefusals" data-testid="conv-max-refusals" />
              @if (bad('auto.maxRefusals')) {
                <small class="kefu-field__error">{{ 'validation.range' | transloco: range('maxRefusals') }}</small>
              }
            </label>
            <label class="kefu-field">
              <span>{{ 'conversation.waitAfterRefusal' | transloco }}</span>
              <input type="number" formControlName="waitAfterRefusalSeconds" data-testid="conv-wait-after-refusal" />
              @if (bad('auto.waitAfterRefusalSeconds')) {
                <small class="kefu-field__error">{{ 'validation.range' | transloco: range('waitAfterRefusalSeconds') }}</small>
              }
            </label>
          </div>
        </section>

        <section class="kefu-card">
          <div class="row">
            <label class="kefu-field">
              <span>{{ 'conversation.manualMax' | transloco }}</span>
              <input type="number" formControlName="manualMaxPerVisitor" data-testid="conv-manual-max" />
              @if (bad('manualMaxPerVisitor')) {
                <small class="kefu-field__error">{{ 'validation.range' | transloco: range('manualMaxPerVisitor') }}</small>
              }
            </label>
            <label class="kefu-field">
              <span>{{ 'conversation.greeting' | transloco }}</span>
              <input formControlName="greeting" data-testid="conv-greeting" />
              @if (bad('greeting')) {
                <small class="kefu-field__error">{{ 'validation.maxChars' | transloco: { max: 200 } }}</small>
              }
            </label>
          </div>
        </section>

        <section class="kefu-card" formGroupName="invitationWindow">
          <h2>{{ 'conversation.invitationWindow' | transloco }}</h2>
          <div class="row">
            <label class="kefu-field">
              <span>{{ 'conversation.position' | transloco }}</span>
              <select formControlName="position" data-testid="conv-invitation-position">
                @for (p of positions; track p) {
                  <option [value]="p">{{ 'conversation.positions.' + p | transloco }}</option>
                }
              </select>
            </label>
            <label class="kefu-field">
              <span>{{ 'conversation.theme' | transloco }}</span>
              <select formControlName="theme" data-testid="conv-invitation-theme">
                @for (t of themes; track t) {
                  <option [value]="t">{{ 'conversation.themes.' + t | transloco }}</option>
                }
              </select>
            </label>
            <label class="kefu-field">
              <span>{{ 'conversation.imageUrl' | transloco }}</span>
              <input type="url" formControlName="imageUrl" data-testid="conv-invitation-image" placeholder="https://" />
              @if (bad('invitationWindow.imageUrl')) {
                <small class="kefu-field__error">{{ 'validation.url' | transloco }}</small>
              }
            </label>
          </div>
          <div class="checks">
            <label class="check"
              ><input type="checkbox" formControlName="floating" data-testid="conv-invitation-floating" /> {{ 'conversation.floating' | transloco }}</label
            >
            <label class="check"
              ><input type="checkbox" formControlName="showTitle" data-testid="conv-invitation-title" /> {{ 'conversation.showTitle' | transloco }}</label
            >
            <label class="check"
              ><input type="checkbox" formControlName="showGreeting" data-testid="conv-invitation-greeting" />
              {{ 'conversation.showGreeting' | transloco }}</label
            >
          </div>
          @for (button of buttons; track button) {
            <div class="row">
              <label class="kefu-field">
                <span>{{ 'conversation.' + button + 'Text' | transloco }}</span>
                <input
                  [formControlName]="button + 'Text'"
                  [attr.data-testid]="'conv-' + button + '-text'"
                  [placeholder]="'conversation.defaultWords' | transloco"
                />
                @if (bad('invitationWindow.' + button + 'Text')) {
                  <small class="kefu-field__error">{{ 'validation.maxChars' | transloco: { max: 20 } }}</small>
                }
              </label>
              <label class="kefu-field">
                <span>{{ 'conversation.buttonWidth' | transloco }}</span>
                <input type="number" [formControlName]="button + 'Width'" [attr.data-testid]="'conv-' + button + '-width'" />
                @if (bad('invitationWindow.' + button + 'Width')) {
                  <small class="kefu-field__error">{{ 'conversation.zeroOrRange' | transloco: range('buttonWidth') }}</small>
                }
              </label>
              <label class="kefu-field">
                <span>{{ 'conversation.buttonHeight' | transloco }}</span>
                <input type="number" [formControlName]="button + 'Height'" [attr.data-testid]="'conv-' + button + '-height'" />
                @if (bad('invitationWindow.' + button + 'Height')) {
                  <small class="kefu-field__error">{{ 'conversation.zeroOrRange' | transloco: range('buttonHeight') }}</small>
                }
              </label>
              <label class="kefu-field">
                <span>{{ 'conversation.buttonImage' | transloco }}</span>
                <input type="url" [formControlName]="button + 'Image'" [attr.data-testid]="'conv-' + button + '-image'" placeholder="https://" />
                @if (bad('invitationWindow.' + button + 'Image')) {
                  <small class="kefu-field__error">{{ 'validation.url' | transloco }}</small>
                }
              </label>
            </div>
          }
          <small class="kefu-muted">{{ 'conversation.hideHint' | transloco }}</small>
        </section>

        <section class="kefu-card" formGroupName="directChat">
          <h2>{{ 'conversation.directChat' | transloco }}</h2>
          <p class="kefu-muted hint">{{ 'conversation.directChatHint' | transloco }}</p>
          <div class="row">
            <label class="kefu-field">
              <span>{{ 'conversation.width' | transloco }}</span>
              <input type="number" formControlName="width" data-testid="conv-direct-width" />
              @if (bad('directChat.width')) {
                <small class="kefu-field__error">{{ 'validation.range' | transloco: range('chatWidth') }}</small>
              }
            </label>
            <label class="kefu-field">
              <span>{{ 'conversation.height' | transloco }}</span>
              <input type="number" formControlName="height" data-testid="conv-direct-height" />
              @if (bad('directChat.height')) {
                <small class="kefu-field__error">{{ 'validation.range' | transloco: range('chatHeight') }}</small>
              }
            </label>
            <label class="kefu-field">
              <span>{{ 'conversation.position' | transloco }}</span>
              <select formControlName="position" data-testid="conv-direct-position">
                @for (p of positions; track p) {
                  <option [value]="p">{{ 'conversation.positions.' + p | transloco }}</option>
                }
              </select>
            </label>
          </div>
        </section>

        <section class="kefu-card">
          <h2>{{ 'conversation.chats' | transloco }}</h2>
          <label class="check">
            <input type="checkbox" formControlName="typingPreview" data-testid="conv-typing-preview" />
            {{ 'conversation.typingPreview' | transloco }}
          </label>
          <div formGroupName="rating">
            <label class="check">
              <input type="checkbox" formControlName="enabled" data-testid="conv-rating-enabled" />
              {{ 'conversation.ratingEnabled' | transloco }}
            </label>
            <div class="row">
              <label class="kefu-field">
                <span>{{ 'conversation.alertBelow' | transloco }}</span>
                <input type="number" formControlName="alertBelow" data-testid="conv-alert-below" />
                @if (bad('rating.alertBelow')) {
                  <small class="kefu-field__error">{{ 'validation.range' | transloco: range('alertBelow') }}</small>
                }
              </label>
              <label class="kefu-field">
                <span>{{ 'conversation.alertRecipients' | transloco }}</span>
                <textarea rows="2" formControlName="alertRecipients" data-testid="conv-alert-recipients"></textarea>
                @if (bad('rating.alertRecipients')) {
                  <small class="kefu-field__error">{{ 'validation.email' | transloco }}</small>
                }
              </label>
            </div>
          </div>
          <label class="kefu-field">
            <span>{{ 'conversation.forwardTo' | transloco }}</span>
            <textarea rows="2" formControlName="forwardTo" data-testid="conv-forward-to"></textarea>
            @if (bad('forwardTo')) {
              <small class="kefu-field__error">{{ 'validation.email' | transloco }}</small>
            }
          </label>
          <small class="kefu-muted">{{ 'conversation.addressesHint' | transloco }}</small>
          <label class="check">
            <input type="checkbox" formControlName="limitCustom" data-testid="conv-limit-custom" />
            {{ 'conversation.limitCustom' | transloco }}
          </label>
          @if (form.controls.limitCustom.value) {
            <div class="row">
              <label class="kefu-field">
                <span>{{ 'conversation.limitMax' | transloco }}</span>
                <input type="number" formControlName="limitMax" data-testid="conv-limit-max" />
                @if (bad('limitMax')) {
                  <small class="kefu-field__error">{{ 'validation.range' | transloco: range('limitMax') }}</small>
                }
              </label>
              <label class="kefu-field">
                <span>{{ 'conversation.limitWindow' | transloco }}</span>
                <input type="number" formControlName="limitWindow" data-testid="conv-limit-window" />
                @if (bad('limitWindow')) {
                  <small class="kefu-field__error">{{ 'validation.range' | transloco: range('limitWindow') }}</small>
                }
              </label>
            </div>
          }
        </section>

        <kefu-error-notice [error]="error()" />
        @if (saved()) {
          <p class="kefu-form__info" data-testid="conv-saved">{{ 'actions.saved' | transloco }}</p>
        }
        <div>
          <button type="submit" class="kefu-button kefu-button--primary" data-testid="conv-save" [disabled]="busy()">{{ 'actions.save' | transloco }}</button>
        </div>
      </form>
      <kefu-canned-responses-editor />
    } @else {
      <kefu-error-notice [error]="error()" />
      @if (!error()) {
        <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
      }
    }
  `,
  styles: `
    .kefu-form {
      display: grid;
      gap: 1rem;
    }
    h2 {
      font-size: 1rem;
    }
    .hint {
      font-size: 0.85rem;
      margin: 0 0 0.5rem;
    }
    .row {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
      gap: 0.85rem;
      margin-top: 0.5rem;
    }
    .checks {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      margin-top: 0.5rem;
    }
    .check {
      display: inline-flex;
      gap: 0.4rem;
      align-items: center;
      margin-top: 0.5rem;
    }
  `,
})
export class ConversationSettingsPage {
  private readonly api = inject(ApiClient);
  private readonly context = inject(SiteContext);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly positions = WINDOW_POSITIONS;
  protected readonly themes = WINDOW_THEMES;
  protected readonly buttons = ['accept', 'decline'] as const;

  protected readonly form = this.fb.group({
    auto: this.fb.group({
      enabled: [false],
      afterSeconds: [30, whole('afterSeconds')],
      maxRefusals: [3, whole('maxRefusals')],
      waitAfterRefusalSeconds: [300, whole('waitAfterRefusalSeconds')],
    }),
    manualMaxPerVisitor: [3, whole('manualMaxPerVisitor')],
    greeting: ['', [maxChars(200)]],
    invitationWindow: this.fb.group({
      position: ['center' as WindowPosition],
      floating: [true],
      theme: ['blue' as WindowTheme],
      imageUrl: ['', [picture]],
      showTitle: [true],
      showGreeting: [true],
      acceptText: ['', [maxChars(20)]],
      acceptWidth: [120, [zeroOr('buttonWidth')]],
      acceptHeight: [36, [zeroOr('buttonHeight')]],
      acceptImage: ['', [picture]],
      declineText: ['', [maxChars(20)]],
      declineWidth: [120, [zeroOr('buttonWidth')]],
      declineHeight: [36, [zeroOr('buttonHeight')]],
      declineImage: ['', [picture]],
    }),
    directChat: this.fb.group({
      width: [380, whole('chatWidth')],
      height: [560, whole('chatHeight')],
      position: ['bottom-right' as WindowPosition],
    }),
    typingPreview: [true],
    rating: this.fb.group({
      enabled: [true],
      alertBelow: [3, whole('alertBelow')],
      alertRecipients: ['', [addresses]],
    }),
    forwardTo: ['', [addresses]],
    limitCustom: [false],
    limitMax: [20, whole('limitMax')],
    limitWindow: [60, whole('limitWindow')],
  });

  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  private readonly submitted = signal(false);
  protected readonly error = signal<UiError | null>(null);

  constructor() {
    effect(() => {
      const siteId = this.context.siteId();
      if (siteId) untracked(() => void this.load(siteId));
    });
  }

  protected range(name: RangeName): { min: number; max: number } {
    const [min, max] = RANGE[name];
    return { min, max };
  }

  protected bad(path: string): boolean {
    const control = this.form.get(path);
    return !!control && control.invalid && (control.touched || this.submitted());
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.saved.set(false);
    this.form.markAllAsTouched();
    // The custom limit's fields only count when it is on.
    const limitOn = this.form.controls.limitCustom.value;
    const invalid = Object.entries(this.form.controls).some(([name, c]) => c.invalid && (limitOn || (name !== 'limitMax' && name !== 'limitWindow')));
    if (invalid || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const siteId = this.context.siteId();
      const view = await this.api.put<ChatSettingsView>(`/sites/${encodeURIComponent(siteId)}/chat-settings`, this.changes());
      this.fill(view);
      this.saved.set(true);
    } catch (e) {
      this.error.set(toUiError(e));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(siteId: string): Promise<void> {
    this.loaded.set(false);
    this.error.set(null);
    try {
      const view = await this.api.get<ChatSettingsView>(`/sites/${encodeURIComponent(siteId)}/chat-settings`);
      if (siteId !== this.context.siteId()) return;
      this.fill(view);
      this.loaded.set(true);
    } catch (e) {
      this.error.set(toUiError(e));
    }
  }

  private fill(v: ChatSettingsView): void {
    const w = v.windows.invitation;
    this.form.reset({
      auto: v.invitation.auto,
      manualMaxPerVisitor: v.invitation.manualMaxPerVisitor,
      greeting: v.invitation.greeting,
      invitationWindow: {
        position: w.position,
        floating: w.floating,
        theme: w.theme,
        imageUrl: w.imageUrl,
        showTitle: w.showTitle,
        showGreeting: w.showGreeting,
        acceptText: w.accept.text,
        acceptWidth: w.accept.width,
        acceptHeight: w.accept.height,
        acceptImage: w.accept.imageUrl,
        declineText: w.decline.text,
        declineWidth: w.decline.width,
        declineHeight: w.decline.height,
        declineImage: w.decline.imageUrl,
      },
      directChat: v.windows.directChat,
      typingPreview: v.typingPreview,
      rating: { enabled: v.rating.enabled, alertBelow: v.rating.alertBelow, alertRecipients: v.rating.alertRecipients.join('\n') },
      forwardTo: v.leaveMessage.forwardTo.join('\n'),
      limitCustom: v.chatRequestLimit !== null,
      limitMax: v.chatRequestLimit?.max ?? 20,
      limitWindow: v.chatRequestLimit?.windowSeconds ?? 60,
    });
    this.submitted.set(false);
  }

  /** The whole form (the server records only what differs from what it holds). */
  private changes(): ChangeChatSettingsRequest {
    const v = this.form.getRawValue();
    const n = (value: number | string): number => Number(value);
    const w = v.invitationWindow;
    return {
      invitation: {
        auto: {
          enabled: v.auto.enabled,
          afterSeconds: n(v.auto.afterSeconds),
          maxRefusals: n(v.auto.maxRefusals),
          waitAfterRefusalSeconds: n(v.auto.waitAfterRefusalSeconds),
        },
        manualMaxPerVisitor: n(v.manualMaxPerVisitor),
        greeting: v.greeting.trim(),
      },
      typingPreview: v.typingPreview,
      rating: { enabled: v.rating.enabled, alertBelow: n(v.rating.alertBelow), alertRecipients: addressList(v.rating.alertRecipients) },
      chatRequestLimit: v.limitCustom ? { max: n(v.limitMax), windowSeconds: n(v.limitWindow) } : null,
      leaveMessage: { forwardTo: addressList(v.forwardTo) },
      windows: {
        invitation: {
          position: w.position,
          floating: w.floating,
          theme: w.theme,
          imageUrl: w.imageUrl.trim(),
          showTitle: w.showTitle,
          showGreeting: w.showGreeting,
          accept: { text: w.acceptText.trim(), width: n(w.acceptWidth), height: n(w.acceptHeight), imageUrl: w.acceptImage.trim() },
          decline: { text: w.declineText.trim(), width: n(w.declineWidth), height: n(w.declineHeight), imageUrl: w.declineImage.trim() },
        },
        directChat: { width: n(v.directChat.width), height: n(v.directChat.height), position: v.directChat.position },
      },
    };
  }
}
