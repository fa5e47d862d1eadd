import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LocalTimePipe, injectActiveLanguage } from '@kefu/ui';
import { AgentDesk } from '../desk/agent-desk';

@Component({
  selector: 'kefu-chat-list',
  imports: [TranslocoPipe, LocalTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>
      {{ 'workspace.chats' | transloco }} <span class="kefu-muted">({{ desk.chats().length }})</span>
    </h2>
    <ul>
      @for (chat of desk.chats(); track chat.summary.chatId) {
        <li>
          <button
            type="button"
            class="item"
            data-testid="chat-item"
            [attr.data-chat-id]="chat.summary.chatId"
            [class.item--selected]="chat.summary.chatId === desk.selectedId()"
            [class.item--closed]="chat.summary.status === 'closed'"
            [attr.aria-current]="chat.summary.chatId === desk.selectedId() ? 'true' : null"
            (click)="desk.select(chat.summary.chatId)"
          >
            <span class="line">
              <strong class="name">{{ chat.summary.visitorName }}</strong>
              @if (chat.unread > 0) {
                <span class="badge" data-testid="unread-count">{{ chat.unread }}</span>
              } @else if (chat.fresh) {
                <span class="badge badge--new" data-testid="chat-new">{{ 'workspace.new' | transloco }}</span>
              }
            </span>
            <span class="line kefu-muted small">
              <span class="page">{{ chat.summary.page.title || chat.summary.page.url }}</span>
              <time>{{ chat.summary.requestedAt | localTime: lang() : 'time' }}</time>
            </span>
            <span class="state state--{{ chat.summary.status }}">{{ 'status.' + chat.summary.status | transloco }}</span>
          </button>
        </li>
      } @empty {
        <li class="empty kefu-muted">{{ 'workspace.noChats' | transloco }}</li>
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
    }
    h2 {
      font-size: 0.95rem;
      margin: 0;
      padding: 0.75rem 1rem;
      border-bottom: 1px solid var(--kefu-border);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .item {
      display: grid;
      gap: 0.15rem;
      width: 100%;
      text-align: left;
      padding: 0.6rem 1rem;
      border: 0;
      border-bottom: 1px solid #eef1f4;
      background: none;
      cursor: pointer;
    }
    .item:hover {
      background: #f6f8fa;
    }
    .item--selected {
      background: #eef4ff;
    }
    .item--closed {
      opacity: 0.65;
    }
    .line {
      display: flex;
      justify-content: space-between;
      gap: 0.5rem;
      align-items: center;
    }
    .small {
      font-size: 0.8rem;
    }
    .page {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .badge {
      min-width: 1.3rem;
      padding: 0 0.4rem;
      border-radius: 999px;
      background: var(--kefu-danger);
      color: #fff;
      font-size: 0.75rem;
      text-align: center;
    }
    .badge--new {
      background: var(--kefu-primary);
    }
    .state {
      font-size: 0.75rem;
      color: var(--kefu-muted);
    }
    .state--active {
      color: var(--kefu-success);
    }
    .state--queued {
      color: #9a6700;
    }
    .empty {
      padding: 1rem;
      font-size: 0.875rem;
    }
  `,
})
export class ChatList {
  protected readonly desk = inject(AgentDesk);
  protected readonly lang = injectActiveLanguage();
}
