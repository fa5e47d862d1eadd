import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ChatEventView } from '@kefu/contracts';
import { LocalTimePipe, MessageAttachment, injectActiveLanguage } from '@kefu/ui';

/** A chat's events; message text is interpolated, so markup in it shows as typed, never runs; attachments show as images or file links (http(s) only). */
@Component({
  selector: 'kefu-transcript',
  imports: [TranslocoPipe, LocalTimePipe, MessageAttachment],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="transcript">
      @for (event of events(); track event.id) {
        @if (event.kind === 'message') {
          <li class="message message--{{ event.from.role }}" data-testid="transcript-message" [attr.data-from]="event.from.role">
            <div class="head">
              <strong>{{ event.from.name || ('chat.' + event.from.role | transloco) }}</strong>
              <time [attr.datetime]="event.at">{{ event.at | localTime: lang() : 'datetime' }}</time>
            </div>
            @if (event.text || !event.attachment) {
              <p class="text">{{ event.text }}</p>
            }
            @if (event.attachment; as attachment) {
              <kefu-message-attachment [attachment]="attachment" />
            }
          </li>
        } @else {
          <li class="system" data-testid="transcript-event">
            @switch (event.what) {
              @case ('requested') {
                {{ 'chat.requested' | transloco }}
              }
              @case ('assigned') {
                {{ 'chat.assigned' | transloco: { name: event.agent?.name ?? '' } }}
              }
              @case ('closed') {
                {{ 'chat.closed' | transloco }}
              }
            }
            · <time [attr.datetime]="event.at">{{ event.at | localTime: lang() : 'time' }}</time>
          </li>
        }
      } @empty {
        <li class="system">{{ 'records.noMessages' | transloco }}</li>
      }
    </ol>
  `,
  styles: `
    .transcript {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.6rem;
    }
    .message {
      max-width: 75%;
      padding: 0.5rem 0.75rem;
      border-radius: 10px;
      background: #f0f3f6;
    }
    .message--agent {
      justify-self: end;
      background: #e7f0ff;
    }
    .head {
      display: flex;
      gap: 0.75rem;
      justify-content: space-between;
      font-size: 0.8rem;
      color: var(--kefu-muted);
    }
    .text {
      margin: 0.2rem 0 0;
      white-space: pre-wrap;
      word-break: break-word;
    }
    .system {
      justify-self: center;
      font-size: 0.8rem;
      color: var(--kefu-muted);
    }
  `,
})
export class Transcript {
  readonly events = input.required<readonly ChatEventView[]>();
  protected readonly lang = injectActiveLanguage();
}
