import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type CannedResponseView, type ChatSettingsView, Limits, type OwnCannedResponses } from '@kefu/contracts';
import { ApiClient, ErrorNotice, type UiError, toUiError } from '@kefu/ui';
import { ConfirmButton } from '../common/confirm-button';
import { charCount } from '../common/forms';
import { MoveButtons } from '../common/move-buttons';
import { SiteContext } from './site-context';

interface Row extends CannedResponseView {
  /** Which row the problem is about, for the list's keys while it is edited. */
  key: number;
}

/**
 * H1: the site's canned responses — add, edit, move up/down, delete, then save the list. Every agent of the site
 * picks them in a chat (B5), from a list or by typing `/` and the shortcut. The list is sent whole, so the order
 * on screen is the order agents see. With `mine`, the same for the signed-in person's own responses (B5), which
 * the workspace offers them beside the site's.
 */
@Component({
  selector: 'kefu-canned-responses-editor',
  imports: [TranslocoPipe, ErrorNotice, ConfirmButton, MoveButtons],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="kefu-card">
      <h2>{{ (mine() ? 'canned.mineTitle' : 'canned.title') | transloco }}</h2>
      <p class="kefu-muted hint">{{ (mine() ? 'canned.mineHint' : 'canned.hint') | transloco }}</p>
      @if (loaded()) {
        <ol class="list">
          @for (row of rows(); track row.key; let i = $index; let first = $first; let last = $last) {
            <li data-testid="canned-row">
              <label class="kefu-field shortcut">
                <span>{{ 'canned.shortcut' | transloco }}</span>
                <input data-testid="canned-shortcut" [value]="row.shortcut" (input)="edit(i, 'shortcut', $event)" placeholder="hi" />
              </label>
              <label class="kefu-field text">
                <span>{{ 'canned.text' | transloco }}</span>
                <textarea rows="2" data-testid="canned-text" [value]="row.text" (input)="edit(i, 'text', $event)"></textarea>
              </label>
              <span class="actions">
                <kefu-move-buttons testIdPrefix="canned" [first]="first" [last]="last" [disabled]="busy()" (move)="move(i, $event)" />
                <kefu-confirm-button
                  label="actions.delete"
                  question="canned.deleteQuestion"
                  testId="canned-delete"
                  [disabled]="busy()"
                  (confirmed)="remove(i)"
                />
              </span>
            </li>
          } @empty {
            <li class="kefu-muted" data-testid="canned-empty">{{ 'canned.empty' | transloco }}</li>
          }
        </ol>
        @if (problem(); as p) {
          <small class="kefu-field__error" data-testid="canned-problem">{{ p.key | transloco: p.params }}</small>
        }
        <kefu-error-notice [error]="error()" />
        @if (saved()) {
          <p class="kefu-form__info" data-testid="canned-saved">{{ 'actions.saved' | transloco }}</p>
        }
        <div class="buttons">
          <button type="button" class="kefu-button" data-testid="canned-add" [disabled]="busy() || rows().length >= max" (click)="add()">
            {{ 'canned.add' | transloco }}
          </button>
          <button type="button" class="kefu-button kefu-button--primary" data-testid="canned-save" [disabled]="busy()" (click)="save()">
            {{ 'actions.save' | transloco }}
          </button>
        </div>
      } @else {
        <kefu-error-notice [error]="error()" />
        @if (!error()) {
          <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
        }
      }
    </section>
  `,
  styles: `
    h2 {
      font-size: 1rem;
    }
    .hint {
      font-size: 0.85rem;
      margin: 0 0 0.75rem;
    }
    .list {
      list-style: none;
      padding: 0;
      margin: 0 0 0.75rem;
      display: grid;
      gap: 0.5rem;
    }
    .list li {
      display: grid;
      grid-template-columns: minmax(100px, 160px) 1fr auto;
      gap: 0.5rem;
      align-items: end;
      padding-bottom: 0.5rem;
      border-bottom: 1px solid var(--kefu-border, #e5e7eb);
    }
    .actions {
      display: flex;
      gap: 0.35rem;
      align-items: center;
    }
    .buttons {
      display: flex;
      gap: 0.5rem;
    }
  `,
})
export class CannedResponsesEditor {
  private readonly api = inject(ApiClient);
  /** Outside a site's pages (the account page) there is no site. */
  private readonly context = inject(SiteContext, { optional: true });
  /** The signed-in person's own list instead of the site's. */
  readonly mine = input(false);
  protected readonly max = Limits.cannedMax;
  private keys = 0;

  protected readonly rows = signal<readonly Row[]>([]);
  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly problem = signal<{ key: string; params: Record<string, unknown> } | null>(null);
  protected readonly error = signal<UiError | null>(null);

  constructor() {
    effect(() => {
      const path = this.path();
      if (path) untracked(() => void this.load(path));
    });
  }

  /** Where the list is read and written: the site's chat settings, or one's own list. */
  private path(): string | null {
    if (this.mine()) return '/auth/canned-responses';
    const siteId = this.context?.siteId();
    return siteId ? `/sites/${encodeURIComponent(siteId)}/chat-settings` : null;
  }

  protected add(): void {
    this.rows.update((rows) => [...rows, { key: this.keys++, shortcut: '', text: '' }]);
    this.saved.set(false);
  }

  protected edit(index: number, field: 'shortcut' | 'text', event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.rows.update((rows) => rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
    this.saved.set(false);
  }

  protected move(index: number, by: -1 | 1): void {
    const rows = [...this.rows()];
    const to = index + by;
    if (to < 0 || to >= rows.length) return;
    [rows[index], rows[to]] = [rows[to]!, rows[index]!];
    this.rows.set(rows);
    this.saved.set(false);
  }

  protected remove(index: number): void {
    this.rows.update((rows) => rows.filter((_, i) => i !== index));
    this.saved.set(false);
  }

  protected async save(): Promise<void> {
    const list = this.rows().map(({ shortcut, text }) => ({ shortcut: shortcut.trim().replace(/^\/+/, ''), text: text.trim() }));
    const problem = listProblem(list);
    this.problem.set(problem);
    this.saved.set(false);
    if (problem || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const view = await this.api.put<ChatSettingsView | OwnCannedResponses>(this.path()!, { cannedResponses: list });
      this.show(view.cannedResponses);
      this.saved.set(true);
    } catch (e) {
      this.error.set(toUiError(e));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(path: string): Promise<void> {
    this.loaded.set(false);
    this.error.set(null);
    try {
      const view = await this.api.get<ChatSettingsView | OwnCannedResponses>(path);
      if (path !== this.path()) return;
      this.show(view.cannedResponses ?? []);
      this.loaded.set(true);
    } catch (e) {
      this.error.set(toUiError(e));
    }
  }

  private show(list: readonly CannedResponseView[]): void {
    this.rows.set(list.map((item) => ({ ...item, key: this.keys++ })));
  }
}

/** What the server would refuse, said before sending (row numbers from 1). */
function listProblem(list: readonly CannedResponseView[]): { key: string; params: Record<string, unknown> } | null {
  const seen = new Set<string>();
  for (const [i, { shortcut, text }] of list.entries()) {
    const row = i + 1;
    if (!text) return { key: 'canned.textRequired', params: { row } };
    if (charCount(text) > Limits.cannedTextMaxChars) return { key: 'canned.textTooLong', params: { row, max: Limits.cannedTextMaxChars } };
    if (/\s/.test(shortcut) || charCount(shortcut) > Limits.cannedShortcutMaxChars) {
      return { key: 'canned.badShortcut', params: { row, max: Limits.cannedShortcutMaxChars } };
    }
    const lower = shortcut.toLowerCase();
    if (shortcut && seen.has(lower)) return { key: 'canned.duplicate', params: { row, shortcut } };
    seen.add(lower);
  }
  return null;
}
