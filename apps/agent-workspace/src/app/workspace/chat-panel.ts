import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type CannedResponseView, Limits } from '@kefu/contracts';
import { AttachLink, ErrorNotice, LocalTimePipe, MessageAttachment, MessageText, type UiError, injectActiveLanguage } from '@kefu/ui';
import { AgentDesk, type DeskChat } from '../desk/agent-desk';
import { TransferPanel } from './transfer-panel';
import { VisitInfo } from './visit-info';

@Component({
  selector: 'kefu-chat-panel',
  imports: [TranslocoPipe, LocalTimePipe, ErrorNotice, MessageText, MessageAttachment, AttachLink, TransferPanel, VisitInfo],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './chat-panel.html',
  styleUrl: './chat-panel.css',
})
export class ChatPanel {
  protected readonly desk = inject(AgentDesk);
  protected readonly lang = injectActiveLanguage();
  protected readonly maxChars = Limits.messageMaxChars;
  protected readonly maxCategory = Limits.categoryMaxChars;

  readonly chat = input.required<DeskChat>();

  protected readonly closed = computed(() => this.chat().summary.status === 'closed');
  /** This agent serves the chat (or it is not assigned yet). */
  protected readonly mine = computed(() => !this.chat().summary.agent || this.chat().summary.agent?.id === this.desk.me());
  protected readonly writable = computed(() => this.desk.canWrite(this.chat()));
  /** B8: someone else serves the chat now; this agent may read it only. */
  protected readonly readOnlyBy = computed(() => (this.mine() ? null : (this.chat().summary.agent?.name ?? '')));
  /** B8: the chat was handed to this agent: from whom and why. */
  protected readonly transferNote = computed(() => {
    const transfer = this.chat().summary.lastTransfer;
    return transfer && transfer.to.id === this.desk.me() && transfer.from.id !== this.desk.me() ? transfer : null;
  });
  protected readonly typing = computed(() => (this.closed() ? null : (this.desk.typing()[this.chat().summary.chatId] ?? null)));
  protected readonly pending = computed(() => {
    const chatId = this.chat().summary.chatId;
    return this.desk.outbox.pending().filter((message) => message.chatId === chatId);
  });
  protected readonly transferring = signal(false);
  protected readonly notice = signal<UiError | null>(null);
  protected readonly info = signal<string | null>(null);
  protected readonly categoryDraft = signal('');
  /** H3: the site's categories; when there are some, the agent picks one instead of typing. */
  protected readonly categoryOptions = signal<readonly string[]>([]);
  /** B5: the agent's own canned responses, then the site's (H1); and whether the list is open. */
  protected readonly canned = signal<readonly (CannedResponseView & { mine?: true })[]>([]);
  protected readonly cannedOpen = signal(false);
  protected readonly cannedFilter = signal('');
  /** While the draft is `/word`: the word (lower case), which picks canned responses by shortcut; else undefined. */
  private readonly shortcutTyped = computed(() => /^\/(\S*)$/.exec(this.draft())?.[1]?.toLowerCase());
  /** The list: everything matching the filter, or, while the draft is `/word`, the responses whose shortcut starts with it. */
  protected readonly cannedShown = computed(() => {
    const typed = this.shortcutTyped();
    if (typed !== undefined) return this.canned().filter((r) => r.shortcut && r.shortcut.toLowerCase().startsWith(typed));
    if (!this.cannedOpen()) return [];
    const filter = this.cannedFilter().trim().toLowerCase();
    return filter ? this.canned().filter((r) => r.shortcut.toLowerCase().includes(filter) || r.text.toLowerCase().includes(filter)) : this.canned();
  });
  /** Drafts survive switching between chats. */
  private readonly drafts = signal<Readonly<Record<string, string>>>({});
  protected readonly draft = computed(() => this.drafts()[this.chat().summary.chatId] ?? '');

  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');

