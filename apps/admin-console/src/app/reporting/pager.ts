import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { NumberPipe } from './format';
import { PAGE_SIZE } from './site-period';

/** "共 123 条 · 第 2/3 页" with previous/next. */
@Component({
  selector: 'kefu-pager',
  imports: [TranslocoPipe, NumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="pager">
      <span data-testid="total">{{ 'reporting.total' | transloco: { count: (total() | num: lang()) } }}</span>
      @if (pages() > 1) {
        <button
          type="button"
          class="kefu-button kefu-button--small no-print"
          data-testid="page-prev"
          [disabled]="page() <= 1"
          (click)="pageChange.emit(page() - 1)"
        >
          {{ 'reporting.prev' | transloco }}
        </button>
        <span>{{ 'reporting.pageOf' | transloco: { page: page(), pages: pages() } }}</span>
        <button
          type="button"
          class="kefu-button kefu-button--small no-print"
          data-testid="page-next"
          [disabled]="page() >= pages()"
          (click)="pageChange.emit(page() + 1)"
        >
          {{ 'reporting.next' | transloco }}
        </button>
      }
    </div>
  `,
  styles: `
    .pager {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      margin: 0.75rem 0;
      font-size: 0.875rem;
      color: var(--kefu-muted);
    }
  `,
})
export class Pager {
  readonly total = input.required<number>();
  readonly page = input(1);
  readonly lang = input.required<string>();
  readonly pageChange = output<number>();
  protected readonly pages = computed(() => Math.max(1, Math.ceil(this.total() / PAGE_SIZE)));
}
