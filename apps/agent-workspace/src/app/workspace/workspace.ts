import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { AgentStatus } from '@kefu/contracts';
import { Auth, ErrorNotice, LanguageSwitcher, SessionStore, injectActiveLanguage } from '@kefu/ui';
import { AgentDesk } from '../desk/agent-desk';
import { ChatList } from './chat-list';
import { ChatPanel } from './chat-panel';

export const AGENT_STATUSES: readonly AgentStatus[] = ['online', 'away', 'busy', 'offline'];

@Component({
  selector: 'kefu-workspace',
  imports: [TranslocoPipe, LanguageSwitcher, ErrorNotice, ChatList, ChatPanel],
  providers: [AgentDesk],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './workspace.html',
  styleUrl: './workspace.css',
})
export class Workspace {
  protected readonly desk = inject(AgentDesk);
  protected readonly session = inject(SessionStore);
  private readonly auth = inject(Auth);
  private readonly title = inject(Title);
  private readonly transloco = inject(TranslocoService);
  private readonly lang = injectActiveLanguage();
  protected readonly statuses = AGENT_STATUSES;

  constructor() {
    void this.desk.start();
    // The tab title carries a badge, so a new chat or message is noticed from another tab.
    effect(() => {
      this.lang();
      const count = this.desk.attention();
      const name = this.transloco.translate('app.title');
      this.title.setTitle(count > 0 ? `(${count}) ${name}` : name);
    });
  }

  protected chooseStatus(event: Event): void {
    void this.desk.setStatus((event.target as HTMLSelectElement).value as AgentStatus);
  }

  protected async logout(): Promise<void> {
    this.desk.stop();
    await this.auth.logout();
  }
}
