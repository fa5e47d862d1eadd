import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** The ↑ / ↓ pair of an ordered list row (agents, groups: the order visitors are offered them in). */
@Component({
  selector: 'kefu-move-buttons',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="kefu-button kefu-button--small"
      [attr.data-testid]="testIdPrefix() + '-up'"
      [disabled]="first() || disabled()"
      (click)="move.emit(-1)"
      [attr.aria-label]="'actions.moveUp' | transloco"
    >
      ↑
    </button>
    <button
      type="button"
      class="kefu-button kefu-button--small"
      [attr.data-testid]="testIdPrefix() + '-down'"
      [disabled]="last() || disabled()"
      (click)="move.emit(1)"
      [attr.aria-label]="'actions.moveDown' | transloco"
    >
      ↓
    </button>
  `,
  styles: ':host { display: contents; }',
})
export class MoveButtons {
  readonly first = input.required<boolean>();
  readonly last = input.required<boolean>();
  readonly disabled = input(false);
  readonly testIdPrefix = input.required<string>();
  readonly move = output<-1 | 1>();
}

/** `ids` with `id` swapped with its neighbour `by` places away; null when it has no such neighbour. */
export function movedOrder(ids: readonly string[], id: string, by: -1 | 1): string[] | null {
  const from = ids.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  const order = [...ids];
  [order[from], order[to]] = [order[to]!, order[from]!];
  return order;
}
