import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LeaveMessageLimits, type LeaveMessageView } from '@kefu/contracts';
import { ErrorNotice, type UiError, toUiError } from '@kefu/ui';
import { ReportsApi } from '../reporting/reports-api';

/** G1: an SMS carries at most 480 characters. */
export const SMS_MAX_CHARS = 480;

/** I6: answer a leave-message by e-mail or SMS, to the contact the visitor left. */
@Component({
  selector: 'kefu-leave-message-reply',
  imports: [TranslocoPipe, ErrorNotice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="kefu-form reply" data-testid="reply-form" (submit)="$event.preventDefault(); send()">
      <div class="channels" role="radiogroup" [attr.aria-label]="'inbox.channel' | transloco">
        <label>
          <input
            type="radio"
            name="channel"
            value="email"
            data-testid="reply-email"
            [checked]="channel() === 'email'"
            [disabled]="!message().email"
            (change)="channel.set('email')"
          />
          {{ 'inbox.byEmail' | transloco }} {{ message().email }}
        </label>
        <label>
          <input
            type="radio"
            name="channel"
            value="sms"
            data-testid="reply-sms"
            [checked]="channel() === 'sms'"
            [disabled]="!message().phone"
            (change)="channel.set('sms')"
          />
          {{ 'inbox.bySms' | transloco }} {{ message().phone }}
        </label>
      </div>
      @if (channel() === 'email') {
        <label class="kefu-field">
          <span>{{ 'inbox.subject' | transloco }}</span>
          <input
            type="text"
            data-testid="reply-subject"
            maxlength="200"
            [placeholder]="'inbox.subjectDefault' | transloco"
            [value]="subject()"
            (input)="subject.set(value($event))"
          />
        </label>
      }
      <label class="kefu-field">
        <span>{{ 'inbox.content' | transloco }} ({{ length() }}/{{ max() }})</span>
        <textarea rows="4" data-testid="reply-content" [value]="content()" (input)="content.set(value($event))"></textarea>
      </label>
      @if (problem(); as p) {
        <p class="kefu-field__error" role="alert" data-testid="reply-problem">{{ p | transloco: { max: max() } }}</p>
      }
      <kefu-error-notice [error]="error()" />
      <div>
        <button type="submit" class="kefu-button kefu-button--primary" data-testid="reply-send" [disabled]="busy() || !channel()">
          {{ (busy() ? 'inbox.sending' : 'inbox.send') | transloco }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .channels {
      display: flex;
      gap: 1.25rem;
      flex-wrap: wrap;
      font-size: 0.9rem;
    }
  `,
})
export class LeaveMessageReply implements OnInit {
  private readonly api = inject(ReportsApi);
  readonly siteId = input.required<string>();
  readonly message = input.required<LeaveMessageView>();
  readonly sent = output<void>();

  protected readonly channel = signal<'email' | 'sms' | null>(null);
  protected readonly subject = signal('');
  protected readonly content = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<UiError | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly max = computed(() => (this.channel() === 'sms' ? SMS_MAX_CHARS : LeaveMessageLimits.contentMaxChars));
  protected readonly length = computed(() => [...this.content().trim()].length);

  ngOnInit(): void {
    const m = this.message();
    this.channel.set(m.email ? 'email' : m.phone ? 'sms' : null);
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async send(): Promise<void> {
    const channel = this.channel();
    const content = this.content().trim();
    if (!channel) return;
    if (!content) return this.problem.set('validation.required');
    if (this.length() > this.max()) return this.problem.set('validation.maxChars');
    this.problem.set(null);
    this.busy.set(true);
    this.error.set(null);
    try {
      const subject = this.subject().trim();
      await this.api.reply(this.siteId(), this.message().leaveMessageId, { channel, content, ...(channel === 'email' && subject ? { subject } : {}) });
      this.content.set('');
      this.subject.set('');
      this.sent.emit();
    } catch (e) {
      this.error.set(toUiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}
