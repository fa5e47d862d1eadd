import { ChangeDetectionStrategy, Component, input, model, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { normaliseHost } from './forms';

/** D1: the host names the widget may run on (sub-domains included). Adds a typed entry only when it is a host name. */
@Component({
  selector: 'kefu-domain-list',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="domains" data-testid="domain-list">
      @for (domain of domains(); track domain) {
        <li data-testid="domain-item">
          <span>{{ domain }}</span>
          <button
            type="button"
            class="remove"
            [attr.aria-label]="'domains.remove' | transloco: { domain }"
            [attr.data-testid]="'domain-remove'"
            (click)="remove(domain)"
          >
            ×
          </button>
        </li>
      } @empty {
        <li class="kefu-muted empty">{{ 'domains.empty' | transloco }}</li>
      }
    </ul>
    <div class="add">
      <input
        data-testid="domain-input"
        [value]="draft()"
        (input)="draft.set($any($event.target).value)"
        (keydown.enter)="$event.preventDefault(); add()"
        placeholder="www.example.com"
        [attr.aria-label]="'domains.new' | transloco"
      />
      <button type="button" class="kefu-button kefu-button--small" data-testid="domain-add" [disabled]="domains().length >= max()" (click)="add()">
        {{ 'actions.add' | transloco }}
      </button>
    </div>
    @if (problem(); as p) {
      <small class="kefu-field__error">{{ p | transloco: { max: max() } }}</small>
    }
  `,
  styles: `
    .domains {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      padding: 0;
      margin: 0 0 0.5rem;
    }
    .domains li {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.1rem 0.25rem 0.1rem 0.6rem;
      border-radius: 999px;
      background: #eef4ff;
      font-size: 0.85rem;
    }
    .domains li.empty {
      background: none;
      padding: 0;
    }
    .remove {
      border: none;
      background: none;
      cursor: pointer;
      color: var(--kefu-muted);
      font-size: 1rem;
      line-height: 1;
    }
    .add {
      display: flex;
      gap: 0.5rem;
    }
    .add input {
      flex: 1;
    }
  `,
})
export class DomainList {
  readonly domains = model.required<string[]>();
  readonly max = input(50);
  protected readonly draft = signal('');
  protected readonly problem = signal<string | null>(null);

  protected add(): void {
    const raw = this.draft().trim();
    if (!raw) return;
    const host = normaliseHost(raw);
    if (!host) {
      this.problem.set('domains.invalid');
      return;
    }
    if (this.domains().length >= this.max()) {
      this.problem.set('domains.tooMany');
      return;
    }
    this.problem.set(null);
    this.draft.set('');
    if (!this.domains().includes(host)) this.domains.set([...this.domains(), host]);
  }

  protected remove(domain: string): void {
    this.domains.set(this.domains().filter((d) => d !== domain));
  }
}
