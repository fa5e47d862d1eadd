import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Limits, type ChatSettingsView } from '@kefu/contracts';
import { ApiClient, ErrorNotice, type UiError, toUiError } from '@kefu/ui';
import { ConfirmButton } from '../common/confirm-button';
import { charCount } from '../common/forms';
import { MoveButtons } from '../common/move-buttons';
import { RenameForm } from '../common/rename-form';
import { SiteContext } from './site-context';

/**
 * H3: the conversation categories of a site — add, rename, move up/down, delete. Agents pick one of
 * them when they categorise a chat (B11); with none, they type a category freely. Every change sends
 * the whole list, so the order on screen is the order agents see.
 */
@Component({
  selector: 'kefu-categories-editor',
  imports: [TranslocoPipe, ErrorNotice, ConfirmButton, MoveButtons, RenameForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="kefu-card">
      <h2>{{ 'categories.title' | transloco }}</h2>
      <p class="kefu-muted hint">{{ 'categories.hint' | transloco }}</p>
      <form class="add" (submit)="$event.preventDefault(); add()">
        <label class="kefu-field">
          <span>{{ 'categories.name' | transloco }}</span>
          <input data-testid="category-name" [value]="newName()" (input)="newName.set(valueOf($event))" [disabled]="!loaded()" />
        </label>
        <button type="submit" class="kefu-button kefu-button--primary" data-testid="category-add" [disabled]="busy() || !loaded()">
          {{ 'actions.add' | transloco }}
        </button>
      </form>
      @if (newNameProblem(); as p) {
        <small class="kefu-field__error" data-testid="category-problem">{{ p | transloco: { max: maxChars, count: maxCount } }}</small>
      }
      <kefu-error-notice [error]="error()" />
      @if (loaded()) {
        <ol class="list">
          @for (category of categories(); track category; let i = $index; let first = $first; let last = $last) {
            <li data-testid="category-row">
              @if (editing() === i) {
                <kefu-rename-form
                  testIdPrefix="category"
                  label="categories.name"
                  [value]="category"
                  [busy]="busy()"
                  [problem]="editNameProblem()"
                  [problemParams]="{ max: maxChars, count: maxCount }"
                  (saved)="rename(i, $event)"
                  (cancelled)="editing.set(null)"
                />
              } @else {
                <span class="name" data-testid="category-label">{{ category }}</span>
              }
              <span class="actions">
                <kefu-move-buttons testIdPrefix="category" [first]="first" [last]="last" [disabled]="busy()" (move)="move(i, $event)" />
                <button type="button" class="kefu-button kefu-button--small" data-testid="category-rename" (click)="startRename(i)">
                  {{ 'actions.rename' | transloco }}
                </button>
                <kefu-confirm-button
                  label="actions.delete"
                  question="categories.deleteQuestion"
                  [params]="{ name: category }"
                  testId="category-delete"
                  [disabled]="busy()"
                  (confirmed)="remove(i)"
                />
              </span>
            </li>
          } @empty {
            <li class="kefu-muted" data-testid="categories-empty">{{ 'categories.empty' | transloco }}</li>
          }
        </ol>
      } @else if (!error()) {
        <p class="kefu-muted">{{ 'common.loading' | transloco }}</p>
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
    .add {
      display: flex;
      gap: 0.75rem;
      align-items: flex-end;
      flex-wrap: wrap;
    }
    .add .kefu-field {
      flex: 1 1 240px;
    }
    .list {
      list-style: none;
      padding: 0;
      margin: 0.75rem 0 0;
      display: grid;
      gap: 0.35rem;
    }
    .list li {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem;
      flex-wrap: wrap;
      padding: 0.35rem 0;
      border-bottom: 1px solid var(--kefu-border, #e5e7eb);
    }
    .actions {
      display: flex;
      gap: 0.35rem;
      align-items: center;
      flex-wrap: wrap;
    }
  `,
})
export class CategoriesEditor {
  private readonly api = inject(ApiClient);
  private readonly context = inject(SiteContext);
  protected readonly maxChars = Limits.categoryMaxChars;
  protected readonly maxCount = Limits.categoriesMax;

  protected readonly categories = signal<readonly string[]>([]);
  protected readonly loaded = signal(false);
  protected readonly newName = signal('');
  protected readonly newNameProblem = signal<string | null>(null);
  protected readonly editing = signal<number | null>(null);
  protected readonly editNameProblem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<UiError | null>(null);

  constructor() {
    effect(() => {
      const siteId = this.context.siteId();
      if (siteId) untracked(() => void this.load(siteId));
    });
  }

  protected valueOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async add(): Promise<void> {
    const name = this.newName().trim();
    const problem = nameProblem(name, this.categories()) ?? (this.categories().length >= Limits.categoriesMax ? 'categories.tooMany' : null);
    this.newNameProblem.set(problem);
    if (problem) return;
    if (await this.save([...this.categories(), name])) this.newName.set('');
  }

  protected startRename(index: number): void {
    this.editing.set(index);
    this.editNameProblem.set(null);
  }

  protected async rename(index: number, name: string): Promise<void> {
    const current = this.categories();
    if (name === current[index]) {
      this.editing.set(null);
      return;
    }
    const problem = nameProblem(
      name,
      current.filter((_, i) => i !== index),
    );
    this.editNameProblem.set(problem);
    if (problem) return;
    if (await this.save(current.map((c, i) => (i === index ? name : c)))) this.editing.set(null);
  }

  protected async move(index: number, by: -1 | 1): Promise<void> {
    const list = [...this.categories()];
    const to = index + by;
    if (to < 0 || to >= list.length) return;
    [list[index], list[to]] = [list[to]!, list[index]!];
    await this.save(list);
  }

  protected async remove(index: number): Promise<void> {
    await this.save(this.categories().filter((_, i) => i !== index));
  }

  private async load(siteId: string): Promise<void> {
    this.loaded.set(false);
    this.error.set(null);
    try {
      const settings = await this.api.get<ChatSettingsView>(`/sites/${encodeURIComponent(siteId)}/chat-settings`);
      if (siteId !== this.context.siteId()) return;
      this.categories.set(settings.categories ?? []);
      this.loaded.set(true);
    } catch (e) {
      this.error.set(toUiError(e));
    }
  }

  /** One write at a time; the list shown is the one the server answers with. */
  private async save(categories: string[]): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = await this.api.put<ChatSettingsView>(`/sites/${encodeURIComponent(this.context.siteId())}/chat-settings`, { categories });
      this.categories.set(saved.categories);
      return true;
    } catch (e) {
      this.error.set(toUiError(e));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}

function nameProblem(name: string, others: readonly string[]): string | null {
  if (!name) return 'validation.required';
  if (charCount(name) > Limits.categoryMaxChars) return 'validation.maxChars';
  if (others.includes(name)) return 'categories.duplicate';
  return null;
}
