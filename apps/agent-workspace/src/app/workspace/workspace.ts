import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { AgentStatus } from '@kefu/contracts';
import { Auth, ErrorNotice, LanguageSwitcher, LoadedComponent, SessionStore, injectActiveLanguage, loadedWhen } from '@kefu/ui';
import { AgentDesk } from '../desk/agent-desk';
import { VisitorAlerts } from '../visitors/visitor-alerts';
import { VisitorBoard } from '../visitors/visitor-board';
import { VisitorHome } from '../visitors/visitor-home';
import { VisitorToasts } from '../visitors/visitor-toasts';
import { ChatList } from './chat-list';

export const AGENT_STATUSES: readonly AgentStatus[] = ['online', 'away', 'busy', 'offline'];

@Component({
  selector: 'kefu-workspace',
  imports: [TranslocoPipe, LanguageSwitcher, ErrorNotice, ChatList, LoadedComponent, VisitorHome, VisitorToasts],
  providers: [AgentDesk, VisitorBoard, VisitorAlerts],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './workspace.html',
  styleUrl: './workspace.css',
})
export class Workspace {
  protected readonly desk = inject(AgentDesk);
  protected readonly board = inject(VisitorBoard);
  private readonly alerts = inject(VisitorAlerts);
  protected readonly session = inject(SessionStore);
  private readonly auth = inject(Auth);
  private readonly title = inject(Title);
  private readonly transloco = inject(TranslocoService);
  private readonly lang = injectActiveLanguage();
  protected readonly statuses = AGENT_STATUSES;
  /**
   * The chat panel (with its transfer form and visit details) is its own chunk, fetched when the agent first
   * opens a chat: the workspace first shows the visitor board, and keeping the panel out of the initial bundle
   * is what keeps that bundle within its budget.
   */
  protected readonly chatPanel = loadedWhen(
    () => this.desk.selected() !== null,
    () => import('./chat-panel').then((m) => m.ChatPanel),
  );

  constructor() {
    void this.desk.start();
    this.desk.onNewChat(() => this.alerts.chime());
    // A click on a visitor notification shows the visitor board with that row highlighted.
    effect(() => {
      if (this.alerts.focusVisit()) untracked(() => this.desk.selectedId.set(null));
    });
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
