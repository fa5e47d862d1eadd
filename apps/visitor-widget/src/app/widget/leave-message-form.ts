import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LeaveMessageLimits } from '@kefu/contracts';
import { ErrorNotice } from '@kefu/ui';
import { type LeaveMessageForm, VisitorChat } from '../visitor/visitor-chat';

type Field = keyof LeaveMessageForm;

/** The same rules the server applies, so the visitor hears about a mistake before sending. */
const EMAIL = /^[^\s@<>()",;:]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,30}$/;

export function leaveMessageProblems(form: LeaveMessageForm): Partial<Record<Field | 'contact', string>> {
  const problems: Partial<Record<Field | 'contact', string>> = {};
  const name = form.name.trim();
  const phone = form.phone.trim();
  const email = form.email.trim();
  const content = form.content.trim();
  if (!name) problems.name = 'leave.errors.name';
  if (!phone && !email) problems.contact = 'leave.errors.contact';
  if (phone && !PHONE.test(phone)) problems.phone = 'leave.errors.phone';
  if (email && !EMAIL.test(email)) problems.email = 'leave.errors.email';
  if (!content) problems.content = 'leave.errors.content';
  return problems;
}

/** C6: nobody is online: name, phone, e-mail and the message, sent with the page it was left on. */
@Component({
  selector: 'kefu-leave-message-form',
  imports: [TranslocoPipe, ErrorNotice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (chat.leaveState() === 'sent') {
      <p class="thanks" role="status" data-testid="leave-message-thanks">{{ 'leave.thanks' | transloco }}</p>
    } @else {
      <form class="form" data-testid="leave-message-form" novalidate (submit)="$event.preventDefault(); submit()">
        <label>
          <span>{{ 'leave.name' | transloco }} *</span>
          <input data-testid="lm-name" [maxLength]="limits.nameMaxChars" [value]="form().name" (input)="set('name', $event)" autocomplete="name" />
          @if (shown().name; as key) {
            <small class="error" data-testid="lm-error-name">{{ key | transloco }}</small>
          }
        </label>
        <label>
          <span>{{ 'leave.phone' | transloco }}</span>
          <input
            data-testid="lm-phone"
            type="tel"
            [maxLength]="limits.phoneMaxChars"
            [value]="form().phone"
            (input)="set('phone', $event)"
            autocomplete="tel"
          />
          @if (shown().phone; as key) {
            <small class="error" data-testid="lm-error-phone">{{ key | transloco }}</small>
          }
        </label>
        <label>
          <span>{{ 'leave.email' | transloco }}</span>
          <input
            data-testid="lm-email"
            type="email"
            [maxLength]="limits.emailMaxChars"
            [value]="form().email"
            (input)="set('email', $event)"
            autocomplete="email"
          />
          @if (shown().email; as key) {
            <small class="error" data-testid="lm-error-email">{{ key | transloco }}</small>
          }
        </label>
        @if (shown().contact; as key) {
          <small class="error" data-testid="lm-error-contact">{{ key | transloco }}</small>
        }
        <label>
          <span>{{ 'leave.content' | transloco }} *</span>
          <textarea data-testid="lm-content" rows="4" [maxLength]="limits.contentMaxChars" [value]="form().content" (input)="set('content', $event)"></textarea>
          <small class="count">{{ form().content.length }}/{{ limits.contentMaxChars }}</small>
          @if (shown().content; as key) {
            <small class="error" data-testid="lm-error-content">{{ key | transloco }}</small>
          }
        </label>
        <kefu-error-notice [error]="chat.leaveError()" />
        <button type="submit" data-testid="lm-submit" [disabled]="chat.leaveState() === 'sending'">
          {{ (chat.leaveState() === 'sending' ? 'leave.sending' : 'leave.submit') | transloco }}
        </button>
      </form>
    }
  `,
  styles: `
    .form {
      display: grid;
      gap: 8px;
      font-size: 13px;
    }
    label {
      display: grid;
      gap: 2px;
    }
    label > span {
      color: #59636e;
    }
    input,
    textarea {
      border: 1px solid #d1d9e0;
      border-radius: 6px;
      padding: 5px 8px;
      font: inherit;
      resize: vertical;
    }
    .error {
      color: #c62828;
    }
    .count {
      justify-self: end;
      color: #8c959f;
      font-size: 11px;
    }
    button {
      border: 0;
      border-radius: 8px;
      padding: 8px;
      background: var(--primary, #1f6feb);
      color: #fff;
      cursor: pointer;
    }
    button:disabled {
      opacity: 0.6;
    }
    .thanks {
      margin: 0;
      padding: 12px;
      border-radius: 8px;
      background: #dafbe1;
      color: #1a7f37;
      text-align: center;
    }
  `,
})
export class LeaveMessageFormView {
  protected readonly chat = inject(VisitorChat);
  protected readonly limits = LeaveMessageLimits;
  protected readonly form = this.chat.leaveForm;
  /** Problems show once the visitor tried to send, then follow their typing. */
  private readonly tried = signal(false);
  private readonly problems = computed(() => leaveMessageProblems(this.form()));
  protected readonly shown = computed(() => (this.tried() ? this.problems() : {}));

  protected set(field: Field, event: Event): void {
    this.chat.updateLeaveForm({ [field]: (event.target as HTMLInputElement).value });
  }

  protected submit(): void {
    this.tried.set(true);
    if (Object.keys(this.problems()).length === 0) void this.chat.leaveMessage();
  }
}