  constructor() {
    // Keep the newest message (or the visitor's draft) in view whenever the transcript grows.
    afterRenderEffect(() => this.scrollToEnd(this.chat().events.length + this.pending().length, this.typing()?.draft ?? ''));
    // Another chat: its own category, no leftover notices or open transfer form.
    effect(() => {
      const chatId = this.chat().summary.chatId;
      untracked(() => {
        this.categoryDraft.set(this.desk.chats().find((c) => c.summary.chatId === chatId)?.summary.category ?? '');
        this.categoryOptions.set([]);
        this.canned.set([]);
        this.cannedOpen.set(false);
        if (this.mine()) {
          void this.loadCategories(chatId);
          void this.loadCanned(chatId);
        }
        this.transferring.set(false);
        this.notice.set(null);
        this.info.set(null);
      });
    });
  }

  private scrollToEnd(_count: number, _draft: string): void {
    const element = this.scroller()?.nativeElement;
    if (element) element.scrollTop = element.scrollHeight;
  }

  protected setDraft(event: Event): void {
    const chatId = this.chat().summary.chatId;
    const value = (event.target as HTMLTextAreaElement).value;
    this.drafts.update((drafts) => ({ ...drafts, [chatId]: value }));
    this.desk.ownDraft(chatId, value);
  }

  protected onKeydown(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter breaks the line; never while an IME is composing Chinese text.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    // While `/word` picks canned responses, Enter takes the first one instead of sending the shortcut.
    const first = this.shortcutTyped() !== undefined ? this.cannedShown()[0] : undefined;
    if (first) this.useCanned(first);
    else this.send();
  }

  /** B5: the response goes into the draft (replacing a `/word` being typed), to be read over and sent. */
  protected useCanned(response: CannedResponseView): void {
    const chatId = this.chat().summary.chatId;
    const current = this.draft();
    const value = this.shortcutTyped() !== undefined || !current.trim() ? response.text : `${current.trimEnd()} ${response.text}`;
    this.drafts.update((drafts) => ({ ...drafts, [chatId]: value }));
    this.desk.ownDraft(chatId, value);
    this.cannedOpen.set(false);
    this.cannedFilter.set('');
  }

  protected toggleCanned(): void {
    this.cannedOpen.update((open) => !open);
    this.cannedFilter.set('');
  }

  protected setCannedFilter(event: Event): void {
    this.cannedFilter.set((event.target as HTMLInputElement).value);
  }

  private async loadCanned(chatId: string): Promise<void> {
    const [site, own] = await Promise.all([this.desk.canned(chatId), this.desk.ownCanned()]);
    if (this.chat().summary.chatId !== chatId) return;
    this.canned.set([...own.map((r) => ({ ...r, mine: true as const })), ...(site.kind === 'ok' ? site.data.responses : [])]);
  }

  protected send(): void {
    if (this.desk.send(this.draft())) {
      const chatId = this.chat().summary.chatId;
      this.drafts.update((drafts) => ({ ...drafts, [chatId]: '' }));
    }
  }

  protected close(): void {
    void this.desk.close(this.chat().summary.chatId);
  }

  private async loadCategories(chatId: string): Promise<void> {
    const answer = await this.desk.categories(chatId);
    // Without the list (an old server, a lost ack) the agent can still type a category; the server checks it anyway.
    if (answer.kind === 'ok' && this.chat().summary.chatId === chatId) this.categoryOptions.set(answer.data.categories);
  }

  protected async categorise(): Promise<void> {
    this.notice.set(null);
    const answer = await this.desk.categorise(this.chat().summary.chatId, this.categoryDraft());
    if (answer.kind === 'rejected') this.notice.set(answer.error);
    else if (answer.kind === 'unreachable') this.notice.set({ code: 'TIMEOUT', message: '' });
  }

  protected async askRating(): Promise<void> {
    this.notice.set(null);
    this.info.set(null);
    const answer = await this.desk.askRating(this.chat().summary.chatId);
    if (answer.kind === 'ok') this.info.set(answer.data.sent ? 'workspace.ratingAsked' : 'workspace.ratingNotSent');
    else this.notice.set(answer.kind === 'rejected' ? answer.error : { code: 'TIMEOUT', message: '' });
  }
}
